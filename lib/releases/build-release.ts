import { KEY_SPACE } from "../dashboards/protection.ts";
import { ptableFor } from "./ptable.ts";
import {
  BREAKDOWNS,
  CARRY_FORWARD,
  FUNNEL_COLUMNS,
  OUTCOME_COLUMNS,
  RELEASE_POINT,
  ageBand,
  sparsityBase,
  type Breakdown,
  type FunnelColumn,
  type OutcomeColumn,
} from "./table-space.ts";

/** One enrolment as a release counts it (only people who may count in statistics), as of the release date. */
export type ReleaseFact = {
  id: string;
  pilotId: string;
  targetGroup: string;
  gender: string;
  startYear: number;
  birthYear: number | null;
  /** Twelve months have passed since the exit: the 12-month status is due. */
  due: boolean;
  /** The status recorded at 12 months (null: none recorded). */
  status: string | null;
  inActivity: boolean;
  inPractice: boolean;
  inJob: boolean;
  /** The enrolment's record key (0 … KEY_SPACE-1), fixed when it was created. */
  recordKey: number;
};

/** A scope: the pilots one audience sees. "all" covers every pilot; a partner organisation's covers its pilots. */
export type ScopeInput = { key: string; pilotIds: string[]; organisationIds: string[] };

export type RowFigures = {
  enrolled: number;
  /** The outcome cells at 12 months, or null: too few followed up in this row to show them (sparsity rule). */
  outcomes: Record<OutcomeColumn, number> | null;
};

export type BreakdownFigures =
  { offered: true; rows: { key: string; figures: RowFigures }[] } | { offered: false; rows: [] };

export type WithheldReason = "tooFew" | "complementTooFew";

export type ScopeFigures = {
  key: string;
  pilotIds: string[];
  organisationIds: string[];
  withheld: WithheldReason | null;
  total: RowFigures | null;
  funnel: Record<FunnelColumn, number> | null;
  breakdowns: Partial<Record<Breakdown, BreakdownFigures>>;
};

/** What a release publishes: protected values only. Stored as is and read as is. */
export type ReleaseFigures = {
  version: 1;
  point: typeof RELEASE_POINT;
  threshold: number;
  base: number;
  scopes: ScopeFigures[];
};

/**
 * For each cell, the true count and published value when its value was last drawn: what the carry-forward rule
 * compares the next release with. Kept with the release for the publisher only, never shown.
 */
export type ReleaseBasis = Record<string, { n: number; p: number }>;

/** A cell of the release with the enrolments it counts (for the attack tests; not stored). */
export type ReleaseCell = { id: string; members: number[]; n: number; published: number };

const CATEGORY_OF: Record<string, OutcomeColumn> = {
  PERMANENT_JOB: "permanent",
  TEMPORARY_JOB: "temporary",
  EDUCATION: "education",
  VOCATIONAL_TRAINING: "education",
  ACTIVE_IN_PROGRAMME: "notInWork",
  NOT_IN_WORK: "notInWork",
};

/** The fine category of a due enrolment's 12-month status. */
export function outcomeCategory(status: string | null): OutcomeColumn {
  return (status && CATEGORY_OF[status]) || "unknown";
}

/** Whether a fact counts in an outcome column (every column counts due enrolments only). */
function inColumn(f: ReleaseFact, column: OutcomeColumn): boolean {
  if (!f.due) return false;
  const category = outcomeCategory(f.status);
  switch (column) {
    case "followedUp":
      return true;
    case "inWork":
      return category === "permanent" || category === "temporary";
    case "inWorkOrEducation":
      return category === "permanent" || category === "temporary" || category === "education";
    default:
      return category === column;
  }
}

const FUNNEL_TEST: Record<FunnelColumn, (f: ReleaseFact) => boolean> = {
  enrolled: () => true,
  inActivity: (f) => f.inActivity,
  inPractice: (f) => f.inPractice,
  inJob: (f) => f.inJob,
};

function groupKey(breakdown: Breakdown, f: ReleaseFact): string {
  switch (breakdown) {
    case "cohort":
      return String(f.startYear);
    case "pilot":
      return f.pilotId;
    case "targetGroup":
      return f.targetGroup;
    case "gender":
      return f.gender;
    case "ageBand":
      return ageBand(f.startYear, f.birthYear);
  }
}

/**
 * Whole years of enrolment, neighbouring years merged until each group has at least `base` enrolled
 * ("2006–2007"); a last group that is too small joins the one before it.
 */
export function cohortGroups(years: number[], base: number): { key: string; years: number[] }[] {
  const counts = new Map<number, number>();
  for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  const groups: { years: number[]; n: number }[] = [];
  let current: { years: number[]; n: number } = { years: [], n: 0 };
  for (const y of sorted) {
    current.years.push(y);
    current.n += counts.get(y) ?? 0;
    if (current.n >= base) {
      groups.push(current);
      current = { years: [], n: 0 };
    }
  }
  if (current.years.length > 0) {
    const last = groups.at(-1);
    if (last) {
      last.years.push(...current.years);
      last.n += current.n;
    } else groups.push(current);
  }
  return groups.map((g) => ({
    key: g.years.length === 1 ? String(g.years[0]) : `${g.years[0]}–${g.years.at(-1)}`,
    years: g.years,
  }));
}

