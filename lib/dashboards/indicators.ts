import "server-only";
import { LRUCache } from "lru-cache";
import type { Tx } from "../db/tenant.ts";
import {
  POINTS,
  POINT_COUNT_FIELDS,
  type Counts,
  type Dimension,
  type IndicatorRow,
  type Point,
  type PointCounts,
} from "./definitions.ts";
import { selectDataVersion, selectIndicatorRows, type IndicatorScope } from "./queries.ts";
import { deepFreeze } from "../cache/derived.ts";
import { noteCacheLookup } from "../cache/lookups.ts";

export type { IndicatorScope } from "./queries.ts";

export type GroupedRow = {
  dimension: Dimension | "total";
  key: string | null;
  row: IndicatorRow;
  /** Each count's cell key, when asked for (`keys: true`): only figures that leave the tenant need them. */
  keys?: Counts<number>;
};

type RawRow = Record<string, unknown>;

function toCounts(raw: RawRow, prefix: string): Counts<number> {
  const n = (k: string) => Number(raw[`${prefix}${k}`] ?? 0);
  return {
    enrolled: n("enrolled"),
    active: n("active"),
    exited: n("exited"),
    inActivity: n("inActivity"),
    inPractice: n("inPractice"),
    inJob: n("inJob"),
    points: Object.fromEntries(
      POINTS.map((point): [Point, PointCounts] => [
        point,
        Object.fromEntries(POINT_COUNT_FIELDS.map((k) => [k, n(`${k}_${point}`)])) as PointCounts,
      ]),
    ) as Record<Point, PointCounts>,
  };
}

function toIndicatorRow(raw: RawRow): IndicatorRow {
  return {
    ...toCounts(raw, ""),
    medianDaysToJob:
      raw.medianDaysToJob === null || raw.medianDaysToJob === undefined
        ? null
        : Math.round(Number(raw.medianDaysToJob)),
  };
}

/**
 * Every indicator of a dashboard (dashboardIndicatorsSql, lib/dashboards/queries.ts) as grouped rows. Always
 * runs the statement: the app calls computeIndicators (below), which keeps its answers; `npm run bench` times this.
 */
export async function queryIndicators(tx: Tx, scope: IndicatorScope): Promise<GroupedRow[]> {
  const rows = await selectIndicatorRows(tx, scope);
  return rows.map((raw) => ({
    dimension: raw.dimension,
    key: raw.key,
    row: toIndicatorRow(raw),
    ...(scope.keys ? { keys: toCounts(raw, "k_") } : {}),
  }));
}

/** The version of a tenant's participant data as this transaction sees it (lib/dashboards/queries.ts). */
export const dataVersion = selectDataVersion;

/**
 * Computed indicators kept per process: the same dashboard is asked for again and again (partners, the
 * report, the CSV and XLSX of its tables), and its statement is the heaviest a page runs (~100 ms of
 * PostgreSQL for a tenant of 2 000 participants). An entry is found only by everything the figures depend on —
 * the tenant, its data version, the day (what is due), the filters, the pilots in scope and whether cell keys
 * are wanted — so a change committed anywhere (another process, an import, an erasure) is never hidden: it
 * raises the version, and the next read computes again. Entries are frozen; the oldest go beyond `max`.
 */
const computed = new LRUCache<string, readonly GroupedRow[]>({ max: 500 });

/**
 * The indicators of a tenant's enrolments in scope, inside its transaction (row-level security applies), from
 * the cache while its data version is unchanged. `version`: the data version already read in this transaction
 * (before anything else of the tenant's data), else it is read here first.
 */
export async function computeIndicators(
  tx: Tx,
  scope: IndicatorScope,
  known?: { version: string },
): Promise<GroupedRow[]> {
  const version = known?.version ?? (await dataVersion(tx, scope.tenantId));
  const { from, to, pilot, targetGroup } = scope.filters;
  const day = (scope.today ?? new Date()).toISOString().slice(0, 10);
  const key = JSON.stringify([
    scope.tenantId,
    version,
    day,
    from ?? null,
    to ?? null,
    pilot ?? null,
    targetGroup ?? null,
    scope.pilotIds ?? null,
    scope.keys === true,
  ]);
  const hit = computed.get(key);
  noteCacheLookup("dashboard_indicators", hit !== undefined);
  if (hit) return hit as GroupedRow[];
  const rows = deepFreeze(await queryIndicators(tx, scope));
  computed.set(key, rows);
  return rows;
}
