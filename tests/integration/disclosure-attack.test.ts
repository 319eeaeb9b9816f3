/**
 * The disclosure attack: a partner who wants to single someone out. Over the demo data (Verdal's partner
 * viewer, the Inderøy–Åre partnership) and a generated data set, it asks the app for every shared table it can
 * reach — period windows by year and by quarter, each pilot and target group, each follow-up point, tenant
 * views and the partnership's side-by-side and combined rows (the CSV export writes the same cells: checked
 * once) — and forms every differencing it can: A − B of nested cells (nested windows, a filter against no
 * filter, a breakdown row against the total, a member against the combined row) and total − the other rows of
 * a table. It reports how many derivations reproduce a true count of 1–4 exactly.
 *
 * Each published cell is matched to the exact set of enrolments it counts, computed here from the tables
 * (as the owner, past row-level security), independently of the app's SQL. "Before" is the old publisher,
 * replayed from those sets: exact counts with 1–4 hidden and quarter windows allowed (its secondary
 * suppression hid more cells, but every difference of two shown exact cells was exact all the same). "After"
 * is what the app publishes now.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { getTenantDashboard } from "../../lib/dashboards/get-dashboard.ts";
import { getPartnershipDashboard } from "../../lib/partnerships/get-partnership-dashboard.ts";
import { dashboardCsv } from "../../lib/dashboards/csv.ts";
import { formatCell } from "../../lib/dashboards/format.ts";
import { periodBound, type DashboardFilters } from "../../lib/dashboards/filters.ts";
import { CATEGORIES, CATEGORY_STATUSES, POINTS, POINT_MONTHS, type Point } from "../../lib/dashboards/definitions.ts";
import type { DisplayTable } from "../../lib/dashboards/tables.ts";
import { getT } from "../../lib/i18n/instance.ts";
import { adminQuery, createTenantWithStaff, type Tenant } from "./helpers/coordinator.ts";
import { demoContext, seedDemo } from "./helpers/demo.ts";

const TODAY = new Date("2026-11-24");
const THRESHOLD = 5;
const t = (k: string) => k;

type Fact = {
  id: string;
  tenantId: string;
  pilotId: string;
  targetGroup: string;
  gender: string;
  start: string;
  exited: boolean;
} & Record<`due_${Point}`, boolean> &
  Record<`status_${Point}`, string | null>;

/** Every enrolment that may count in statistics, with what the indicators need, straight from the tables. */
async function factsOf(tenantIds: string[]): Promise<Fact[]> {
  const points = POINTS.map(
    (p) => `
    e."exitDate" is not null and (e."exitDate" + interval '${POINT_MONTHS[p]} months')::date <= $2::date as "due_${p}",
    (select o.status::text from "Outcome" o where o."tenantId" = e."tenantId" and o."enrolmentId" = e.id and o.point = '${p}') as "status_${p}"`,
  ).join(",");
  return adminQuery<Fact>(
    `
    select e.id, e."tenantId", e."pilotId", p."targetGroup"::text as "targetGroup", coalesce(p.gender::text, 'UNRECORDED') as gender,
           to_char(e."startDate", 'YYYY-MM-DD') as start, e."exitDate" is not null as exited, ${points}
    from "Enrolment" e join "Participant" p on p."tenantId" = e."tenantId" and p.id = e."participantId"
    where e."tenantId" = any($1::text[])
      and (p.anonymous or exists (select 1 from "Consent" c where c."tenantId" = e."tenantId" and c."participantId" = e."participantId"
                                    and c.purpose = 'STATISTICS' and c."withdrawnAt" is null))
    order by e.id`,
    [tenantIds, TODAY.toISOString().slice(0, 10)],
  );
}

/** The enrolments a measure counts ("enrolled", "active", "exited", or "<point>.<due|category>"). */
function measure(facts: Fact[], name: string): Fact[] {
  if (name === "enrolled") return facts;
  if (name === "active") return facts.filter((f) => !f.exited);
  if (name === "exited") return facts.filter((f) => f.exited);
  const [point, what] = name.split(".") as [Point, string];
  const due = facts.filter((f) => f[`due_${point}`]);
  const status = (f: Fact) => f[`status_${point}`];
  if (what === "due") return due;
  if (what === "unknown") return due.filter((f) => status(f) === null || status(f) === "UNKNOWN");
  return due.filter((f) => (CATEGORY_STATUSES as Record<string, string[]>)[what].includes(status(f) ?? ""));
}

