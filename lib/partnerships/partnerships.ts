import { db } from "../db/client.ts";
import { withTenant, withUser, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { env } from "../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { computeIndicators } from "../dashboards/indicators.ts";
import { emptyRow, outcomeTable } from "../dashboards/tables.ts";
import { POINTS, type IndicatorRow, type Point } from "../dashboards/definitions.ts";
import type { DashboardFilters } from "../dashboards/filters.ts";

function addRows(a: IndicatorRow, b: IndicatorRow): IndicatorRow {
  const sum = { ...emptyRow(), medianDaysToJob: null };
  for (const k of ["enrolled", "active", "exited", "inActivity", "inPractice", "inJob"] as const) sum[k] = a[k] + b[k];
  for (const point of POINTS) {
    for (const k of Object.keys(a.points[point]) as (keyof IndicatorRow["points"][Point])[]) sum.points[point][k] = a.points[point][k] + b.points[point][k];
  }
  return sum;
}

/** The partnerships a tenant belongs to, for its settings page. */
export async function listTenantPartnerships(ctx: TenantContext) {
  assertCan(ctx, "settings.manage");
  return db().partnershipMember.findMany({
    where: { tenantId: ctx.tenantId, status: { not: "LEFT" } },
    include: { partnership: { include: { members: { where: { status: { not: "LEFT" } }, include: { tenant: { select: { name: true, country: true } } } } } } },
    orderBy: { createdAt: "asc" },
  });
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
    await recordAudit(tx, ctx, { action: share ? "partnership.sharingOn" : "partnership.sharingOff", entityType: "Partnership", entityId: partnershipId });
  });
}

/**
 * A partnership's dashboard: each member tenant's aggregated figures side by side, and combined, for the
 * members who opted in. Only members of a member tenant may see it; only suppressed aggregates cross tenants.
 */
export async function getPartnershipDashboard(userId: string, slug: string, filters: DashboardFilters, options: { totalLabel: string; today?: Date }) {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  const partnership = await db().partnership.findUnique({
    where: { slug },
    include: { members: { where: { status: "ACTIVE" }, include: { tenant: { select: { id: true, name: true, country: true, status: true } } } } },
  });
  if (!partnership) return null;
  const memberTenantIds = partnership.members.map((m) => m.tenantId);
  const mine = await withUser(userId, (tx) => tx.membership.findMany({ where: { userId, tenantId: { in: memberTenantIds } }, select: { tenantId: true } }));
  if (mine.length === 0) return null;

  const sharing = partnership.members.filter((m) => m.sharesIndicators && m.tenant.status === "ACTIVE");
  const perTenant: { key: string; label: string; row: IndicatorRow }[] = [];
  for (const member of sharing) {
    const grouped = await withTenant({ tenantId: member.tenantId }, (tx) =>
      computeIndicators(tx, { tenantId: member.tenantId, filters: { ...filters, pilot: undefined }, today: options.today }));
    perTenant.push({ key: member.tenantId, label: `${member.tenant.name} (${member.tenant.country})`, row: grouped.find((g) => g.dimension === "total")?.row ?? emptyRow() });
  }
  const combined = perTenant.reduce((acc, m) => addRows(acc, m.row), emptyRow());
  const rows = [...perTenant, { key: "total", label: options.totalLabel, isTotal: true, row: combined }];
  const threshold = env().SUPPRESSION_THRESHOLD;
  return {
    partnership: { id: partnership.id, slug: partnership.slug, name: partnership.name, description: partnership.description },
    members: partnership.members.map((m) => ({ tenantId: m.tenantId, name: m.tenant.name, country: m.tenant.country, sharing: m.sharesIndicators })),
    byPoint: Object.fromEntries(POINTS.map((point) => [point, outcomeTable(`members-${point}`, rows, point, true, threshold, true)])) as Record<Point, ReturnType<typeof outcomeTable>>,
  };
}

