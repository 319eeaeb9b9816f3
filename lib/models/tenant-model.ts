import "server-only";
import type { Db } from "../db/client.ts";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { Prisma } from "../db/generated/client.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { modelContentSchema, type ModelContent, type PartnerRole } from "./schemas.ts";

/** Lets a command or a test run on a given client (the demo data's seeding, the test database). */
export type ClientOption = { client?: Db };

/**
 * One model per tenant: the first statement of every model command takes a per-tenant lock, so two
 * first saves (or a save and an adoption) at the same moment cannot create two.
 */
export async function lockTenantModel(tx: Tx, tenantId: string) {
  await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`collaboration-model:${tenantId}`}, 0))`;
}

export async function findTenantModel(tx: Tx, tenantId: string) {
  const row = await tx.collaborationModel.findFirst({ where: { tenantId }, orderBy: { createdAt: "asc" } });
  return row ? { ...row, content: modelContentSchema.parse(row.content) } : null;
}
export type TenantModel = NonNullable<Awaited<ReturnType<typeof findTenantModel>>>;

/**
 * Inserts the tenant's model under the first free slug of `slugs`. ON CONFLICT DO NOTHING (createMany with
 * skipDuplicates) instead of a failing insert: slugs are unique across tenants, and another tenant's draft
 * is invisible here, so only the unique index can tell — without aborting the transaction.
 */
export async function insertModel(
  tx: Tx,
  data: {
    tenantId: string;
    slugs: string[];
    title: string;
    summary: string | null;
    content: ModelContent;
    sourceModelId?: string | null;
  },
) {
  for (const slug of data.slugs) {
    const { count } = await tx.collaborationModel.createMany({
      data: [
        {
          tenantId: data.tenantId,
          slug,
          title: data.title,
          summary: data.summary,
          status: "DRAFT",
          content: modelContentSchema.parse(data.content),
          sourceModelId: data.sourceModelId ?? null,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 1) return (await findTenantModel(tx, data.tenantId))!;
  }
  return null;
}

/** Maps a slug taken by another tenant (the unique index, on update) to a field error. */
export function slugConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    throw new AppError("CONFLICT", "errors:invalidInput", { slug: "models:form.slugTaken" });
  }
  throw error;
}

export type ChecklistItem = PartnerRole & { present: number };

/** The model's partner roles as a checklist: how many active organisations of each type the tenant has. */
export async function partnerChecklist(tx: Tx, tenantId: string, roles: PartnerRole[]): Promise<ChecklistItem[]> {
  const counts = await tx.organisation.groupBy({
    by: ["type"],
    where: { tenantId, active: true },
    _count: { _all: true },
  });
  const byType = new Map(counts.map((c) => [c.type as string, c._count._all]));
  return roles.map((r) => ({
    organisationType: r.organisationType,
    role: r.role,
    present: byType.get(r.organisationType) ?? 0,
  }));
}

/** The tenant's model (draft or published) with its partner checklist, for the workspace page; null if none. */
export async function getTenantModel(ctx: TenantContext, options: ClientOption = {}) {
  assertCan(ctx, "tenant.view");
  return withTenant(
    ctx,
    async (tx) => {
      const model = await findTenantModel(tx, ctx.tenantId);
      if (!model) return null;
      const source = model.sourceModelId
        ? await tx.collaborationModel.findFirst({
            where: { id: model.sourceModelId, status: "PUBLISHED" },
            select: { slug: true, title: true },
          })
        : null;
      return { model, source, checklist: await partnerChecklist(tx, ctx.tenantId, model.content.partnerRoles) };
    },
    options,
  );
}
