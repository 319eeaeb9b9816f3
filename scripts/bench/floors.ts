/**
 * The floors `npm run bench` measures the app's queries against: what one hand-written SQL statement, sent
 * with a plain pg client as the app role (row-level security on, app.tenant_id set), takes to compute the
 * same result. Each is written to be as cheap as the data model allows while giving exactly the app's numbers.
 */
import type pg from "pg";
import {
  POINTS,
  POINT_MONTHS,
  CATEGORY_STATUSES,
  type IndicatorRow,
  type Point,
  type PointCounts,
} from "../../lib/dashboards/definitions.ts";

// ---------------------------------------------------------------------------------------------------------
// The dashboard: every indicator of lib/dashboards/indicators.ts (total; by pilot, target group, cohort year,
// quarter and gender; by partner organisation) in one statement. Each of the tenant's tables is read once:
// the activities are folded per participant (any activity, any work practice, the dates of jobs, the places
// of practice and work) and the outcomes per enrolment (pivoted by point), instead of three correlated
// subqueries per enrolment and a second pass for the organisations.
// ---------------------------------------------------------------------------------------------------------
const statusList = (statuses: string[]) => `array[${statuses.map((s) => `'${s}'`).join(", ")}]`;

function aggregates(): string {
  const perPoint = POINTS.map((point) => {
    const due = `f."due_${point}"`;
    const status = `f."status_${point}"`;
    const time = `f."time_${point}"`;
    const inStatuses = (statuses: string[]) =>
      `count(*) filter (where ${due} and ${status} = any(${statusList(statuses)}))::int`;
    return `
      count(*) filter (where ${due})::int as "due_${point}",
      ${inStatuses(CATEGORY_STATUSES.permanent)} as "permanent_${point}",
      ${inStatuses(CATEGORY_STATUSES.temporary)} as "temporary_${point}",
      ${inStatuses(CATEGORY_STATUSES.education)} as "education_${point}",
      ${inStatuses(CATEGORY_STATUSES.other)} as "other_${point}",
      count(*) filter (where ${due} and (${status} is null or ${status} = 'UNKNOWN'))::int as "unknown_${point}",
      count(*) filter (where ${due} and ${status} = 'PERMANENT_JOB' and ${time} = 'FULL_TIME')::int as "permanentFullTime_${point}",
      count(*) filter (where ${due} and ${status} = 'PERMANENT_JOB' and ${time} = 'PART_TIME')::int as "permanentPartTime_${point}"`;
  });
  return `
    count(*)::int as enrolled,
    count(*) filter (where f."exitDate" is null)::int as active,
    count(*) filter (where f."exitDate" is not null)::int as exited,
    count(*) filter (where f."inActivity")::int as "inActivity",
    count(*) filter (where f."inPractice")::int as "inPractice",
    count(*) filter (where f."firstJob" is not null)::int as "inJob",
    percentile_cont(0.5) within group (order by f."firstJob" - f."startDate") filter (where f."firstJob" is not null) as "medianDaysToJob",
    ${perPoint.join(",")}`;
}

