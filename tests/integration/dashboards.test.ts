import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, uniqueSlug, withAdmin } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import {
  computeIndicators,
  dataVersion,
  type GroupedRow,
  type IndicatorScope,
} from "../../lib/dashboards/indicators.ts";
import { getTenantDashboard } from "../../lib/dashboards/get-dashboard.ts";
import {
  ADDITIVE,
  CATEGORIES,
  POINTS,
  type Dimension,
  type IndicatorRow,
  type PointCounts,
} from "../../lib/dashboards/definitions.ts";
import type { DashboardFilters } from "../../lib/dashboards/filters.ts";
import type { DisplayCell, DisplayTable } from "../../lib/dashboards/tables.ts";
import { createPartnership } from "../../lib/partnerships/create-partnership.ts";
import { invitePartnershipMember } from "../../lib/partnerships/invite-partnership-member.ts";
import { respondToPartnership } from "../../lib/partnerships/respond-to-partnership.ts";
import { setIndicatorSharing } from "../../lib/partnerships/set-indicator-sharing.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { withdrawConsent } from "../../lib/participants/withdraw-consent.ts";
import {
  adminQuery,
  auditCount,
  createTenantWithStaff,
  createUser,
  day,
  expectAppError,
  form,
  register,
  type Tenant,
} from "./helpers/coordinator.ts";
import { demoContext, seedDemo } from "./helpers/demo.ts";
import { getPartnershipRelease } from "../../lib/releases/read-partnership-release.ts";
import { publishReleaseNow } from "../../lib/releases/publish-release.ts";
import { readRelease } from "../../lib/releases/read-release.ts";

const TODAY = new Date("2026-11-24");
const t = (k: string) => k;

const indicators = (tenantId: string, filters: Partial<DashboardFilters> = {}, scope: Partial<IndicatorScope> = {}) =>
  withTenant(
    { tenantId },
    (tx) => computeIndicators(tx, { tenantId, filters: { point: "MONTHS_12", ...filters }, today: TODAY, ...scope }),
    { client: appDb() },
  );

const totalOf = (grouped: GroupedRow[]) => grouped.find((g) => g.dimension === "total")!.row;
const outcome12 = (r: IndicatorRow) => r.points.MONTHS_12;

type Facts = {
  pilotId: string;
  targetGroup: string;
  gender: string;
  year: string;
  exited: boolean;
  due12: boolean;
  status12: string | null;
  recordKey: number;
};

/**
 * Each enrolment of a tenant that may count in statistics, with its 12-month follow-up, straight from the tables
 * (as the database owner, past row-level security): the reference the dashboard's figures are checked against.
 */
async function factsOf(tenantId: string, where = "true", params: unknown[] = []): Promise<Facts[]> {
  return adminQuery<Facts>(
    `select e."pilotId", p."targetGroup"::text as "targetGroup", coalesce(p.gender::text, 'UNRECORDED') as gender,
            to_char(e."startDate", 'YYYY') as year, e."exitDate" is not null as exited,
            e."exitDate" is not null and e."exitDate" + interval '12 months' <= date '2026-11-24' as due12,
            (select o.status::text from "Outcome" o where o."enrolmentId" = e.id and o.point = 'MONTHS_12') as status12,
            e."recordKey"
     from "Enrolment" e join "Participant" p on p.id = e."participantId"
     where e."tenantId" = $1 and ${where}
       and (p.anonymous or exists (select 1 from "Consent" c where c."participantId" = p.id and c.purpose = 'STATISTICS' and c."withdrawnAt" is null))`,
    [tenantId, ...params],
  );
}

/** The enrolments each 12-month count of a set of enrolments counts, as the dashboard defines them. */
function members(facts: Facts[]) {
  const due = facts.filter((f) => f.due12);
  const inStatus = (...statuses: (string | null)[]) => due.filter((f) => statuses.includes(f.status12));
  return {
    enrolled: facts,
    exited: facts.filter((f) => f.exited),
    due,
    permanent: inStatus("PERMANENT_JOB"),
    temporary: inStatus("TEMPORARY_JOB"),
    education: inStatus("EDUCATION", "VOCATIONAL_TRAINING"),
    other: inStatus("ACTIVE_IN_PROGRAMME", "NOT_IN_WORK"),
    unknown: inStatus(null, "UNKNOWN"),
  };
}
type Counted = keyof ReturnType<typeof members>;
const mapMembers = <T>(facts: Facts[], fn: (set: Facts[]) => T) =>
  Object.fromEntries(Object.entries(members(facts)).map(([k, set]) => [k, fn(set)])) as Record<Counted, T>;

