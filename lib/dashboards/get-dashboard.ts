import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { env } from "../env.ts";
import { computeIndicators } from "./indicators.ts";
import { buildTables } from "./tables.ts";
import { effectiveThreshold } from "./protection.ts";
import { sharedFilters, type DashboardFilters } from "./filters.ts";
import type { Dimension } from "./definitions.ts";

export type Translate = (key: string) => string;

/** The tenant's disclosure threshold (its setting, or the deployment's default), read inside its transaction. */
export async function tenantThreshold(tx: Tx, tenantId: string): Promise<number> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { disclosureThreshold: true } });
  return effectiveThreshold(tenant.disclosureThreshold, env().SUPPRESSION_THRESHOLD);
}

/**
 * A tenant's dashboard. Coordinators and administrators see exact figures, and can preview the shared view
 * ("as partners see it", optionally as one partner organisation sees it: only its pilots). A partner viewer
 * always gets the shared view over the pilots their organisation takes part in: protected figures
 * (lib/dashboards/protection.ts) and period windows in whole years.
 */
export async function getTenantDashboard(
  ctx: TenantContext,
  requested: DashboardFilters,
  options: { preferShared?: boolean; asOrganisation?: string; t: Translate; today?: Date },
) {
  assertCan(ctx, "dashboard.view");
  const isPartner = ctx.role === "PARTNER_VIEWER";
  const shared = isPartner || options.preferShared === true;
  const viewOrganisation = isPartner ? (ctx.organisationId ?? "") : shared ? options.asOrganisation : undefined;
  const filters = shared ? sharedFilters(requested) : requested;
  return withTenant(ctx, async (tx) => {
    const organisations = await tx.organisation.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    const restrictTo = viewOrganisation !== undefined && (isPartner || organisations.some((o) => o.id === viewOrganisation)) ? viewOrganisation : undefined;
    const pilots = await tx.pilot.findMany({
      where: { tenantId: ctx.tenantId, ...(restrictTo !== undefined ? { organisations: { some: { organisationId: restrictTo } } } : {}) },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    });
    const threshold = await tenantThreshold(tx, ctx.tenantId);
    const grouped = await computeIndicators(tx, {
      tenantId: ctx.tenantId,
      filters,
      pilotIds: restrictTo !== undefined ? pilots.map((p) => p.id) : undefined,
      today: options.today,
      keys: shared,
    });
    const names = new Map([...pilots, ...organisations].map((x) => [x.id, x.name]));
    const label = (dimension: Dimension, key: string | null) => labelFor(dimension, key, names, options.t);
    const tables = buildTables({ grouped, point: filters.point, protection: shared ? { threshold } : null, label, totalLabel: options.t("dashboard:total") });
    // The partnerships whose shared page the dashboard links to, in the same transaction.
    const partnerships = (await tx.partnershipMember.findMany({
      where: { tenantId: ctx.tenantId, status: "ACTIVE" },
      select: { partnership: { select: { slug: true, name: true } } },
    })).map((m) => m.partnership);
    return { shared, threshold, filters, pilots, organisations, asOrganisation: shared && !isPartner ? restrictTo : undefined, tables, partnerships };
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
