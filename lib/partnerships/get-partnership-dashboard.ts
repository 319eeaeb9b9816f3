import "server-only";
import { db } from "../db/client.ts";
import { withTenant, withUser, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { computeIndicators } from "../dashboards/indicators.ts";
import { emptyRow, outcomeTable, publishRow, zeroKeys } from "../dashboards/tables.ts";
import { tenantThreshold } from "../dashboards/get-dashboard.ts";
import { cellKey, effectiveThreshold } from "../dashboards/protection.ts";
import { env } from "../env.ts";
import { sharedFilters, type DashboardFilters } from "../dashboards/filters.ts";
import { POINTS, zipCounts, type Counts, type IndicatorRow, type Point } from "../dashboards/definitions.ts";

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

/**
 * A partnership's dashboard: each member tenant's figures side by side, and combined, for the members who
 * opted in. Only members of a member tenant may see it. Only protected figures cross tenants: each member's
 * counts with their cell keys, the combined counts with the combined keys (the same people always publish the
 * same value), under the strictest threshold among the sharing members, period windows in whole years.
 */
export async function getPartnershipDashboard(
  userId: string,
  slug: string,
  requested: DashboardFilters,
  options: { totalLabel: string; today?: Date },
) {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  const filters = sharedFilters({ ...requested, pilot: undefined });
  // As the user: row-level security shows the member rows only of partnerships one of their tenants is in.
  const partnership = await withUser(userId, (tx) =>
    tx.partnership.findUnique({
      where: { slug },
      include: {
        members: {
          where: { status: "ACTIVE" },
          include: { tenant: { select: { id: true, name: true, country: true, status: true } } },
        },
      },
    }),
  );
  if (!partnership || partnership.members.length === 0) return null;
  const memberTenantIds = partnership.members.map((m) => m.tenantId);
  const mine = await withUser(userId, (tx) =>
    tx.membership.findMany({ where: { userId, tenantId: { in: memberTenantIds } }, select: { tenantId: true } }),
  );
  if (mine.length === 0) return null;

  const sharing = partnership.members.filter((m) => m.sharesIndicators && m.tenant.status === "ACTIVE");
  const perTenant: { key: string; label: string; row: IndicatorRow; keys: Counts<number>; threshold: number }[] = [];
  for (const member of sharing) {
    const { grouped, threshold } = await withTenant({ tenantId: member.tenantId }, async (tx) => ({
      grouped: await computeIndicators(tx, { tenantId: member.tenantId, filters, today: options.today, keys: true }),
      threshold: await tenantThreshold(tx, member.tenantId),
    }));
    const total = grouped.find((g) => g.dimension === "total");
    perTenant.push({
      key: member.tenantId,
      label: `${member.tenant.name} (${member.tenant.country})`,
      row: total?.row ?? emptyRow(),
      keys: total?.keys ?? zeroKeys(),
      threshold,
    });
  }
  const combined = perTenant.reduce(
    (acc, m) => ({ ...zipCounts(acc, m.row, (a, b) => a + b), medianDaysToJob: null }),
    emptyRow(),
  );
  const combinedKeys = perTenant.reduce((acc, m) => zipCounts(acc, m.keys, (a, b) => cellKey(a + b)), zeroKeys());
  const threshold =
    perTenant.length > 0
      ? Math.max(...perTenant.map((m) => m.threshold))
      : effectiveThreshold(null, env().SUPPRESSION_THRESHOLD);
  const protection = { threshold };
  const rows = [
    ...perTenant.map((m) => ({ key: m.key, label: m.label, row: publishRow(m.row, m.keys, protection) })),
    { key: "total", label: options.totalLabel, isTotal: true, row: publishRow(combined, combinedKeys, protection) },
  ];
  return {
    partnership: {
      id: partnership.id,
      slug: partnership.slug,
      name: partnership.name,
      description: partnership.description,
    },
    members: partnership.members.map((m) => ({
      tenantId: m.tenantId,
      name: m.tenant.name,
      country: m.tenant.country,
      sharing: m.sharesIndicators,
    })),
    threshold,
    filters,
    byPoint: Object.fromEntries(
      POINTS.map((point) => [point, outcomeTable(`members-${point}`, rows, point, protection)]),
    ) as Record<Point, ReturnType<typeof outcomeTable>>,
  };
}

/**
 * A tenant administrator starts a partnership; the tenant is its first member. The slug's form is checked once,
 * by createPartnershipSchema (lib/partnerships/schemas.ts), where the form is parsed.
 */
export async function createPartnership(options: {
  ctx: TenantContext;
  name: string;
  slug: string;
  description?: string;
}) {
  const { ctx, name, slug } = options;
  assertCan(ctx, "settings.manage");
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