const quarterOf = (start: string) => `${start.slice(0, 4)}-Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
const attribute: Record<string, (f: Fact) => string> = {
  pilot: (f) => f.pilotId,
  targetGroup: (f) => f.targetGroup,
  year: (f) => f.start.slice(0, 4),
  quarter: (f) => quarterOf(f.start),
  gender: (f) => f.gender,
};

/** The enrolments a dashboard with these (effective) filters covers. */
function inScope(facts: Fact[], filters: Partial<DashboardFilters>, pilotIds?: string[]): Fact[] {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return facts.filter(
    (f) =>
      (!filters.from || f.start >= day(periodBound(filters.from, "start"))) &&
      (!filters.to || f.start < day(periodBound(filters.to, "endExclusive"))) &&
      (!filters.pilot || f.pilotId === filters.pilot) &&
      (!filters.targetGroup || f.targetGroup === filters.targetGroup) &&
      (!pilotIds || pilotIds.includes(f.pilotId)),
  );
}

/** A published cell: the set of enrolments it counts (as a bitmap over all facts), its true size, what is shown. */
type Published = { set: string; size: number; shown: number | null; where: string };

class Bitmaps {
  private index = new Map<string, number>();
  constructor(facts: Fact[]) {
    facts.forEach((f, i) => this.index.set(f.id, i));
  }
  of(facts: Fact[]): string {
    const bits = new Uint8Array(Math.ceil(this.index.size / 8));
    for (const f of facts) {
      const i = this.index.get(f.id)!;
      bits[i >> 3] |= 1 << (i & 7);
    }
    return Buffer.from(bits).toString("base64");
  }
}
const bitsOf = (key: string) => Buffer.from(key, "base64");
function isSubset(small: Buffer, big: Buffer) {
  for (let i = 0; i < small.length; i++) if ((small[i] & big[i]) !== small[i]) return false;
  return true;
}
function minus(big: Buffer, small: Buffer) {
  const out = Buffer.alloc(big.length);
  for (let i = 0; i < big.length; i++) out[i] = big[i] & ~small[i];
  return out.toString("base64");
}

/** All that one party could collect: every cell, and the additive relations between cells of a table. */
class Collection {
  cells: Published[] = [];
  relations: { total: Published; parts: Published[] }[] = [];
  constructor(private bitmaps: Bitmaps) {}

  cell(facts: Fact[], shown: number | null, where: string): Published {
    const c = { set: this.bitmaps.of(facts), size: facts.length, shown, where };
    this.cells.push(c);
    return c;
  }

  /** Cells of a table as partners get it (app: the published value; before: replayed from the sets). */
  table(
    table: DisplayTable,
    rows: { key: string; facts: Fact[] }[],
    measures: (column: string) => string | null,
    value: (facts: Fact[], tableCell: { value: number | null; suppressed: boolean }) => number | null,
    where: string,
  ) {
    const byColumn = new Map<string, Published[]>();
    const rowCells: Record<string, Published>[] = [];
    for (const { key, facts } of rows) {
      const row = table.rows.find((r) => r.key === key);
      if (!row) throw new Error(`no row ${key} in ${table.id}`);
      const cells: Record<string, Published> = {};
      table.columns.forEach((column, i) => {
        const m = measures(column);
        const tableCell = row.cells[i];
        if (!m || tableCell.kind !== "count") return;
        const set = measure(facts, m);
        cells[column] = this.cell(set, value(set, tableCell), `${where} ${table.id}[${key}].${column}`);
        byColumn.set(column, [...(byColumn.get(column) ?? []), cells[column]]);
      });
      rowCells.push(cells);
      if (cells.due) this.relations.push({ total: cells.due, parts: CATEGORIES.map((c) => cells[c]).filter(Boolean) });
    }
    // Rows of a partition add up to the total row (the last one).
    if (rows.at(-1)?.key === "total" && rows.length > 2) {
      for (const cells of byColumn.values()) this.relations.push({ total: cells.at(-1)!, parts: cells.slice(0, -1) });
    }
  }
}

type AttackResult = {
  derivations: number;
  small: number;
  exact: number;
  targetsTwice: number;
  averagedTargets: number;
  averagedExact: number;
  chance: number;
};

/** Every differencing the attacker can form over a collection, and how many reproduce a true count of 1–4. */
function attack(collection: Collection): AttackResult {
  // One value per distinct set (a set published twice with two values would itself be a leak: tested apart).
  const sets = new Map<string, Published>();
  for (const c of collection.cells) if (c.shown !== null && !sets.has(c.set)) sets.set(c.set, c);
  const shownSets = [...sets.values()];
  const bySize = new Map<number, Published[]>();
  for (const c of shownSets) bySize.set(c.size, [...(bySize.get(c.size) ?? []), c]);

  const exactByTarget = new Map<string, number>();
  const estimates = new Map<string, { truth: number; values: number[] }>();
  let derivations = 0;
  let small = 0;
  let exact = 0;
  const derive = (target: string, truth: number, derived: number) => {
    derivations++;
    if (truth < 1 || truth > 4) return;
    small++;
    const e = estimates.get(target) ?? { truth, values: [] };
    e.values.push(derived);
    estimates.set(target, e);
    if (derived === truth) {
      exact++;
      exactByTarget.set(target, (exactByTarget.get(target) ?? 0) + 1);
    }
  };
  // A − B for every B ⊂ A (nested windows, filter vs none, breakdown row vs total, member vs combined).
  for (const a of shownSets) {
    const aBits = bitsOf(a.set);
    for (let d = 1; d <= 4; d++) {
      for (const b of bySize.get(a.size - d) ?? []) {
        const bBits = bitsOf(b.set);
        if (isSubset(bBits, aBits)) derive(minus(aBits, bBits), d, a.shown! - b.shown!);
      }
    }
  }
  // total − the other parts of a relation = the remaining part.
  for (const { total, parts } of collection.relations) {
    if (total.shown === null) continue;
    for (const [i, part] of parts.entries()) {
      const others = parts.filter((_, j) => j !== i);
      if (others.some((o) => o.shown === null)) continue;
      derive(part.set, part.size, total.shown - others.reduce((sum, o) => sum + o.shown!, 0));
    }
  }
  // The averaging attack: the mean of all derivations of the same small target, rounded.
  const targets = [...estimates.values()];
  const averagedExact = targets.filter(
    (e) => Math.round(e.values.reduce((s, v) => s + v, 0) / e.values.length) === e.truth,
  ).length;
  // Chance: always guessing the most common true value among the targets.
  const frequency = new Map<number, number>();
  for (const e of targets) frequency.set(e.truth, (frequency.get(e.truth) ?? 0) + 1);
  const chance = Math.max(0, ...frequency.values());
  return {
    derivations,
    small,
    exact,
    targetsTwice: [...exactByTarget.values()].filter((n) => n >= 2).length,
    averagedTargets: targets.length,
    averagedExact,
    chance,
  };
}

/** The old publisher: exact counts, 1 to threshold − 1 hidden. */
const before = (facts: Fact[]) => (facts.length > 0 && facts.length < THRESHOLD ? null : facts.length);
/** What the app published. */
const after = (_: Fact[], c: { value: number | null; suppressed: boolean }) => (c.suppressed ? null : c.value);

/** Period windows: by year, and (what the old publisher allowed) from any quarter on. */
function windows(facts: Fact[]): { from?: string; to?: string; quarterly: boolean }[] {
  const years = [...new Set(facts.map((f) => f.start.slice(0, 4)))].sort();
  const quarters = years.flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
  const out: { from?: string; to?: string; quarterly: boolean }[] = [];
  for (const from of [undefined, ...years, ...quarters]) {
    for (const to of [undefined, ...years]) {
      if (from && to && from.slice(0, 4) > to) continue;
      out.push({ from, to, quarterly: Boolean(from?.includes("Q")) });
    }
  }
  return out;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const year = (value: string | undefined) => value?.slice(0, 4);

/**
 * Plays a partner over a tenant's shared dashboards: every window × pilot × target group (quarter windows and
 * the other follow-up points without pilot and group filters, to keep the run short) — collected as the app
 * publishes them and as the old publisher would have.
 */
async function collectTenant(
  ctx: TenantContext,
  options: { preferShared: boolean; facts: Fact[]; pilotIds?: string[] },
  now: Collection,
  old: Collection,
) {
  const { facts } = options;
  const restricted = options.pilotIds ? inScope(facts, {}, options.pilotIds) : facts;
  const pilots = [undefined, ...new Set(restricted.map((f) => f.pilotId))];
  const groups = [undefined, "SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"] as const;
  const queries: DashboardFilters[] = [];
  for (const w of windows(restricted)) {
    for (const pilot of w.quarterly ? [undefined] : pilots) {
      for (const targetGroup of w.quarterly ? [undefined] : groups) {
        for (const point of !w.quarterly && !pilot && !targetGroup ? POINTS : (["MONTHS_12"] as const)) {
          queries.push({ from: w.from, to: w.to, pilot, targetGroup, point });
        }
      }
    }
  }
  await inBatches(queries, 4, async (filters) => {
    const dashboard = await getTenantDashboard(ctx, filters, { preferShared: options.preferShared, t, today: TODAY });
    expect(dashboard.shared).toBe(true);
    const label = `${filters.from ?? "…"}–${filters.to ?? "…"} ${filters.pilot ?? "all"} ${filters.targetGroup ?? "all"} ${filters.point}`;
    for (const [collection, effective, value] of [
      [now, { ...filters, from: year(filters.from), to: year(filters.to) }, after],
      [old, filters, before],
    ] as const) {
      const scope = inScope(facts, effective, options.pilotIds);
      const rows = (dimension: string) => [
        ...dashboard.tables.breakdowns[dimension as "pilot"].rows
          .filter((r) => !r.isTotal)
          .map((r) => ({ key: r.key, facts: scope.filter((f) => attribute[dimension](f) === r.key) })),
        { key: "total", facts: scope },
      ];
      const point = filters.point;
      const outcomeMeasure = (column: string) =>
        column === "enrolled"
          ? "enrolled"
          : column === "due" || (CATEGORIES as readonly string[]).includes(column)
            ? `${point}.${column}`
            : null;
      collection.table(
        dashboard.tables.headline,
        [{ key: "total", facts: scope }],
        (c) => (["enrolled", "active", "exited"].includes(c) ? c : c === "due" ? `${point}.due` : null),
        value,
        label,
      );
      for (const p of POINTS) {
        collection.table(
          { ...dashboard.tables.overTime, rows: dashboard.tables.overTime.rows.filter((r) => r.key === p) },
          [{ key: p, facts: scope }],
          (c) => (c === "due" || (CATEGORIES as readonly string[]).includes(c) ? `${p}.${c}` : null),
          value,
          label,
        );
      }
      for (const dimension of Object.keys(attribute))
        collection.table(
          dashboard.tables.breakdowns[dimension as "pilot"],
          rows(dimension),
          outcomeMeasure,
          value,
          label,
        );
    }
  });
}

async function collectPartnership(userId: string, slug: string, facts: Fact[], now: Collection, old: Collection) {
  const tenantIds = [...new Set(facts.map((f) => f.tenantId))];
  await inBatches(windows(facts), 4, async (w) => {
    const filters: DashboardFilters = { from: w.from, to: w.to, point: "MONTHS_12" };
    const dashboard = await getPartnershipDashboard(userId, slug, filters, { totalLabel: "Total", today: TODAY });
    expect(dashboard).not.toBeNull();
    for (const [collection, effective, value] of [
      [now, { ...filters, from: year(w.from), to: year(w.to) }, after],
      [old, filters, before],
    ] as const) {
      const scope = inScope(facts, effective);
      for (const p of POINTS) {
        const rows = [
          ...tenantIds.map((id) => ({ key: id, facts: scope.filter((f) => f.tenantId === id) })),
          { key: "total", facts: scope },
        ];
        collection.table(
          dashboard!.byPoint[p],
          rows,
          (c) =>
            c === "enrolled"
              ? "enrolled"
              : c === "due" || (CATEGORIES as readonly string[]).includes(c)
                ? `${p}.${c}`
                : null,
          value,
          `partnership ${w.from ?? "…"}–${w.to ?? "…"}`,
        );
      }
    }
  });
}

/** A seeded generator, so the generated data set is the same in every run (its record keys are not). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** 160 anonymous registrations over 2021–2023 in three pilots, with outcomes at every point that is due. */
async function generate(tenant: Tenant) {
  const next = random(20261201);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  return withTenant(
    tenant,
    async (tx) => {
      const pilots = [tenant.pilotId];
      for (const name of ["Språkpraksis", "Lærlingløp"]) {
        pilots.push(
          (
            await tx.pilot.create({
              data: { tenantId: tenant.tenantId, name, kind: "CUSTOM", startDate: new Date("2021-01-01") },
            })
          ).id,
        );
      }
      const participants = [];
      const enrolments = [];
      const outcomes = [];
      for (let i = 0; i < 160; i++) {
        const id = `gen-${tenant.slug}-${i}`;
        const start = new Date(
          Date.UTC(2021 + Math.floor(next() * 3), Math.floor(next() * 12), 1 + Math.floor(next() * 28)),
        );
        const exit =
          next() < 0.85
            ? new Date(
                Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 3 + Math.floor(next() * 15), start.getUTCDate()),
              )
            : null;
        participants.push({
          tenantId: tenant.tenantId,
          id,
          code: `GEN-${i}`,
          anonymous: true,
          targetGroup: pick([
            "SETTLED_REFUGEE",
            "SETTLED_REFUGEE",
            "IMMIGRANT",
            "YOUNG_ADULT",
            "OTHER_FAR_FROM_WORK",
          ] as const),
          gender: pick(["FEMALE", "MALE", "MALE", null] as const),
        });
        enrolments.push({
          tenantId: tenant.tenantId,
          id: `${id}-e`,
          participantId: id,
          pilotId: pick(pilots),
          startDate: start,
          exitDate: exit,
        });
        for (const point of POINTS) {
          if (!exit || next() < 0.1) continue;
          const observed = new Date(
            Date.UTC(exit.getUTCFullYear(), exit.getUTCMonth() + POINT_MONTHS[point], exit.getUTCDate()),
          );
          if (observed > TODAY) continue;
          const status = pick([
            "PERMANENT_JOB",
            "PERMANENT_JOB",
            "TEMPORARY_JOB",
            "EDUCATION",
            "VOCATIONAL_TRAINING",
            "NOT_IN_WORK",
            "UNKNOWN",
          ] as const);
          outcomes.push({
            tenantId: tenant.tenantId,
            participantId: id,
            enrolmentId: `${id}-e`,
            point,
            status,
            observedAt: observed,
          });
        }
      }
      await tx.participant.createMany({ data: participants });
      await tx.enrolment.createMany({ data: enrolments });
      await tx.outcome.createMany({ data: outcomes });
    },
    { client: appDb(), timeoutMs: 60_000 },
  );
}

const report = (name: string, r: AttackResult) =>
  `${name}: ${r.derivations} derivations, ${r.small} of a true count of 1–4, ${r.exact} exact (${r.small ? Math.round((100 * r.exact) / r.small) : 0} %); ` +
  `${r.targetsTwice} small counts recovered by ≥ 2 derivations; averaging: ${r.averagedExact} of ${r.averagedTargets} targets exact (chance: ${r.chance})`;

let verdal: { partner: TenantContext; coordinator: TenantContext };
let generated: Tenant;
const results: Record<string, { before: AttackResult; after: AttackResult; now: Collection }> = {};

beforeAll(async () => {
  await seedDemo();
  verdal = {
    partner: await demoContext("partner@verdal.demo", "verdal"),
    coordinator: await demoContext("koordinator@verdal.demo", "verdal"),
  };
  generated = await createTenantWithStaff("attack");
  await generate(generated);
}, 180_000);

afterAll(async () => {
  console.log(
    [
      "[disclosure attack] figures (before = exact counts with 1–4 hidden; after = cell-key rounding to base 5, 1–4 hidden)",
      ...Object.entries(results).flatMap(([name, r]) => [
        report(`  ${name}, before`, r.before),
        report(`  ${name}, after `, r.after),
      ]),
    ].join("\n"),
  );
  await appDb().$disconnect();
  await db().$disconnect();
});

describe("a partner differencing the shared figures", () => {
  async function run(name: string, collect: (now: Collection, old: Collection) => Promise<void>, facts: Fact[]) {
    const bitmaps = new Bitmaps(facts);
    const now = new Collection(bitmaps);
    const old = new Collection(bitmaps);
    await collect(now, old);
    results[name] = { before: attack(old), after: attack(now), now };
    return results[name];
  }

  it("Verdal's partner viewer (demo data): the old publisher gave small counts away; the protected figures do not", async () => {
    const facts = await factsOf([verdal.partner.tenantId]);
    const pilotIds = (
      await adminQuery<{ pilotId: string }>(`select "pilotId" from "PilotOrganisation" where "organisationId" = $1`, [
        verdal.partner.organisationId,
      ])
    ).map((r) => r.pilotId);
    const r = await run(
      "Verdal partner",
      (now, old) => collectTenant(verdal.partner, { preferShared: false, facts, pilotIds }, now, old),
      facts,
    );
    // The attacker is competent: against the old publisher every derivation it forms is exact (the issue's
    // 2006-Q1 window differencing among them).
    expect(r.before.small).toBeGreaterThan(0);
    expect(r.before.exact).toBe(r.before.small);
    expect(r.before.targetsTwice).toBeGreaterThan(0);
    // Now: every published count is a multiple of 5, so no difference can equal 1–4 (the bound is 0).
    expect(r.after.small).toBeGreaterThan(0);
    expect(r.after.exact).toBe(0);
    expect(r.after.targetsTwice).toBe(0);
  }, 300_000);

  it("a generated data set of 160 enrolments, every table as partners see it", async () => {
    const facts = await factsOf([generated.tenantId]);
    expect(facts).toHaveLength(160);
    const r = await run(
      "generated",
      (now, old) => collectTenant(generated.coordinator, { preferShared: true, facts }, now, old),
      facts,
    );
    expect(r.before.small).toBeGreaterThan(100);
    expect(r.before.exact).toBe(r.before.small);
    expect(r.after.small).toBeGreaterThan(100);
    expect(r.after.exact).toBe(0);
    expect(r.after.targetsTwice).toBe(0);
    // Averaging many derivations of the same small count does no better than guessing the most common value.
    expect(r.after.averagedExact).toBeLessThanOrEqual(r.after.chance);
  }, 300_000);

  it("the Inderøy–Åre partnership: side by side against combined, and nested windows", async () => {
    const [inderoy, are] = await Promise.all([
      demoContext("koordinator@inderoy.demo", "inderoy"),
      adminQuery<{ id: string }>(`select id from "Tenant" where slug = 'are'`),
    ]);
    const facts = await factsOf([inderoy.tenantId, are[0].id]);
    const r = await run(
      "Inderøy–Åre partnership",
      (now, old) => collectPartnership(inderoy.userId, "inderoy-are", facts, now, old),
      facts,
    );
    expect(r.before.small).toBeGreaterThan(0);
    expect(r.before.exact).toBe(r.before.small);
    expect(r.after.exact).toBe(0);
    expect(r.after.targetsTwice).toBe(0);
  }, 300_000);
});

describe("consistency of the protected figures", () => {
  it("publishes the same value for the same set of people, whichever table, filter or window reaches it", () => {
    expect(Object.keys(results).length).toBe(3);
    for (const [name, { now }] of Object.entries(results)) {
      const seen = new Map<string, Published>();
      let repeated = 0;
      for (const c of now.cells) {
        const first = seen.get(c.set);
        if (!first) {
          seen.set(c.set, c);
          continue;
        }
        repeated++;
        expect(c.shown, `${name}: ${c.where} vs ${first.where}`).toBe(first.shown);
      }
      expect(repeated, name).toBeGreaterThan(100);
      // And what is shown is a multiple of 5, never a small count.
      for (const c of now.cells) if (c.shown !== null) expect(c.shown % 5, c.where).toBe(0);
    }
  });

  it("gives the same tables for the same query twice, and staff 'as partners see it' exactly what the partner gets", async () => {
    const filters: DashboardFilters = { from: "2006", to: "2007", point: "MONTHS_12" };
    const first = await getTenantDashboard(verdal.partner, filters, { t, today: TODAY });
    const second = await getTenantDashboard(verdal.partner, filters, { t, today: TODAY });
    expect(second.tables).toEqual(first.tables);
    const preview = await getTenantDashboard(verdal.coordinator, filters, {
      t,
      today: TODAY,
      preferShared: true,
      asOrganisation: verdal.partner.organisationId!,
    });
    expect(preview.tables).toEqual(first.tables);
    expect(preview.asOrganisation).toBe(verdal.partner.organisationId);
    // Quarter windows are applied as whole years in shared views: 2006-Q2 shows what 2006 shows.
    const quarter = await getTenantDashboard(
      verdal.partner,
      { ...filters, from: "2006-Q2", to: "2007-Q3" },
      { t, today: TODAY },
    );
    expect(quarter.tables).toEqual(first.tables);
    expect(quarter.filters).toMatchObject({ from: "2006", to: "2007" });
    // The CSV export writes the very cells of the page (";"-separated for a Norwegian Excel).
    const csv = dashboardCsv(first.tables, "pilot", "nb", getT("nb", ["dashboard", "enums", "common"]));
    const lines = csv.slice(1).trim().split("\r\n").slice(1);
    expect(lines).toHaveLength(first.tables.breakdowns.pilot.rows.length);
    first.tables.breakdowns.pilot.rows.forEach((row, i) =>
      expect(lines[i]).toContain(
        row.cells
          .map((c) => formatCell("nb", c))
          .slice(0, 7)
          .join(";"),
      ),
    );
  });
});
