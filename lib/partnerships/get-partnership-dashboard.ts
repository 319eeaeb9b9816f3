import "server-only";
import { withTenant, withUser } from "../db/tenant.ts";
import { computeIndicators } from "../dashboards/indicators.ts";
import { emptyRow, outcomeTable, publishRow, zeroKeys } from "../dashboards/tables.ts";
import { tenantThreshold } from "../dashboards/get-dashboard.ts";
import { cellKey, effectiveThreshold } from "../dashboards/protection.ts";
import { env } from "../env.ts";
import { sharedFilters, type DashboardFilters } from "../dashboards/filters.ts";
import { POINTS, zipCounts, type Counts, type IndicatorRow, type Point } from "../dashboards/definitions.ts";

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
