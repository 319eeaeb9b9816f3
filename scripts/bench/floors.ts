/**
 * The floors `npm run bench` measures the app's queries against: what one hand-written SQL statement, sent
 * with a plain pg client as the app role (row-level security on, app.tenant_id set), takes to compute the
 * same result. Each is written to be as cheap as the data model allows while giving exactly the app's numbers.
 */
import type pg from "pg";
import { dashboardIndicatorsSql } from "../../lib/dashboards/queries.ts";
import { dashboardFiltersSchema } from "../../lib/dashboards/schemas.ts";
import { POINTS, type IndicatorRow, type Point, type PointCounts } from "../../lib/dashboards/definitions.ts";

// ---------------------------------------------------------------------------------------------------------
// The dashboard: every indicator of lib/dashboards/indicators.ts (total; by pilot, target group, cohort year,
// quarter and gender; by partner organisation) in one statement — the app's own (dashboardIndicatorsSql,
// lib/dashboards/queries.ts), not a copy, sent with a plain pg client: the floor is what the statement costs
// without Prisma, the transaction frame and the cache.
// ---------------------------------------------------------------------------------------------------------
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
  const statement = dashboardIndicatorsSql({
    tenantId,
    filters: dashboardFiltersSchema.parse({}),
    today: new Date(`${today}T00:00:00Z`),
  });
  const { rows } = await client.query<Row>(statement.text, statement.values);
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
