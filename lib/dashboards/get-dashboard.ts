import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { env } from "../env.ts";
import { AppError } from "../errors.ts";
import { computeIndicators } from "./indicators.ts";
import { selectDashboardHead as dashboardHead } from "./queries.ts";
import { buildTables } from "./tables.ts";
import { effectiveThreshold } from "./protection.ts";
import { sharedFilters, type DashboardFilters } from "./filters.ts";
import type { Dimension } from "./definitions.ts";
import { deepFreeze, derivedCache } from "../cache/derived.ts";

export type Translate = (key: string) => string;

/** The tenant's disclosure threshold (its setting, or the deployment's default), read inside its transaction. */
export async function tenantThreshold(tx: Tx, tenantId: string): Promise<number> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { disclosureThreshold: true } });
  return effectiveThreshold(tenant.disclosureThreshold, env().SUPPRESSION_THRESHOLD);
}

/** Tables built from cached figures (lib/dashboards/indicators.ts), kept while those are. */
const sameTables = derivedCache<ReturnType<typeof buildTables>>(16, "dashboard_tables");

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
  // Partners read published releases (lib/releases), never figures computed from live data.
  if (ctx.role === "PARTNER_VIEWER") throw new AppError("NOT_FOUND", "errors:notFound");
  const isPartner = false;
  const shared = isPartner || options.preferShared === true;
  const viewOrganisation = isPartner ? (ctx.organisationId ?? "") : shared ? options.asOrganisation : undefined;
  const filters = shared ? sharedFilters(requested) : requested;
  return withTenant(ctx, async (tx) => {
    const head = await dashboardHead(tx, ctx.tenantId);
    const { organisations } = head;
    const restrictTo =
      viewOrganisation !== undefined && (isPartner || organisations.some((o) => o.id === viewOrganisation))
        ? viewOrganisation
        : undefined;
    const pilots = head.pilots
      .filter((p) => restrictTo === undefined || p.organisationIds.includes(restrictTo))
      .map(({ id, name }) => ({ id, name }));
    const threshold = effectiveThreshold(head.disclosureThreshold, env().SUPPRESSION_THRESHOLD);
    const grouped = await computeIndicators(
      tx,
      {
        tenantId: ctx.tenantId,
        filters,
        pilotIds: restrictTo !== undefined ? pilots.map((p) => p.id) : undefined,
        today: options.today,
        keys: shared,
      },
      { version: head.version },
    );
    const names = new Map([...pilots, ...organisations].map((x) => [x.id, x.name]));
    const label = (dimension: Dimension, key: string | null) => labelFor(dimension, key, names, options.t);
    // The same figures, translated the same way, with the same names and protection: the same tables.
    const tablesKey = JSON.stringify([filters.point, shared ? threshold : null, [...names]]);
    const tables = sameTables([grouped, options.t], tablesKey, () =>
      deepFreeze(
        buildTables({
          grouped,
          point: filters.point,
          protection: shared ? { threshold } : null,
          label,
          totalLabel: options.t("dashboard:total"),
        }),
      ),
    );
    return {
      shared,
      threshold,
      filters,
      pilots,
      organisations,
      asOrganisation: shared && !isPartner ? restrictTo : undefined,
      tables,
      partnerships: head.partnerships,
    };
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