/** $1: the tenant, $2: today (a date). */
export const DASHBOARD_FLOOR_SQL = `
  with e as (
    select e.id, e."participantId", e."pilotId", e."startDate", e."exitDate",
           p."targetGroup"::text as "targetGroup", coalesce(p.gender::text, 'UNRECORDED') as gender
    from "Enrolment" e
    join "Participant" p on p."tenantId" = e."tenantId" and p.id = e."participantId"
    where e."tenantId" = $1
      and (p.anonymous or exists (select 1 from "Consent" c where c."tenantId" = $1 and c."participantId" = p.id
                                    and c.purpose = 'STATISTICS' and c."withdrawnAt" is null))
  ),
  act as (
    select a."participantId",
           bool_or(a.type = 'WORK_PRACTICE') as practice,
           array_agg(a."startDate") filter (where a.type = 'EMPLOYMENT') as jobs,
           array_agg(a."organisationId") filter (where a.type in ('WORK_PRACTICE', 'EMPLOYMENT') and a."organisationId" is not null) as places
    from "Activity" a
    where a."tenantId" = $1
    group by a."participantId"
  ),
  oc as (
    select o."enrolmentId",
           ${POINTS.map(
             (point) => `
           max(o.status::text) filter (where o.point = '${point}') as "status_${point}",
           max(o."workingTime"::text) filter (where o.point = '${point}') as "time_${point}"`,
           ).join(",")},
           array_agg(o."organisationId") filter (where o."organisationId" is not null) as places
    from "Outcome" o
    where o."tenantId" = $1
    group by o."enrolmentId"
  ),
  f as materialized (
    select e.*, extract(year from e."startDate")::int::text as year, to_char(e."startDate", 'YYYY-"Q"Q') as quarter,
           act."participantId" is not null as "inActivity",
           coalesce(act.practice, false) as "inPractice",
           (select min(j) from unnest(act.jobs) j where j >= e."startDate") as "firstJob",
           ${POINTS.map((point) => `(e."exitDate" is not null and (e."exitDate" + interval '${POINT_MONTHS[point]} months')::date <= $2::date) as "due_${point}"`).join(",\n           ")},
           ${POINTS.map((point) => `oc."status_${point}", oc."time_${point}"`).join(", ")},
           coalesce(act.places, '{}') || coalesce(oc.places, '{}') as places
    from e
    left join act on act."participantId" = e."participantId"
    left join oc on oc."enrolmentId" = e.id
  )
  select case
           when grouping(f."pilotId") = 0 then 'pilot'
           when grouping(f."targetGroup") = 0 then 'targetGroup'
           when grouping(f.year) = 0 then 'year'
           when grouping(f.quarter) = 0 then 'quarter'
           when grouping(f.gender) = 0 then 'gender'
           else 'total' end as dimension,
         coalesce(f."pilotId", f."targetGroup", f.year, f.quarter, f.gender) as key,
         ${aggregates()}
  from f
  group by grouping sets ((), (f."pilotId"), (f."targetGroup"), (f.year), (f.quarter), (f.gender))
  union all
  select 'organisation', pl.org, ${aggregates()}
  from f cross join lateral (select distinct unnest(f.places) as org) pl
  group by pl.org`;

export type Row = Record<string, unknown>;

/** The same conversion lib/dashboards/indicators.ts applies to its rows. */
export function toIndicatorRow(raw: Row): IndicatorRow {
  const n = (k: string) => Number(raw[k] ?? 0);
  const points = Object.fromEntries(
    POINTS.map((point): [Point, PointCounts] => [
      point,
      {
        due: n(`due_${point}`),
        permanent: n(`permanent_${point}`),
        temporary: n(`temporary_${point}`),
        education: n(`education_${point}`),
        other: n(`other_${point}`),
        unknown: n(`unknown_${point}`),
        permanentFullTime: n(`permanentFullTime_${point}`),
        permanentPartTime: n(`permanentPartTime_${point}`),
      },
    ]),
  ) as Record<Point, PointCounts>;
  return {
    enrolled: n("enrolled"),
    active: n("active"),
    exited: n("exited"),
    inActivity: n("inActivity"),
    inPractice: n("inPractice"),
    inJob: n("inJob"),
    medianDaysToJob:
      raw.medianDaysToJob === null || raw.medianDaysToJob === undefined
        ? null
        : Math.round(Number(raw.medianDaysToJob)),
    points,
  };
}

export type Grouped = { dimension: string; key: string | null; row: IndicatorRow };

export async function dashboardFloor(client: pg.Client, tenantId: string, today: string): Promise<Grouped[]> {
  const { rows } = await client.query<Row>(DASHBOARD_FLOOR_SQL, [tenantId, today]);
  return rows.map((raw) => ({
    dimension: String(raw.dimension),
    key: (raw.key as string | null) ?? null,
    row: toIndicatorRow(raw),
  }));
}

