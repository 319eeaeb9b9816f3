import { LRUCache } from "lru-cache";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tenant.ts";
import {
  CATEGORY_STATUSES,
  POINTS,
  POINT_COUNT_FIELDS,
  POINT_MONTHS,
  type Counts,
  type Dimension,
  type IndicatorRow,
  type Point,
  type PointCounts,
} from "./definitions.ts";
import { KEY_SPACE } from "./protection.ts";
import { periodBound, type DashboardFilters } from "./filters.ts";
import { deepFreeze } from "../cache/derived.ts";
import { noteCacheLookup } from "../cache/lookups.ts";

export type IndicatorScope = {
  tenantId: string;
  filters: DashboardFilters;
  /** Only these pilots (a partner viewer sees the pilots their organisation takes part in). */
  pilotIds?: string[];
  today?: Date;
  /** Also compute each count's cell key (for the protected, shared figures). */
  keys?: boolean;
};

export type GroupedRow = {
  dimension: Dimension | "total";
  key: string | null;
  row: IndicatorRow;
  /** Each count's cell key, when asked for (`keys: true`): only figures that leave the tenant need them. */
  keys?: Counts<number>;
};

/**
 * One row per enrolment with everything the indicators need, computed in the database in one pass over each
 * table: activities folded per participant (any activity, any work practice, job start dates, places of
 * practice and work), outcomes pivoted per enrolment. Only participants who may count in statistics:
 * anonymous registrations, or an active consent to statistics.
 */
export function factsSql(scope: IndicatorScope): Prisma.Sql {
  const { tenantId, filters } = scope;
  const today = isoDay(scope.today ?? new Date());
  const conditions: Prisma.Sql[] = [Prisma.sql`e."tenantId" = ${tenantId}`];
  if (filters.from) conditions.push(Prisma.sql`e."startDate" >= ${periodBound(filters.from, "start")}::date`);
  if (filters.to) conditions.push(Prisma.sql`e."startDate" < ${periodBound(filters.to, "endExclusive")}::date`);
  if (filters.pilot) conditions.push(Prisma.sql`e."pilotId" = ${filters.pilot}`);
  if (filters.targetGroup) conditions.push(Prisma.sql`p."targetGroup"::text = ${filters.targetGroup}`);
  if (scope.pilotIds) conditions.push(Prisma.sql`e."pilotId" = any(${scope.pilotIds}::text[])`);
  const dueColumns = POINTS.map(
    (point) =>
      Prisma.sql`(e."exitDate" is not null and (e."exitDate" + make_interval(months => ${POINT_MONTHS[point]}))::date <= ${today}::date) as ${Prisma.raw(`"due_${point}"`)}`,
  );
  const pivot = POINTS.map(
    (point) => Prisma.sql`
      max(o.status::text) filter (where o.point::text = ${point}) as ${Prisma.raw(`"status_${point}"`)},
      max(o."workingTime"::text) filter (where o.point::text = ${point}) as ${Prisma.raw(`"time_${point}"`)}`,
  );
  const pointColumns = POINTS.map((point) => Prisma.raw(`oc."status_${point}", oc."time_${point}"`));
  return Prisma.sql`
    e as (
      select e.id, e."participantId", e."pilotId", e."startDate", e."exitDate", e."recordKey",
             p."targetGroup"::text as "targetGroup", coalesce(p.gender::text, 'UNRECORDED') as gender,
             ${Prisma.join(dueColumns, ",")}
      from "Enrolment" e
      join "Participant" p on p."tenantId" = e."tenantId" and p.id = e."participantId"
      where ${Prisma.join(conditions, " and ")}
        and (p.anonymous or exists (select 1 from "Consent" c where c."tenantId" = e."tenantId" and c."participantId" = e."participantId"
                                      and c.purpose = 'STATISTICS' and c."withdrawnAt" is null))
    ),
    act as (
      select a."participantId",
             bool_or(a.type = 'WORK_PRACTICE') as practice,
             array_agg(a."startDate") filter (where a.type = 'EMPLOYMENT') as jobs,
             array_agg(a."organisationId") filter (where a.type in ('WORK_PRACTICE', 'EMPLOYMENT') and a."organisationId" is not null) as places
      from "Activity" a
      where a."tenantId" = ${tenantId} and a."participantId" in (select "participantId" from e)
      group by a."participantId"
    ),
    oc as (
      select o."enrolmentId", ${Prisma.join(pivot, ",")},
             array_agg(o."organisationId") filter (where o."organisationId" is not null) as places
      from "Outcome" o
      where o."tenantId" = ${tenantId} and o."enrolmentId" in (select id from e)
      group by o."enrolmentId"
    ),
    f as materialized (
      select e.*, extract(year from e."startDate")::int::text as year, to_char(e."startDate", 'YYYY-"Q"Q') as quarter,
             act."participantId" is not null as "inActivity",
             coalesce(act.practice, false) as "inPractice",
             (select min(j) from unnest(act.jobs) j where j >= e."startDate") as "firstJob",
             ${Prisma.join(pointColumns, ",")},
             coalesce(act.places, '{}') || coalesce(oc.places, '{}') as places
      from e
      left join act on act."participantId" = e."participantId"
      left join oc on oc."enrolmentId" = e.id
    )`;
}

