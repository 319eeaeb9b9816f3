import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { env } from "../env.ts";
import { computeIndicators } from "./indicators.ts";
import { buildTables } from "./tables.ts";
import type { Dimension } from "./definitions.ts";
import type { DashboardFilters } from "./filters.ts";

export type Translate = (key: string) => string;

/**
 * A tenant's dashboard. Coordinators and administrators see exact figures (and can preview the shared
 * view); a partner viewer always gets the shared view, with small counts suppressed, over the pilots their
 * organisation takes part in.
 */
export async function getTenantDashboard(ctx: TenantContext, filters: DashboardFilters, options: { preferShared?: boolean; t: Translate; today?: Date }) {
  assertCan(ctx, "dashboard.view");
  const shared = ctx.role === "PARTNER_VIEWER" || options.preferShared === true;
  return withTenant(ctx, async (tx) => {
    const pilots = await tx.pilot.findMany({
      where: {
        tenantId: ctx.tenantId,
        ...(ctx.role === "PARTNER_VIEWER" ? { organisations: { some: { organisationId: ctx.organisationId ?? "" } } } : {}),
      },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    });
    const organisations = await tx.organisation.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
    const grouped = await computeIndicators(tx, {
      tenantId: ctx.tenantId,
      filters,
      pilotIds: ctx.role === "PARTNER_VIEWER" ? pilots.map((p) => p.id) : undefined,
      today: options.today,
    });
    const names = new Map([...pilots, ...organisations].map((x) => [x.id, x.name]));
    const label = (dimension: Dimension, key: string | null) => labelFor(dimension, key, names, options.t);
    const tables = buildTables({ grouped, point: filters.point, shared, threshold: env().SUPPRESSION_THRESHOLD, label, totalLabel: options.t("dashboard:total") });
    return { shared, pilots, tables };
  });
}

export function labelFor(dimension: Dimension, key: string | null, names: Map<string, string>, t: Translate): string {
  if (key === null) return "";
  switch (dimension) {
    case "pilot":
    case "organisation":
      return names.get(key) ?? key;
    case "targetGroup":
      return t(`enums:TargetGroup.${key}`);
    case "gender":
      return key === "UNRECORDED" ? t("dashboard:genderUnrecorded") : t(`enums:Gender.${key}`);
    default:
      return key;
  }
}