/** Differences between two sets of grouped rows (every dimension, key and figure), as readable lines. */
/** JSON with every object's keys in order: the same figures compare equal whatever order they were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function compareGrouped(app: Grouped[], floor: Grouped[]): string[] {
  const index = (rows: Grouped[]) => new Map(rows.map((r) => [`${r.dimension}:${r.key ?? ""}`, r.row]));
  const a = index(app);
  const b = index(floor);
  const problems: string[] = [];
  if (a.size !== app.length) problems.push(`the function returned duplicate groups`);
  for (const [key, row] of a) {
    const other = b.get(key);
    if (!other) problems.push(`${key}: only in the function's result`);
    else if (canonical(row) !== canonical(other))
      problems.push(`${key}: function ${canonical(row)} ≠ floor ${canonical(other)}`);
  }
  for (const key of b.keys()) if (!a.has(key)) problems.push(`${key}: only in the floor's result`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// The participant list: the same filter, sort and page as lib/participants/list-participants.ts, with the
// total count, each participant's current step (ONGOING before PLANNED, then the latest start; with its
// organisation's name) and latest outcome, in one statement.
// ---------------------------------------------------------------------------------------------------------

/** $1 tenant, $2 target group, $3 status, $4 offset, $5 page size. */
export const LIST_FLOOR_SQL = `
  with filtered as (
    select p.id, p.code, p.name, p."targetGroup", p.status, p.anonymous
    from "Participant" p
    where p."tenantId" = $1 and p."anonymisedAt" is null
      and p."targetGroup" = $2::"TargetGroup" and p.status = $3::"ParticipantStatus"
  ),
  page as (
    select * from filtered order by name asc nulls last, code asc offset $4 limit $5
  )
  select (select count(*) from filtered)::int as total,
         page.id, page.code, page.name, page."targetGroup"::text as "targetGroup", page.status::text as status, page.anonymous,
         step.type as "stepType", step.status as "stepStatus", step.organisation as "stepOrganisation",
         oc.status as "outcomeStatus", oc.point as "outcomePoint", oc.observed as "outcomeObservedAt"
  from page
  left join lateral (
    select a.type::text, a.status::text, org.name as organisation
    from "Activity" a
    left join "Organisation" org on org."tenantId" = a."tenantId" and org.id = a."organisationId"
    where a."tenantId" = $1 and a."participantId" = page.id and a.status in ('ONGOING', 'PLANNED')
    order by a.status desc, a."startDate" desc
    limit 1
  ) step on true
  left join lateral (
    select o.status::text, o.point::text, to_char(o."observedAt", 'YYYY-MM-DD') as observed
    from "Outcome" o
    where o."tenantId" = $1 and o."participantId" = page.id
    order by o."observedAt" desc
    limit 1
  ) oc on true
  order by page.name asc nulls last, page.code asc`;

export type ListLine = {
  id: string;
  code: string;
  name: string | null;
  targetGroup: string;
  status: string;
  anonymous: boolean;
  step: [type: string, status: string, organisation: string | null] | null;
  outcome: [status: string, point: string, observedAt: string] | null;
};
export type ListResult = { total: number; rows: ListLine[] };

/** A row of LIST_FLOOR_SQL, as pg returns it (every enum cast to text, the date formatted). */
type ListFloorRow = {
  total: number;
  id: string;
  code: string;
  name: string | null;
  targetGroup: string;
  status: string;
  anonymous: boolean;
  stepType: string | null;
  stepStatus: string | null;
  stepOrganisation: string | null;
  outcomeStatus: string | null;
  outcomePoint: string | null;
  outcomeObservedAt: string | null;
};

export async function listFloor(
  client: pg.Client,
  tenantId: string,
  query: { targetGroup: string; status: string; page: number },
  pageSize: number,
): Promise<ListResult> {
  const { rows } = await client.query<ListFloorRow>(LIST_FLOOR_SQL, [
    tenantId,
    query.targetGroup,
    query.status,
    (query.page - 1) * pageSize,
    pageSize,
  ]);
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    rows: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      targetGroup: r.targetGroup,
      status: r.status,
      anonymous: r.anonymous,
      step: r.stepType ? [r.stepType, String(r.stepStatus), r.stepOrganisation] : null,
      outcome: r.outcomeStatus ? [r.outcomeStatus, String(r.outcomePoint), String(r.outcomeObservedAt)] : null,
    })),
  };
}

/** The shape listParticipants returns, reduced to the same lines. */
export type AppList = {
  total: number;
  rows: {
    id: string;
    code: string;
    name: string | null;
    targetGroup: string;
    status: string;
    anonymous: boolean;
    currentStep: { type: string; status: string; organisation: { name: string } | null } | null;
    latestOutcome: { status: string; point: string; observedAt: Date } | null;
  }[];
};

export function fromApp(result: AppList): ListResult {
  return {
    total: result.total,
    rows: result.rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      targetGroup: r.targetGroup,
      status: r.status,
      anonymous: r.anonymous,
      step: r.currentStep ? [r.currentStep.type, r.currentStep.status, r.currentStep.organisation?.name ?? null] : null,
      outcome: r.latestOutcome
        ? [r.latestOutcome.status, r.latestOutcome.point, r.latestOutcome.observedAt.toISOString().slice(0, 10)]
        : null,
    })),
  };
}

export function compareLists(app: ListResult, floor: ListResult): string[] {
  const problems: string[] = [];
  if (app.total !== floor.total) problems.push(`total: function ${app.total} ≠ floor ${floor.total}`);
  if (app.rows.length !== floor.rows.length)
    problems.push(`rows: function ${app.rows.length} ≠ floor ${floor.rows.length}`);
  app.rows.forEach((row, i) => {
    const other = floor.rows[i];
    if (other && JSON.stringify(row) !== JSON.stringify(other))
      problems.push(`row ${i + 1}: function ${JSON.stringify(row)} ≠ floor ${JSON.stringify(other)}`);
  });
  return problems;
}
