/**
 * Releases (lib/releases): what partners read is a stored, dated release of protected figures. These tests
 * run the app's own publisher on the demo data and on a generated programme and attack what it publishes
 * (tests/support/disclosure-attacks.ts), beside the publisher before releases (live figures, rounding to 5,
 * small counts hidden) replayed on the same facts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../lib/db/tenant.ts";
import { KEY_SPACE } from "../../lib/dashboards/protection.ts";
import { selectReleaseFacts, selectReleasePilots } from "../../lib/releases/queries.ts";
import {
  buildRelease,
  cellPredicate,
  releaseScopes,
  type Observation,
  type ReleaseFact,
  type ReleaseFigures,
  type ScopeInput,
} from "../../lib/releases/build-release.ts";
import { publishReleaseNow } from "../../lib/releases/publish-release.ts";
import { readRelease } from "../../lib/releases/read-release.ts";
import { publishDueReleases } from "../../lib/releases/publish-due-releases.ts";
import { latestDue, nextDue, releaseInstant } from "../../lib/releases/schedule.ts";
import { ptableFor } from "../../lib/releases/ptable.ts";
import { sparsityBase } from "../../lib/releases/table-space.ts";
import {
  generateFacts,
  groupDisclosures,
  legacyMethod,
  outcomeAccuracy,
  presenceAccuracy,
  redrawKeys,
  releaseMethod,
  rng,
  type Combine,
  type Method,
} from "../support/disclosure-attacks.ts";
import { adminQuery, createTenantWithStaff, expectAppError, type Tenant } from "./helpers/coordinator.ts";
import { demoContext, seedDemo } from "./helpers/demo.ts";

const THRESHOLD = 5;
const BASE = sparsityBase(THRESHOLD);

type DataSet = { name: string; facts: ReleaseFact[]; scopes: ScopeInput[]; partnerScope: string };
const dataSets: DataSet[] = [];

beforeAll(async () => {
  await seedDemo();
  for (const slug of ["verdal", "inderoy", "are"]) {
    const ctx = await demoContext(`partner@${slug}.demo`, slug);
    const { facts, pilots } = await withTenant(ctx, async (tx) => ({
      facts: await selectReleaseFacts(tx, ctx.tenantId, new Date()),
      pilots: await selectReleasePilots(tx, ctx.tenantId),
    }));
    const scopes = releaseScopes(pilots);
    const partnerScope = scopes.find((s) => s.organisationIds.includes(ctx.organisationId ?? ""))?.key ?? "all";
    dataSets.push({ name: slug, facts, scopes, partnerScope });
  }
  // A generated programme of 240 enrolments; the partner takes part in two of its three pilots.
  dataSets.push({
    name: "generated",
    facts: generateFacts(240, rng(26)),
    scopes: [
      { key: "all", pilotIds: ["pa", "pb", "pc"], organisationIds: [] },
      { key: "pilots:pa,pb", pilotIds: ["pa", "pb"], organisationIds: ["partner"] },
    ],
    partnerScope: "pilots:pa,pb",
  });
});

/** What a partner can reach: its own scope's tables, and the all-pilot totals the partnership page shows. */
const reachable = (set: DataSet) => (id: string) =>
  id.startsWith(`${set.partnerScope}|`) || id.startsWith("all|total|");

function methods(set: DataSet): { after: Method; before: Method } {
  return {
    after: releaseMethod({ scopes: set.scopes, threshold: THRESHOLD, reachable: reachable(set) }),
    before: legacyMethod(THRESHOLD),
  };
}

