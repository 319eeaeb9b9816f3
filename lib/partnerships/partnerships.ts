import { db } from "../db/client.ts";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

/** The partnerships a tenant belongs to, for its settings page (row-level security: member rows of its own
 * partnerships only). */
export async function listTenantPartnerships(ctx: TenantContext) {
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, (tx) =>
    tx.partnershipMember.findMany({
      where: { tenantId: ctx.tenantId, status: { not: "LEFT" } },
      include: {
        partnership: {
          include: {
            members: {
              where: { status: { not: "LEFT" } },
              include: { tenant: { select: { name: true, country: true } } },
            },
          },
        },
      },
      orderBy: { createdAt: "asc" },
    }),
  );
}

/** A tenant administrator opts in to, or out of, sharing the tenant's aggregated figures with a partnership. */
export async function setIndicatorSharing(options: { ctx: TenantContext; partnershipId: string; share: boolean }) {
  const { ctx, partnershipId, share } = options;
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, async (tx) => {
    const { count } = await tx.partnershipMember.updateMany({
      where: { partnershipId, tenantId: ctx.tenantId, status: "ACTIVE" },
      data: { sharesIndicators: share },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, {
      action: share ? "partnership.sharingOn" : "partnership.sharingOff",
      entityType: "Partnership",
      entityId: partnershipId,
    });
  });
}

const partnershipSlug = (s: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length >= 2 && s.length <= 60;

/** A tenant administrator starts a partnership; the tenant is its first member. */
export async function createPartnership(options: {
  ctx: TenantContext;
  name: string;
  slug: string;
  description?: string;
}) {
  const { ctx, name, slug } = options;
  assertCan(ctx, "settings.manage");
  if (!partnershipSlug(slug)) throw new AppError("INVALID_INPUT", "errors:invalidInput", { slug: "validation.slug" });
  if (await db().partnership.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError("CONFLICT", "errors:invalidInput", { slug: "validation.slugTaken" });
  }
  return withTenant(ctx, async (tx) => {
    const partnership = await tx.partnership.create({
      data: {
        slug,
        name,
        description: options.description ?? null,
        members: { create: { tenantId: ctx.tenantId, status: "ACTIVE", joinedAt: new Date() } },
      },
    });
    await recordAudit(tx, ctx, { action: "partnership.created", entityType: "Partnership", entityId: partnership.id });
    return partnership;
  });
}

/**
 * Invites another municipality (in Norway or Sweden) by its address; its administrator accepts or declines.
 * The invitation row belongs to the invited tenant, so it is written by the database's one narrow path for
 * that (samspill_invite_partnership_member: the inviter must be an active member), in the same transaction
 * as the audit event.
 */
export async function invitePartnershipMember(options: {
  ctx: TenantContext;
  partnershipId: string;
  tenantSlug: string;
}) {
  const { ctx, partnershipId, tenantSlug } = options;
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const [{ result }] = await tx.$queryRaw<
      { result: string }[]
    >`select samspill_invite_partnership_member(${partnershipId}, ${tenantSlug}) as result`;
    if (result === "not_member") throw new AppError("NOT_FOUND", "errors:notFound");
    if (result === "unknown_tenant")
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { tenantSlug: "validation.unknownMunicipality" });
    if (result === "already_member")
      throw new AppError("CONFLICT", "errors:invalidInput", { tenantSlug: "validation.alreadyInPartnership" });
    await recordAudit(tx, ctx, {
      action: "partnership.invited",
      entityType: "Partnership",
      entityId: partnershipId,
      details: { tenantSlug: tenantSlug.trim().toLowerCase() },
    });
  });
}

/** The invited tenant's administrator accepts (joins, not yet sharing) or declines; a member can leave. */
export async function respondToPartnership(options: {
  ctx: TenantContext;
  partnershipId: string;
  answer: "accept" | "decline" | "leave";
}) {
  const { ctx, partnershipId, answer } = options;
  assertCan(ctx, "settings.manage");
  const from = answer === "leave" ? "ACTIVE" : "INVITED";
  await withTenant(ctx, async (tx) => {
    const { count } = await tx.partnershipMember.updateMany({
      where: { partnershipId, tenantId: ctx.tenantId, status: from },
      data:
        answer === "accept" ? { status: "ACTIVE", joinedAt: new Date() } : { status: "LEFT", sharesIndicators: false },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, { action: `partnership.${answer}`, entityType: "Partnership", entityId: partnershipId });
  });
}