/** The partnerships a tenant takes part in, for links from its dashboard (any member of the tenant). */
export async function listPartnershipLinks(ctx: TenantContext) {
  assertCan(ctx, "dashboard.view");
  const rows = await db().partnershipMember.findMany({
    where: { tenantId: ctx.tenantId, status: "ACTIVE" },
    select: { partnership: { select: { slug: true, name: true } } },
  });
  return rows.map((r) => r.partnership);
}

const partnershipSlug = (s: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length >= 2 && s.length <= 60;

/** A tenant administrator starts a partnership; the tenant is its first member. */
export async function createPartnership(options: { ctx: TenantContext; name: string; slug: string; description?: string }) {
  const { ctx, name, slug } = options;
  assertCan(ctx, "settings.manage");
  if (!partnershipSlug(slug)) throw new AppError("INVALID_INPUT", "errors:invalidInput", { slug: "validation.slug" });
  if (await db().partnership.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError("CONFLICT", "errors:invalidInput", { slug: "validation.slugTaken" });
  }
  return withTenant(ctx, async (tx) => {
    const partnership = await tx.partnership.create({
      data: { slug, name, description: options.description ?? null, members: { create: { tenantId: ctx.tenantId, status: "ACTIVE", joinedAt: new Date() } } },
    });
    await recordAudit(tx, ctx, { action: "partnership.created", entityType: "Partnership", entityId: partnership.id });
    return partnership;
  });
}

async function requireActiveMember(ctx: TenantContext, partnershipId: string) {
  const member = await db().partnershipMember.findUnique({ where: { partnershipId_tenantId: { partnershipId, tenantId: ctx.tenantId } } });
  if (!member || member.status !== "ACTIVE") throw new AppError("NOT_FOUND", "errors:notFound");
}

/** Invites another municipality (in Norway or Sweden) by its address; its administrator accepts or declines. */
export async function invitePartnershipMember(options: { ctx: TenantContext; partnershipId: string; tenantSlug: string }) {
  const { ctx, partnershipId, tenantSlug } = options;
  assertCan(ctx, "settings.manage");
  await requireActiveMember(ctx, partnershipId);
  const invited = await db().tenant.findUnique({ where: { slug: tenantSlug.trim().toLowerCase() }, select: { id: true, status: true } });
  if (!invited || invited.status !== "ACTIVE") throw new AppError("INVALID_INPUT", "errors:invalidInput", { tenantSlug: "validation.unknownMunicipality" });
  const existing = await db().partnershipMember.findUnique({ where: { partnershipId_tenantId: { partnershipId, tenantId: invited.id } } });
  if (existing && existing.status !== "LEFT") throw new AppError("CONFLICT", "errors:invalidInput", { tenantSlug: "validation.alreadyInPartnership" });
  await db().partnershipMember.upsert({
    where: { partnershipId_tenantId: { partnershipId, tenantId: invited.id } },
    create: { partnershipId, tenantId: invited.id, status: "INVITED" },
    update: { status: "INVITED", sharesIndicators: false, joinedAt: null },
  });
  await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: "partnership.invited", entityType: "Partnership", entityId: partnershipId }));
}

/** The invited tenant's administrator accepts (joins, not yet sharing) or declines; a member can leave. */
export async function respondToPartnership(options: { ctx: TenantContext; partnershipId: string; answer: "accept" | "decline" | "leave" }) {
  const { ctx, partnershipId, answer } = options;
  assertCan(ctx, "settings.manage");
  const from = answer === "leave" ? "ACTIVE" : "INVITED";
  const { count } = await db().partnershipMember.updateMany({
    where: { partnershipId, tenantId: ctx.tenantId, status: from },
    data: answer === "accept" ? { status: "ACTIVE", joinedAt: new Date() } : { status: "LEFT", sharesIndicators: false },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
  await withTenant(ctx, (tx) => recordAudit(tx, ctx, { action: `partnership.${answer}`, entityType: "Partnership", entityId: partnershipId }));
}