describe("attacks on a release", () => {
  it("places no small group all in one category, on any table a partner reaches (the old publisher did)", () => {
    let before = 0;
    for (const set of dataSets) {
      const { after, before: legacy } = methods(set);
      const random = rng(1);
      for (let draw = 0; draw < 8; draw++) {
        const facts = redrawKeys(set.facts, random);
        const disclosed = groupDisclosures(facts, after.observe(facts), BASE);
        expect(disclosed, `${set.name}, draw ${draw}`).toBe(0);
        before += groupDisclosures(facts, legacy.observe(facts), BASE);
      }
    }
    console.log(`[releases] group disclosures over 8 draws of 4 data sets: before ${before}, after 0`);
    expect(before).toBeGreaterThan(0);
  });

  it("keeps the differencing attacker within 60 % on presence and outcome, far below the old publisher", () => {
    const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
    const lines: string[] = [];
    const checks: [string, number, number][] = [];
    for (const set of dataSets) {
      const { after, before } = methods(set);
      const inScope = (id: string) => id.startsWith(`${set.partnerScope}|`);
      const scopePilots = new Set(set.scopes.find((s) => s.key === set.partnerScope)!.pilotIds);
      const everyone = set.facts.map((_, i) => i).filter((i) => scopePilots.has(set.facts[i].pilotId));
      const step = Math.max(1, Math.floor(everyone.length / 40));
      const targets = everyone.filter((_, k) => k % step === 0);
      const followed = targets.filter((i) => set.facts[i].due);
      const random = rng(2);
      // At least 600 answers per figure (a standard error of 2 points at 60 %): more key draws for small sets.
      const draws = (n: number) => Math.max(4, Math.ceil(600 / (2 * Math.max(1, n))));
      const presence = (m: Method, knows?: (id: string) => boolean, combine?: Combine) =>
        presenceAccuracy(m, set.facts, targets, draws(targets.length), random, knows, combine);
      const outcome = (m: Method, knows?: (id: string) => boolean, combine?: Combine) =>
        outcomeAccuracy(m, set.facts, followed, draws(followed.length), random, knows, combine);
      const f = {
        presence: [presence(after), presence(after, inScope), presence(before)],
        outcome: [outcome(after), outcome(after, inScope), outcome(before)],
        bestCell: [presence(after, undefined, "bestCell"), outcome(after, undefined, "bestCell")],
        everything: [presence(after, undefined, "everything"), outcome(after, undefined, "everything")],
      };
      lines.push(
        `${set.name} (${targets.length} people, ${followed.length} followed up): differencing presence ` +
          `${pct(f.presence[0])} / ${pct(f.presence[1])} (before ${pct(f.presence[2])}), outcome ` +
          `${pct(f.outcome[0])} / ${pct(f.outcome[1])} (before ${pct(f.outcome[2])}); one best cell: ` +
          `${pct(f.bestCell[0])} / ${pct(f.bestCell[1])}; every cell combined: ${pct(f.everything[0])} / ${pct(f.everything[1])}`,
      );
      const asked = {
        presence: 2 * targets.length * draws(targets.length),
        outcome: 2 * followed.length * draws(followed.length),
      };
      for (const [name, value, answers] of [
        ["presence, knows everyone else", f.presence[0], asked.presence],
        ["presence, knows its own scope", f.presence[1], asked.presence],
        ["outcome, knows everyone else", f.outcome[0], asked.outcome],
        ["outcome, knows its own scope", f.outcome[1], asked.outcome],
      ] as const)
        checks.push([`${set.name}: ${name}`, value, answers]);
      expect(f.presence[0], `${set.name}: presence, after below before`).toBeLessThan(f.presence[2]);
      expect(f.outcome[0], `${set.name}: outcome, after below before`).toBeLessThan(f.outcome[2]);
    }
    console.log(
      `[releases] attacker accuracy (chance 50 %; knows everyone else / its own scope):\n${lines.join("\n")}`,
    );
    // Each figure is an estimate from N answers: the goal holds when it is within two standard errors of 60 %.
    for (const [name, value, answers] of checks)
      expect(value - 2 * Math.sqrt((value * (1 - value)) / answers), name).toBeLessThanOrEqual(0.6);
  });
});