/** The 12-month counts of a set of enrolments. */
const expected = (facts: Facts[]) => mapMembers(facts, (set) => set.length);

function actual(r: IndicatorRow) {
  const p = outcome12(r);
  return {
    enrolled: r.enrolled,
    exited: r.exited,
    due: p.due,
    permanent: p.permanent,
    temporary: p.temporary,
    education: p.education,
    other: p.other,
    unknown: p.unknown,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const byKey = (grouped: GroupedRow[], dimension: Dimension) =>
  Object.fromEntries(grouped.filter((g) => g.dimension === dimension).map((g) => [String(g.key), actual(g.row)]));

const cell = (table: DisplayTable, rowKey: string, column: string): DisplayCell => {
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) throw new Error(`no row ${rowKey} in ${table.id}: ${table.rows.map((r) => r.key).join(", ")}`);
  return row.cells[table.columns.indexOf(column)];
};

/** A participant registered with consent to follow-up (and to statistics unless told not), enrolled in a pilot,
 * exited, and with the 12-month follow-up recorded when a status is given. */
async function participant(
  tenant: Tenant,
  options: { status?: string; statistics?: boolean; pilotId?: string; gender?: string; exit?: string | null } = {},
) {
  const ctx = tenant.coordinator;
  const p = await register(ctx, {
    consentFollowUp: "on",
    consentStatistics: options.statistics === false ? undefined : "on",
    consentDate: "2025-01-02",
    gender: options.gender,
  });
  const enrolment = await enrolParticipant({
    ctx,
    participantId: p.id,
    data: { pilotId: options.pilotId ?? tenant.pilotId, startDate: day("2025-01-06") },
  });
  const exit = options.exit === undefined ? "2025-06-30" : options.exit;
  if (exit)
    await exitEnrolment({
      ctx,
      participantId: p.id,
      enrolmentId: enrolment.id,
      data: { exitDate: day(exit), exitReason: "COMPLETED" },
    });
  if (exit && options.status) {
    const job = options.status === "PERMANENT_JOB" || options.status === "TEMPORARY_JOB";
    await recordOutcome({
      ctx,
      participantId: p.id,
      data: form(recordOutcomeSchema, {
        enrolmentId: enrolment.id,
        point: "MONTHS_12",
        status: options.status,
        workingTime: job ? "FULL_TIME" : undefined,
        observedAt: "2026-06-30",
      }),
    });
  }
  return { participantId: p.id, enrolmentId: enrolment.id };
}

let verdal: { tenantId: string; coordinator: TenantContext; partner: TenantContext };

beforeAll(async () => {
  await seedDemo();
  const [{ id }] = await adminQuery<{ id: string }>(`select id from "Tenant" where slug = 'verdal'`);
  verdal = {
    tenantId: id,
    coordinator: await demoContext("koordinator@verdal.demo", "verdal"),
    partner: await demoContext("partner@verdal.demo", "verdal"),
  };
}, 180_000);

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

describe("computeIndicators on the Verdal demo data", () => {
  it("has 29 enrolled in 2006–2007, 25 of them in permanent work after 12 months", async () => {
    const grouped = await indicators(verdal.tenantId, { from: "2006", to: "2007", point: "MONTHS_12" });
    const total = totalOf(grouped);
    expect(total.enrolled).toBe(29);
    expect(outcome12(total).due).toBe(29);
    expect(outcome12(total).permanent).toBe(25);
    const facts = await factsOf(
      verdal.tenantId,
      `e."startDate" >= date '2006-01-01' and e."startDate" < date '2008-01-01'`,
    );
    expect(actual(total)).toEqual(expected(facts));
  });

  it("has 39 of 42 in work, education or vocational training after 12 months", async () => {
    const total = totalOf(await indicators(verdal.tenantId));
    const p = outcome12(total);
    expect(total.enrolled).toBe(42);
    expect(p.due).toBe(42);
    expect(p.permanent + p.temporary + p.education).toBe(39);
    expect(actual(total)).toEqual(expected(await factsOf(verdal.tenantId)));
  });

  it("has the breakdowns by pilot, target group, gender and cohort year of independent counts", async () => {
    const grouped = await indicators(verdal.tenantId);
    const facts = await factsOf(verdal.tenantId);
    const keys: Record<string, (f: Facts) => string> = {
      pilot: (f) => f.pilotId,
      targetGroup: (f) => f.targetGroup,
      gender: (f) => f.gender,
      year: (f) => f.year,
    };
    for (const [dimension, key] of Object.entries(keys)) {
      const reference = Object.fromEntries([...groupBy(facts, key)].map(([k, group]) => [k, expected(group)]));
      expect(byKey(grouped, dimension as Dimension), dimension).toEqual(reference);
    }
    expect(Object.keys(byKey(grouped, "pilot"))).toHaveLength(4);
    expect(Object.keys(byKey(grouped, "year")).sort()).toEqual(["2006", "2007", "2008"]);
  });

  it("has breakdown rows that add up to the total, for every additive dimension and every count", async () => {
    const grouped = await indicators(verdal.tenantId);
    const total = totalOf(grouped);
    for (const dimension of (Object.keys(ADDITIVE) as Dimension[]).filter((d) => ADDITIVE[d])) {
      const rows = grouped.filter((g) => g.dimension === dimension).map((g) => g.row);
      expect(rows.length, dimension).toBeGreaterThan(0);
      for (const k of ["enrolled", "active", "exited", "inActivity", "inPractice", "inJob"] as const) {
        expect(
          rows.reduce((s, r) => s + r[k], 0),
          `${dimension}.${k}`,
        ).toBe(total[k]);
      }
      for (const point of POINTS) {
        for (const k of Object.keys(total.points[point]) as (keyof PointCounts)[]) {
          expect(
            rows.reduce((s, r) => s + r.points[point][k], 0),
            `${dimension}.${point}.${k}`,
          ).toBe(total.points[point][k]);
        }
      }
    }
    // The categories partition the enrolments that are due, at every point.
    for (const point of POINTS) {
      const p = total.points[point];
      expect(
        CATEGORIES.reduce((s, c) => s + p[c], 0),
        point,
      ).toBe(p.due);
    }
    expect(total.active + total.exited).toBe(total.enrolled);
  });

  it("narrows to a pilot and a target group when filtered", async () => {
    const [{ id: placement }] = await adminQuery<{ id: string }>(
      `select id from "Pilot" where "tenantId" = $1 and kind = 'PLACEMENT_RECRUITMENT'`,
      [verdal.tenantId],
    );
    const byPilot = totalOf(await indicators(verdal.tenantId, { pilot: placement }));
    expect(actual(byPilot)).toEqual(expected(await factsOf(verdal.tenantId, `e."pilotId" = $2`, [placement])));
    const refugees = totalOf(await indicators(verdal.tenantId, { targetGroup: "SETTLED_REFUGEE" }));
    expect(actual(refugees)).toEqual(expected(await factsOf(verdal.tenantId, `p."targetGroup" = 'SETTLED_REFUGEE'`)));
    expect(refugees.enrolled).toBeGreaterThan(0);
    expect(refugees.enrolled).toBeLessThan(42);
  });

  it("counts a follow-up only once it is due on the given day", async () => {
    // On the day the first cohort started nobody had exited yet.
    const early = totalOf(await indicators(verdal.tenantId, {}, { today: new Date("2006-03-01") }));
    expect(early.enrolled).toBe(42);
    for (const point of POINTS) expect(early.points[point].due, point).toBe(0);
  });
});

describe("who counts in statistics", () => {
  let tenant: Tenant;
  let withdrawn: { participantId: string };

  beforeAll(async () => {
    tenant = await createTenantWithStaff("dash-consent");
    for (const status of [
      "PERMANENT_JOB",
      "PERMANENT_JOB",
      "PERMANENT_JOB",
      "TEMPORARY_JOB",
      "EDUCATION",
      "NOT_IN_WORK",
    ])
      await participant(tenant, { status });
    withdrawn = await participant(tenant, { status: "PERMANENT_JOB" });
    await participant(tenant, { status: "PERMANENT_JOB", statistics: false });
    await participant(tenant, { exit: null });
  });

  it("counts only participants with an active consent to statistics", async () => {
    const total = totalOf(await indicators(tenant.tenantId));
    expect(actual(total)).toEqual({
      enrolled: 8,
      exited: 7,
      due: 7,
      permanent: 4,
      temporary: 1,
      education: 1,
      other: 1,
      unknown: 0,
    });
    expect(actual(total)).toEqual(expected(await factsOf(tenant.tenantId)));
  });

  it("leaves out a participant once their consent to statistics is withdrawn", async () => {
    const [consent] = await adminQuery<{ id: string }>(
      `select id from "Consent" where "participantId" = $1 and purpose = 'STATISTICS'`,
      [withdrawn.participantId],
    );
    await withdrawConsent({
      ctx: tenant.coordinator,
      participantId: withdrawn.participantId,
      data: { consentId: consent.id },
    });
    const total = totalOf(await indicators(tenant.tenantId));
    expect(actual(total)).toEqual({
      enrolled: 7,
      exited: 6,
      due: 6,
      permanent: 3,
      temporary: 1,
      education: 1,
      other: 1,
      unknown: 0,
    });
    expect(actual(total)).toEqual(expected(await factsOf(tenant.tenantId)));
    // The participant and their outcome are still there; only the statistics leave them out.
    const [{ n }] = await adminQuery<{ n: number }>(
      `select count(*)::int as n from "Outcome" where "participantId" = $1`,
      [withdrawn.participantId],
    );
    expect(n).toBe(1);
  });
});

describe("indicators kept while the tenant's data is unchanged", () => {
  let tenant: Tenant;
  const version = (tenantId: string) =>
    withTenant({ tenantId }, (tx) => dataVersion(tx, tenantId), { client: appDb() });

  beforeAll(async () => {
    tenant = await createTenantWithStaff("dash-cache");
    await participant(tenant, { status: "PERMANENT_JOB" });
  });

  it("answers the same request from the cache, and computes again after any committed change", async () => {
    const first = await indicators(tenant.tenantId);
    expect(await indicators(tenant.tenantId)).toBe(first);
    expect(Object.isFrozen(first[0].row)).toBe(true);
    // Other filters, another day or cell keys are other entries.
    expect(await indicators(tenant.tenantId, {}, { keys: true })).not.toBe(first);
    expect(await indicators(tenant.tenantId, {}, { today: new Date("2026-11-25") })).not.toBe(first);
    expect(totalOf(first).enrolled).toBe(1);

    // Through the app: registering, enrolling, exiting and the outcome are four transactions, four versions.
    const before = Number(await version(tenant.tenantId));
    await participant(tenant, { status: "EDUCATION" });
    expect(Number(await version(tenant.tenantId))).toBe(before + 4);
    const second = await indicators(tenant.tenantId);
    expect(second).not.toBe(first);
    expect(actual(totalOf(second))).toEqual(expected(await factsOf(tenant.tenantId)));
    expect(totalOf(second).enrolled).toBe(2);

    // Straight in the database, past the app (another process, a bulk load): the trigger still raises it.
    await adminQuery(`update "Outcome" set status = 'NOT_IN_WORK' where "tenantId" = $1 and status = 'EDUCATION'`, [
      tenant.tenantId,
    ]);
    expect(Number(await version(tenant.tenantId))).toBe(before + 5);
    const third = await indicators(tenant.tenantId);
    expect(outcome12(totalOf(third)).education).toBe(0);
    expect(actual(totalOf(third))).toEqual(expected(await factsOf(tenant.tenantId)));
  });

  it("is raised once per transaction however many rows it writes, and not by one rolled back", async () => {
    const before = Number(await version(tenant.tenantId));
    await withAdmin(async (c) => {
      await c.query("begin");
      await c.query(`update "Enrolment" set "recordKey" = "recordKey" where "tenantId" = $1`, [tenant.tenantId]);
      await c.query(`update "Participant" set "updatedAt" = "updatedAt" where "tenantId" = $1`, [tenant.tenantId]);
      await c.query("commit");
      await c.query("begin");
      await c.query(`update "Activity" set "updatedAt" = "updatedAt" where "tenantId" = $1`, [tenant.tenantId]);
      await c.query("rollback");
    });
    expect(Number(await version(tenant.tenantId))).toBe(before + 1);
  });

  it("is the tenant's own: the app can neither write it nor read another tenant's", async () => {
    const other = await createTenantWithStaff("dash-cache-other");
    await participant(other);
    expect(Number(await version(other.tenantId))).toBeGreaterThan(0);
    // Read as the first tenant, the other's version is not there (row-level security): it reads as 0.
    expect(
      await withTenant({ tenantId: tenant.tenantId }, (tx) => dataVersion(tx, other.tenantId), { client: appDb() }),
    ).toBe("0");
    await expect(
      withTenant(
        { tenantId: tenant.tenantId },
        (tx) => tx.$executeRaw`update "TenantDataVersion" set version = 0 where "tenantId" = ${tenant.tenantId}`,
        { client: appDb() },
      ),
    ).rejects.toThrow(/permission denied/);
    expect(Number(await version(tenant.tenantId))).toBeGreaterThan(0);
  });
});

describe("getTenantDashboard", () => {
  it("gives a coordinator the exact view, and the shared one only when asked", async () => {
    const filters: DashboardFilters = { from: "2006", to: "2007", point: "MONTHS_12" };
    const exact = await getTenantDashboard(verdal.coordinator, filters, { t, today: TODAY });
    expect(exact.shared).toBe(false);
    expect(exact.pilots).toHaveLength(4);
    const headline = exact.tables.headline;
    expect(cell(headline, "total", "enrolled")).toEqual({ kind: "count", value: 29, suppressed: false });
    expect(cell(headline, "total", "sharePermanent").value).toBeCloseTo(25 / 29, 10);
    const everyCell = (tables: typeof exact.tables) =>
      [tables.headline, tables.funnel, tables.overTime, ...Object.values(tables.breakdowns)].flatMap((tb) =>
        tb.rows.flatMap((r) => r.cells),
      );
    expect(everyCell(exact.tables).some((c) => c.suppressed)).toBe(false);

    const preview = await getTenantDashboard(verdal.coordinator, filters, { t, today: TODAY, preferShared: true });
    expect(preview.shared).toBe(true);
    expect(everyCell(preview.tables).some((c) => c.suppressed)).toBe(true);
    for (const c of everyCell(preview.tables))
      if (c.kind === "count" && c.value > 0 && c.value < 5) expect(c.suppressed).toBe(true);
  });

  it("gives a partner viewer no live figures at all: partners read published releases", async () => {
    await expectAppError(
      () => getTenantDashboard(verdal.partner, { point: "MONTHS_12" }, { t, today: TODAY }),
      "NOT_FOUND",
    );
    await expectAppError(
      () =>
        getTenantDashboard({ ...verdal.partner, organisationId: null }, { point: "MONTHS_12" }, { t, today: TODAY }),
      "NOT_FOUND",
    );
  });
});

describe("partnership dashboard", () => {
  let x: Tenant;
  let y: Tenant;
  let z: Tenant;
  let partnership: { id: string; slug: string };
  const dashboard = (userId: string, slug = partnership.slug) => getPartnershipRelease(userId, slug);
  const published = async (member: Tenant) => {
    const read = await readRelease(member.admin);
    return read!.scope!.total!;
  };

  beforeAll(async () => {
    x = await createTenantWithStaff("dash-px");
    y = await createTenantWithStaff("dash-py");
    z = await createTenantWithStaff("dash-pz");
    const statuses = ["PERMANENT_JOB", "PERMANENT_JOB", "TEMPORARY_JOB", "EDUCATION", "NOT_IN_WORK", "UNKNOWN"];
    for (let i = 0; i < 16; i++) await participant(x, { status: statuses[i % statuses.length] });
    for (let i = 0; i < 14; i++) await participant(y, { status: statuses[(i + 1) % statuses.length] });
    const slug = uniqueSlug("dash-ps");
    // Through the app's own commands: under row-level security no one writes another tenant's member row.
    partnership = await createPartnership({ ctx: x.admin, name: `Partnership ${slug}`, slug });
    await invitePartnershipMember({ ctx: x.admin, partnershipId: partnership.id, tenantSlug: y.slug });
    await respondToPartnership({ ctx: y.admin, partnershipId: partnership.id, answer: "accept" });
    for (const m of [x, y]) await setIndicatorSharing({ ctx: m.admin, partnershipId: partnership.id, share: true });
    for (const m of [x, y]) await publishReleaseNow(m.admin, new Date(TODAY.getTime() + 86_400_000 * 30));
  });

  it("shows each sharing member's latest release and the combined row as their sum", async () => {
    const result = await dashboard(x.coordinator.userId);
    expect(result).not.toBeNull();
    expect(result!.partnership).toMatchObject({ id: partnership.id, slug: partnership.slug });
    const [px, py] = [await published(x), await published(y)];
    const row = (m: Tenant) => result!.members.find((r) => r.tenantId === m.tenantId)!;
    expect(row(x)).toMatchObject({ sharing: true, enrolled: px.enrolled });
    expect(row(y)).toMatchObject({ sharing: true, enrolled: py.enrolled });
    expect(result!.combined!.enrolled).toBe(px.enrolled + py.enrolled);
  });

  it("shows the same combined figures however often it is read and whatever a member changes until it publishes", async () => {
    const first = await dashboard(y.coordinator.userId);
    await participant(x, { status: "PERMANENT_JOB" });
    await participant(x, { status: "NOT_IN_WORK" });
    for (let i = 0; i < 5; i++) expect((await dashboard(y.coordinator.userId))!.combined).toEqual(first!.combined);
  });

  it("is visible to any member of a member tenant, and to nobody else", async () => {
    expect(await dashboard(y.partner.userId)).not.toBeNull();
    expect(await dashboard(x.admin.userId)).not.toBeNull();
    expect(await dashboard(z.coordinator.userId)).toBeNull();
    expect(await dashboard(z.admin.userId)).toBeNull();
    const stranger = await createUser("Stranger");
    expect(await dashboard(stranger.id)).toBeNull();
    expect(await dashboard(x.coordinator.userId, "no-such-partnership")).toBeNull();
    expect(await dashboard(x.coordinator.userId, "Not a slug!")).toBeNull();
  });

  it("leaves out a member that opts out, from its row and from the combined total, and takes it back when it opts in", async () => {
    const before = await auditCount(x.tenantId, "partnership.sharingOff");
    await setIndicatorSharing({ ctx: x.admin, partnershipId: partnership.id, share: false });
    expect(await auditCount(x.tenantId, "partnership.sharingOff")).toBe(before + 1);
    const without = await dashboard(y.coordinator.userId);
    const x_ = without!.members.find((m) => m.tenantId === x.tenantId)!;
    expect(x_).toMatchObject({ sharing: false, enrolled: null });
    expect(without!.combined!.enrolled).toBe((await published(y)).enrolled);
    await setIndicatorSharing({ ctx: x.admin, partnershipId: partnership.id, share: true });
    const back = await dashboard(y.coordinator.userId);
    expect(back!.combined!.enrolled).toBe((await published(x)).enrolled + (await published(y)).enrolled);
  });

  it("lets only a tenant administrator of a member change the sharing", async () => {
    await expectAppError(
      () => setIndicatorSharing({ ctx: x.coordinator, partnershipId: partnership.id, share: false }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => setIndicatorSharing({ ctx: x.partner, partnershipId: partnership.id, share: false }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => setIndicatorSharing({ ctx: z.admin, partnershipId: partnership.id, share: false }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => setIndicatorSharing({ ctx: x.admin, partnershipId: "nosuchpartnership", share: false }),
      "NOT_FOUND",
    );
    const [member] = await adminQuery<{ sharesIndicators: boolean }>(
      `select "sharesIndicators" from "PartnershipMember" where "partnershipId" = $1 and "tenantId" = $2`,
      [partnership.id, x.tenantId],
    );
    expect(member.sharesIndicators).toBe(true);
  });
});
