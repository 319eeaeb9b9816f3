import "server-only";
import { z } from "zod";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tenant.ts";
import { idName, jsonList } from "../db/sql.ts";
import { CATEGORY_STATUSES, DIMENSIONS, POINTS, POINT_MONTHS } from "./definitions.ts";
import { KEY_SPACE } from "./protection.ts";
import { periodBound, type DashboardFilters } from "./filters.ts";

/**
 * The dashboards' SQL, each statement once, its rows checked with zod where they come back. The facts
 * fragment (dashboardFactsSql) is the base the indicators, the bench's floor and partner releases build on.
 */

export type IndicatorScope = {
  tenantId: string;
  filters: DashboardFilters;
  /** Only these pilots (a partner viewer sees the pilots their organisation takes part in). */
  pilotIds?: string[];
  today?: Date;
  /** Also compute each count's cell key (for the protected, shared figures). */
  keys?: boolean;
};

/**
 * One row per enrolment with everything the indicators need, computed in the database in one pass over each
 * table: activities folded per participant (any activity, any work practice, job start dates, places of
 * practice and work), outcomes pivoted per enrolment. Only participants who may count in statistics:
 * anonymous registrations, or an active consent to statistics. A list of CTEs ending in `f` (one row per
 * enrolment), to follow `with`: the dashboard, the bench's floor and what is built on them share it.
 */
export function dashboardFactsSql(scope: IndicatorScope): Prisma.Sql {
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
export function indicatorAggregatesSql(keys: boolean): Prisma.Sql {
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

/** The aggregate columns without and with cell keys: the same SQL for every request, so built once. */
const AGGREGATES = [indicatorAggregatesSql(false), indicatorAggregatesSql(true)] as const;

/**
 * Every indicator of a dashboard in one set-based statement: the facts per enrolment once, then the total
 * and the breakdowns by pilot, target group, cohort year and quarter and gender (GROUPING SETS), and the
 * breakdown by partner organisation (where the practice or the job was), which is not a partition.
 * `npm run bench` runs the same statement with a plain pg client as its floor (`.text`, `.values`).
 */
export function dashboardIndicatorsSql(scope: IndicatorScope): Prisma.Sql {
  const aggregates = AGGREGATES[scope.keys === true ? 1 : 0];
  return Prisma.sql`
    with ${dashboardFactsSql(scope)}
    select case
             when grouping(f."pilotId") = 0 then 'pilot'
             when grouping(f."targetGroup") = 0 then 'targetGroup'
             when grouping(f.year) = 0 then 'year'
             when grouping(f.quarter) = 0 then 'quarter'
             when grouping(f.gender) = 0 then 'gender'
             else 'total' end as dimension,
           coalesce(f."pilotId", f."targetGroup", f.year, f.quarter, f.gender) as key,
           ${aggregates}
    from f
    group by grouping sets ((), (f."pilotId"), (f."targetGroup"), (f.year), (f.quarter), (f.gender))
    union all
    select 'organisation', pl.org, ${aggregates}
    from f cross join lateral (select distinct unnest(f.places) as org) pl
    group by pl.org`;
}

/** A row of the indicators statement: its group, then the counts by column name (checked where they are read). */
export const indicatorRawRow = z
  .object({ dimension: z.enum(["total", ...DIMENSIONS]), key: z.string().nullable() })
  .catchall(z.unknown());
export type IndicatorRawRow = z.infer<typeof indicatorRawRow>;

/** The indicators statement, its rows checked. */
export async function selectIndicatorRows(tx: Tx, scope: IndicatorScope): Promise<IndicatorRawRow[]> {
  const rows = await tx.$queryRaw<unknown[]>(dashboardIndicatorsSql(scope));
  return z.array(indicatorRawRow).parse(rows);
}

/**
 * The version of a tenant's participant data as this transaction sees it: raised by a trigger in the same
 * commit as every change to participants, consents, enrolments, activities or outcomes (migration
 * 20261202190451_tenant_data_version); 0 before the first.
 */
export async function selectDataVersion(tx: Tx, tenantId: string): Promise<string> {
  const rows = await tx.$queryRaw<unknown[]>`
    select version::text as version from "TenantDataVersion" where "tenantId" = ${tenantId}`;
  return z.array(z.object({ version: z.string() })).parse(rows)[0]?.version ?? "0";
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const dashboardHeadRow = z.object({
  organisations: z.array(idName),
  pilots: z.array(z.object({ id: z.string(), name: z.string(), organisationIds: z.array(z.string()) })),
  disclosureThreshold: z.number().int().nullable(),
  /** The partnerships whose shared page the dashboard links to. */
  partnerships: z.array(z.object({ slug: z.string(), name: z.string() })),
  version: z.string(),
});
export type DashboardHead = z.infer<typeof dashboardHeadRow>;

/**
 * Everything a dashboard needs besides its figures, in one statement inside the tenant's transaction: the
 * organisations and pilots (by name, each pilot with its organisations), the threshold, the partnerships and —
 * before the figures are read — the data version they are cached by.
 */
export async function selectDashboardHead(tx: Tx, tenantId: string): Promise<DashboardHead> {
  const rows = await tx.$queryRaw<unknown[]>`
    select
      ${jsonList(
        { id: Prisma.sql`o.id`, name: Prisma.sql`o.name` },
        Prisma.sql`from "Organisation" o where o."tenantId" = ${tenantId}`,
        Prisma.sql`o.name`,
      )} as organisations,
      ${jsonList(
        {
          id: Prisma.sql`p.id`,
          name: Prisma.sql`p.name`,
          organisationIds: Prisma.sql`(select coalesce(array_agg(po."organisationId"), '{}') from "PilotOrganisation" po
                                         where po."tenantId" = p."tenantId" and po."pilotId" = p.id)`,
        },
        Prisma.sql`from "Pilot" p where p."tenantId" = ${tenantId}`,
        Prisma.sql`p.name`,
      )} as pilots,
      (select t."disclosureThreshold" from "Tenant" t where t.id = ${tenantId}) as "disclosureThreshold",
      ${jsonList(
        { slug: Prisma.sql`x.slug`, name: Prisma.sql`x.name` },
        Prisma.sql`from "PartnershipMember" m join "Partnership" x on x.id = m."partnershipId"
          where m."tenantId" = ${tenantId} and m.status = 'ACTIVE'`,
        Prisma.sql`x.name`,
      )} as partnerships,
      coalesce((select v.version::text from "TenantDataVersion" v where v."tenantId" = ${tenantId}), '0') as version`;
  return dashboardHeadRow.parse(rows[0]);
}