/** The counts of a row, each as (column name, the condition an enrolment fact `f` must meet). */
function countConditions(): [string, Prisma.Sql][] {
  const conditions: [string, Prisma.Sql][] = [
    ["enrolled", Prisma.sql`true`],
    ["active", Prisma.sql`f."exitDate" is null`],
    ["exited", Prisma.sql`f."exitDate" is not null`],
    ["inActivity", Prisma.sql`f."inActivity"`],
    ["inPractice", Prisma.sql`f."inPractice"`],
    ["inJob", Prisma.sql`f."firstJob" is not null`],
  ];
  for (const point of POINTS) {
    const due = Prisma.raw(`f."due_${point}"`);
    const status = Prisma.raw(`f."status_${point}"`);
    const time = Prisma.raw(`f."time_${point}"`);
    const inStatuses = (statuses: string[]) => Prisma.sql`${due} and ${status} = any(${statuses}::text[])`;
    conditions.push(
      [`due_${point}`, Prisma.sql`${due}`],
      [`permanent_${point}`, inStatuses(CATEGORY_STATUSES.permanent)],
      [`temporary_${point}`, inStatuses(CATEGORY_STATUSES.temporary)],
      [`education_${point}`, inStatuses(CATEGORY_STATUSES.education)],
      [`other_${point}`, inStatuses(CATEGORY_STATUSES.other)],
      [`unknown_${point}`, Prisma.sql`${due} and (${status} is null or ${status} = 'UNKNOWN')`],
      [`permanentFullTime_${point}`, Prisma.sql`${due} and ${status} = 'PERMANENT_JOB' and ${time} = 'FULL_TIME'`],
      [`permanentPartTime_${point}`, Prisma.sql`${due} and ${status} = 'PERMANENT_JOB' and ${time} = 'PART_TIME'`],
    );
  }
  return conditions;
}

/**
 * The aggregate columns over a set of enrolment facts `f`: each count, and with `keys` each count's cell key
 * (the sum of the record keys of the enrolments it counts, modulo the key space: lib/dashboards/protection.ts).
 */
function aggregatesSql(keys: boolean): Prisma.Sql {
  const columns = countConditions().flatMap(([name, condition]) => [
    Prisma.sql`count(*) filter (where ${condition})::int as ${Prisma.raw(`"${name}"`)}`,
    ...(keys
      ? [
          Prisma.sql`(coalesce(sum(f."recordKey") filter (where ${condition}), 0) % ${KEY_SPACE})::int as ${Prisma.raw(`"k_${name}"`)}`,
        ]
      : []),
  ]);
  return Prisma.sql`
    ${Prisma.join(columns, ",\n    ")},
    percentile_cont(0.5) within group (order by f."firstJob" - f."startDate") filter (where f."firstJob" is not null) as "medianDaysToJob"`;
}

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
 * Every indicator of a dashboard in one set-based statement: the facts per enrolment once, then the total
 * and the breakdowns by pilot, target group, cohort year and quarter and gender (GROUPING SETS), and the
 * breakdown by partner organisation (where the practice or the job was), which is not a partition. Always runs
 * the statement: the app calls computeIndicators (below), which keeps its answers; `npm run bench` times this.
 */
export async function queryIndicators(tx: Tx, scope: IndicatorScope): Promise<GroupedRow[]> {
  const rows = await tx.$queryRaw<RawRow[]>`
    with ${factsSql(scope)}
    select case
             when grouping(f."pilotId") = 0 then 'pilot'
             when grouping(f."targetGroup") = 0 then 'targetGroup'
             when grouping(f.year) = 0 then 'year'
             when grouping(f.quarter) = 0 then 'quarter'
             when grouping(f.gender) = 0 then 'gender'
             else 'total' end as dimension,
           coalesce(f."pilotId", f."targetGroup", f.year, f.quarter, f.gender) as key,
           ${AGGREGATES[scope.keys === true ? 1 : 0]}
    from f
    group by grouping sets ((), (f."pilotId"), (f."targetGroup"), (f.year), (f.quarter), (f.gender))
    union all
    select 'organisation', pl.org, ${AGGREGATES[scope.keys === true ? 1 : 0]}
    from f cross join lateral (select distinct unnest(f.places) as org) pl
    group by pl.org`;
  return rows.map((raw) => ({
    dimension: raw.dimension as GroupedRow["dimension"],
    key: (raw.key as string | null) ?? null,
    row: toIndicatorRow(raw),
    ...(scope.keys ? { keys: toCounts(raw, "k_") } : {}),
  }));
}

/** The aggregate columns without and with cell keys: the same SQL for every request, so built once. */
const AGGREGATES = [aggregatesSql(false), aggregatesSql(true)] as const;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The version of a tenant's participant data as this transaction sees it: raised by a trigger in the same
 * commit as every change to participants, consents, enrolments, activities or outcomes (migration
 * 20261202190451_tenant_data_version); 0 before the first.
 */
export async function dataVersion(tx: Tx, tenantId: string): Promise<string> {
  const rows = await tx.$queryRaw<
    { version: string }[]
  >`select version::text as version from "TenantDataVersion" where "tenantId" = ${tenantId}`;
  return rows[0]?.version ?? "0";
}

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
  const day = isoDay(scope.today ?? new Date());
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
