import "server-only";
import { z } from "zod";
import { idName, jsonList } from "../db/sql.ts";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { shownOrNotFound } from "./require-participant.ts";
import { OrganisationType } from "../db/generated/enums.ts";
import { Prisma } from "../db/generated/client.ts";

/**
 * Everything the participant page shows. Reading personal data is itself audited, in the same transaction.
 */
export async function getParticipant(ctx: TenantContext, participantId: string) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, (tx) => readParticipant(tx, ctx, participantId));
}

/** The participant page in one transaction: the participant (audited) and what its forms choose from. */
export async function getParticipantPage(ctx: TenantContext, participantId: string) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => ({
    ...(await readParticipant(tx, ctx, participantId)),
    options: await readFormOptions(tx, ctx),
  }));
}

/** The participant with its consents, enrolments, activities, outcomes and coordinator: one statement. */
async function readParticipant(tx: Tx, ctx: TenantContext, participantId: string) {
  const found = shownOrNotFound(
    await tx.participant.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: participantId } },
      include: {
        consents: {
          include: { partnerOrganisation: { select: { name: true } } },
          orderBy: [{ withdrawnAt: { sort: "asc", nulls: "first" } }, { givenAt: "desc" }],
        },
        enrolments: { include: { pilot: { select: { name: true, kind: true } } }, orderBy: { startDate: "desc" } },
        activities: {
          include: { organisation: { select: { name: true } } },
          orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
        },
        outcomes: { include: { organisation: { select: { name: true } } }, orderBy: { observedAt: "desc" } },
        coordinator: { select: { id: true, name: true } },
      },
    }),
  );
  const { consents, enrolments, activities, outcomes, coordinator, ...participant } = found;
  await recordAudit(tx, ctx, {
    action: "participant.viewed",
    entityType: "Participant",
    entityId: participantId,
    participantId,
  });
  return { participant, consents, enrolments, activities, outcomes, coordinator };
}

export type ParticipantDetails = Awaited<ReturnType<typeof getParticipant>>;

/** What the forms on the participant page choose from: organisations, pilots and coordinators. */
export async function getParticipantFormOptions(ctx: TenantContext) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, (tx) => readFormOptions(tx, ctx));
}

const formOptionsRow = z.tuple([
  z.object({
    organisations: z.array(idName.extend({ type: z.enum(OrganisationType) })),
    pilots: z.array(idName.extend({ status: z.enum(["DRAFT", "ACTIVE", "COMPLETED"]) })),
    coordinators: z.array(idName),
    country: z.enum(["NO", "SE"]),
  }),
]);
type FormOptions = z.infer<typeof formOptionsRow>[number];

/**
 * The organisations, the pilots still running, the coordinators (platform operators are not coordinators) and the
 * tenant's country (which statutory bases apply): one statement (row-level security applies).
 */
export async function readFormOptions(tx: Tx, ctx: TenantContext): Promise<FormOptions> {
  const tenantId = ctx.tenantId;
  const rows = await tx.$queryRaw<unknown[]>`
    select
      ${jsonList(
        { id: Prisma.sql`o.id`, name: Prisma.sql`o.name`, type: Prisma.sql`o.type` },
        Prisma.sql`from "Organisation" o where o."tenantId" = ${tenantId} and o.active`,
        Prisma.sql`o.name`,
      )} as organisations,
      ${jsonList(
        { id: Prisma.sql`p.id`, name: Prisma.sql`p.name`, status: Prisma.sql`p.status` },
        Prisma.sql`from "Pilot" p where p."tenantId" = ${tenantId} and p.status <> 'COMPLETED'`,
        Prisma.sql`p.name`,
      )} as pilots,
      ${jsonList(
        { id: Prisma.sql`u.id`, name: Prisma.sql`u.name` },
        Prisma.sql`from "Membership" m join "User" u on u.id = m."userId"
          where m."tenantId" = ${tenantId} and m.role in ('COORDINATOR', 'TENANT_ADMIN') and not u."platformAdmin"`,
      )} as coordinators,
      (select t.country from "Tenant" t where t.id = ${tenantId}) as country`;
  const [options] = formOptionsRow.parse(rows);
  return { ...options, coordinators: options.coordinators.sort((a, b) => a.name.localeCompare(b.name)) };
}