describe("across releases", () => {
  it("changes no published figure when one person changes between two releases; three people can", () => {
    const set = dataSets.find((s) => s.name === "generated")!;
    const random = rng(5);
    const facts = redrawKeys(set.facts, random);
    const first = buildRelease({ facts, scopes: set.scopes, threshold: THRESHOLD });
    const valuesOf = (observations: Observation[]) =>
      new Map(observations.flatMap((o) => (o.kind === "value" ? [[o.id, o.published] as const] : [])));
    const before = valuesOf(first.observations);
    const changed = (next: ReleaseFact[]) => {
      const after = valuesOf(
        buildRelease({ facts: next, scopes: set.scopes, threshold: THRESHOLD, previousBasis: first.basis })
          .observations,
      );
      return [...after].filter(([id, value]) => before.has(id) && before.get(id) !== value).length;
    };
    let single = 0;
    for (let i = 0; i < 40; i++) {
      // One person leaves, one joins, or one changes outcome.
      const k = i * 5;
      single += changed(facts.filter((_, j) => j !== k));
      single += changed([...facts, { ...facts[k], id: `new${i}`, recordKey: Math.floor(random() * KEY_SPACE) }]);
      single += changed(
        facts.map((f, j) =>
          j === k ? { ...f, due: true, status: f.status === "PERMANENT_JOB" ? "NOT_IN_WORK" : "PERMANENT_JOB" } : f,
        ),
      );
    }
    const three = changed(facts.slice(3));
    console.log(
      `[releases] cells changed across consecutive releases: one person changed ${single} (120 changes), three people left ${three}`,
    );
    expect(single).toBe(0);
    expect(three).toBeGreaterThan(0);
  });

  it("gives a member coordinator who changes their own data and re-reads nothing to average (N = 10, 50)", () => {
    // The partnership's combined row is the sum of each member's published cell in its own latest release. A
    // coordinator of member A changes A's data and A publishes again, N times; B's release does not change, so
    // combined − A's own published value is B's published value every time. The attacker answers with the mean of
    // what it read; it recovers B's exact count only when the perturbation published it exactly.
    const table = ptableFor(THRESHOLD);
    const random = rng(9);
    const trials = 400;
    for (const n of [10, 50]) {
      let after = 0;
      let before = 0;
      let chance = 0;
      for (let trial = 0; trial < trials; trial++) {
        const bTrue = 10 + Math.floor(random() * 30);
        const bPublished = table.publish(bTrue, random());
        const readings = Array.from({ length: n }, () => bPublished);
        if (Math.round(readings.reduce((s, v) => s + v, 0) / n) === bTrue) after++;
        chance += table.probability(bTrue, bTrue);
        // Before releases: the combined cell was re-rounded to base 5 with a fresh key on every change.
        const rounded = Array.from({ length: n }, () => {
          const r = bTrue % 5;
          return r === 0 ? bTrue : random() * 5 < r ? bTrue - r + 5 : bTrue - r;
        });
        if (Math.round(rounded.reduce((s, v) => s + v, 0) / n) === bTrue) before++;
      }
      console.log(
        `[releases] averaging over ${n} re-reads: exact recovery ${((100 * after) / trials).toFixed(1)} % ` +
          `(chance: the perturbation publishing it exactly ${((100 * chance) / trials).toFixed(1)} %; before releases ${((100 * before) / trials).toFixed(1)} %)`,
      );
      expect(Math.abs(after - chance) / trials).toBeLessThan(0.06);
      expect(before / trials).toBeGreaterThan(0.5);
    }
  });

  it("publishes a count equal to the true one no more often than the perturbation does by chance", () => {
    let exact = 0;
    let expected = 0;
    let cells = 0;
    const table = ptableFor(THRESHOLD);
    for (const set of dataSets) {
      const facts = redrawKeys(set.facts, rng(11));
      const reach = reachable(set);
      for (const o of buildRelease({ facts, scopes: set.scopes, threshold: THRESHOLD }).observations) {
        if (o.kind !== "value" || !reach(o.id)) continue;
        const n = facts.filter(cellPredicate(o.id)).length;
        if (n === 0) continue;
        cells++;
        if (o.published === n) exact++;
        expected += table.probability(n, n);
      }
    }
    const sd = Math.sqrt(expected);
    console.log(
      `[releases] exact counts a partner reads: ${exact} of ${cells} cells (by chance ${expected.toFixed(1)})`,
    );
    expect(cells).toBeGreaterThan(50);
    expect(exact).toBeLessThanOrEqual(expected + 3 * sd);
  });
});