/**
 * Builds a release from the facts as of its date: every cell perturbed by the cell-key method (./ptable.ts),
 * the sparsity rule applied, and each cell's value carried forward from the previous release unless its true
 * count moved by CARRY_FORWARD or more. Pure: the same facts, scopes and basis give the same release.
 */
export function buildRelease(input: {
  facts: ReleaseFact[];
  scopes: ScopeInput[];
  threshold: number;
  previousBasis?: ReleaseBasis | null;
}): { figures: ReleaseFigures; basis: ReleaseBasis; cells: ReleaseCell[] } {
  const { facts, threshold } = input;
  const table = ptableFor(threshold);
  const base = sparsityBase(threshold);
  const previous = input.previousBasis ?? {};
  const basis: ReleaseBasis = {};
  const cells: ReleaseCell[] = [];

  const cell = (id: string, members: number[]): number => {
    const n = members.length;
    const key = members.reduce((sum, i) => sum + facts[i].recordKey, 0) % KEY_SPACE;
    const before = previous[id];
    const published = before && Math.abs(before.n - n) < CARRY_FORWARD ? before.p : table.publish(n, key / KEY_SPACE);
    basis[id] = before && published === before.p ? before : { n, p: published };
    cells.push({ id, members, n, published });
    return published;
  };

  const rowFigures = (id: string, members: number[]): RowFigures => {
    const enrolled = cell(`${id}|enrolled`, members);
    const due = members.filter((i) => facts[i].due);
    if (due.length < base) return { enrolled, outcomes: null };
    const outcomes = {} as Record<OutcomeColumn, number>;
    for (const column of OUTCOME_COLUMNS) {
      outcomes[column] = cell(
        `${id}|${column}`,
        members.filter((i) => inColumn(facts[i], column)),
      );
    }
    return { enrolled, outcomes };
  };

  const everyone = facts.map((_, i) => i);
  const scopes = input.scopes.map((scope): ScopeFigures => {
    const pilots = new Set(scope.pilotIds);
    const members = everyone.filter((i) => pilots.has(facts[i].pilotId));
    const outside = facts.length - members.length;
    const withheld: WithheldReason | null =
      members.length < base ? "tooFew" : scope.key !== "all" && outside < base ? "complementTooFew" : null;
    const figures: ScopeFigures = {
      key: scope.key,
      pilotIds: [...scope.pilotIds].sort(),
      organisationIds: [...scope.organisationIds].sort(),
      withheld,
      total: null,
      funnel: null,
      breakdowns: {},
    };
    if (withheld) return figures;
    const prefix = `${scope.key}|total|`;
    figures.total = rowFigures(prefix, members);
    figures.funnel = Object.fromEntries(
      FUNNEL_COLUMNS.map((column) => [
        column,
        column === "enrolled"
          ? figures.total!.enrolled
          : cell(
              `${prefix}|${column}`,
              members.filter((i) => FUNNEL_TEST[column](facts[i])),
            ),
      ]),
    ) as Record<FunnelColumn, number>;
    for (const breakdown of BREAKDOWNS) {
      const groups = new Map<string, number[]>();
      if (breakdown === "cohort") {
        for (const g of cohortGroups(
          members.map((i) => facts[i].startYear),
          base,
        )) {
          const years = new Set(g.years);
          groups.set(
            g.key,
            members.filter((i) => years.has(facts[i].startYear)),
          );
        }
      } else {
        for (const i of members) {
          const key = groupKey(breakdown, facts[i]);
          groups.set(key, [...(groups.get(key) ?? []), i]);
        }
      }
      const offered = groups.size >= 2 && [...groups.values()].every((g) => g.length >= base);
      figures.breakdowns[breakdown] = offered
        ? {
            offered: true,
            rows: [...groups.entries()]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([key, group]) => ({ key, figures: rowFigures(`${scope.key}|${breakdown}|${key}`, group) })),
          }
        : { offered: false, rows: [] };
    }
    return figures;
  });

  return { figures: { version: 1, point: RELEASE_POINT, threshold, base, scopes }, basis, cells };
}

/**
 * The scopes of a tenant's release: all pilots, and one per set of pilots some partner organisation takes part
 * in (organisations with the same pilots share one; one that takes part in every pilot sees "all").
 */
export function releaseScopes(pilots: { id: string; organisationIds: string[] }[]): ScopeInput[] {
  const all = pilots.map((p) => p.id).sort();
  const byOrganisation = new Map<string, string[]>();
  for (const pilot of pilots)
    for (const organisationId of pilot.organisationIds)
      byOrganisation.set(organisationId, [...(byOrganisation.get(organisationId) ?? []), pilot.id]);
  const scopes = new Map<string, ScopeInput>([["all", { key: "all", pilotIds: all, organisationIds: [] }]]);
  for (const [organisationId, pilotIds] of byOrganisation) {
    const sorted = [...new Set(pilotIds)].sort();
    const key = sorted.length === all.length ? "all" : `pilots:${sorted.join(",")}`;
    const scope = scopes.get(key) ?? { key, pilotIds: sorted, organisationIds: [] };
    scope.organisationIds.push(organisationId);
    scopes.set(key, scope);
  }
  return [...scopes.values()];
}