describe("releases in the app", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenantWithStaff(`rel-${Date.now().toString(36)}`);
  });

  it("gives partners the demo's latest scheduled release, dated the first of this month at 06:00 Oslo time", async () => {
    const partner = await demoContext("partner@verdal.demo", "verdal");
    const read = await readRelease(partner);
    expect(read).not.toBeNull();
    expect(read!.release.asOf.toISOString()).toBe(latestDue("MONTHLY", new Date()).toISOString());
    expect(read!.releases.length).toBeGreaterThanOrEqual(2);
    expect(read!.scope?.withheld).toBeNull();
    expect(read!.scope?.total?.enrolled).toBeGreaterThanOrEqual(BASE);
    // The page, the CSV and the workbook read these stored cells: nothing of the live data.
    const [stored] = await adminQuery<{ figures: ReleaseFigures }>(`select figures from "Release" where id = $1`, [
      read!.release.id,
    ]);
    expect(read!.figures).toEqual(stored.figures);
  });

  it("lets an administrator publish now, and no one else", async () => {
    await expectAppError(() => publishReleaseNow(tenant.coordinator), "NOT_FOUND");
    await expectAppError(() => publishReleaseNow(tenant.partner), "NOT_FOUND");
    const published = await publishReleaseNow(tenant.admin);
    const read = await readRelease(tenant.partner);
    expect(read?.release.id).toBe(published.id);
    expect(read?.release.kind).toBe("MANUAL");
    // A tenant with hardly anyone: the scope is withheld, not shown with tiny numbers.
    expect(read?.scope === null || read?.scope.withheld !== null).toBe(true);
    const [audit] = await adminQuery<{ action: string }>(
      `select action from "AuditEvent" where "tenantId" = $1 and "entityId" = $2`,
      [tenant.tenantId, published.id],
    );
    expect(audit.action).toBe("release.published");
  });

  it("keeps a release frozen: the app's role cannot change or delete one", async () => {
    const published = await publishReleaseNow(tenant.admin);
    await expect(
      withTenant(tenant.admin, (tx) => tx.$executeRaw`update "Release" set figures = '{}' where id = ${published.id}`),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(tenant.admin, (tx) => tx.$executeRaw`delete from "Release" where id = ${published.id}`),
    ).rejects.toThrow(/permission denied/);
  });

  it("shows no tenant another tenant's releases", async () => {
    const verdal = await demoContext("admin@verdal.demo", "verdal");
    const seen = await withTenant(tenant.admin, (tx) =>
      tx.release.findMany({ where: { tenantId: verdal.tenantId }, select: { id: true } }),
    );
    expect(seen).toEqual([]);
  });

  it("publishes what the schedule says is due, once", async () => {
    const now = new Date("2031-04-02T12:00:00Z");
    const first = await publishDueReleases(undefined, now, [tenant.tenantId]);
    const second = await publishDueReleases(undefined, now, [tenant.tenantId]);
    // Quarterly by default: 1 April 2031, 06:00 in Oslo (summer time) is 04:00 UTC.
    expect(first.map((p) => p.asOf.toISOString())).toEqual(["2031-04-01T04:00:00.000Z"]);
    expect(second).toEqual([]);
  });
});

describe("the release schedule", () => {
  it("falls on the first of the month or quarter at 06:00 Oslo time, summer and winter", () => {
    expect(releaseInstant(2026, 11).toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(releaseInstant(2026, 6).toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(latestDue("QUARTERLY", new Date("2026-12-05T10:00:00Z")).toISOString()).toBe("2026-10-01T04:00:00.000Z");
    expect(latestDue("MONTHLY", new Date("2026-12-01T04:59:00Z")).toISOString()).toBe("2026-11-01T05:00:00.000Z");
    expect(nextDue("MONTHLY", new Date("2026-12-05T10:00:00Z")).toISOString()).toBe("2027-01-01T05:00:00.000Z");
    expect(nextDue("QUARTERLY", new Date("2026-12-05T10:00:00Z")).toISOString()).toBe("2027-01-01T05:00:00.000Z");
  });
});
