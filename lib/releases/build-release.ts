import "server-only";
import { KEY_SPACE } from "../dashboards/protection.ts";
import { ptableFor } from "./ptable.ts";
import {
  BREAKDOWNS,
  BREAKDOWN_OUTCOME_COLUMNS,
  CARRY_FORWARD,
  FUNNEL_COLUMNS,
  OUTCOME_COLUMNS,
  RELEASE_POINT,
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
  outcomes: Partial<Record<OutcomeColumn, number>> | null;
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

/**
 * What a reader can observe of one cell: its published value when it is shown, or, for a cell that only gates
 * what is shown (a group below the sparsity base, a hidden row, a withheld scope), whether its published value
 * reached the base. The attack tests read these; they are not stored.
 */
export type Observation =
  { kind: "value"; id: string; published: number } | { kind: "gate"; ids: string[]; passed: boolean };

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

/** Whether a fact counts in a column: the funnel's columns, or an outcome column (due enrolments only). */
function inColumn(f: ReleaseFact, column: string): boolean {
  switch (column) {
    case "enrolled":
      return true;
    case "inActivity":
      return f.inActivity;
    case "inPractice":
      return f.inPractice;
    case "inJob":
      return f.inJob;
  }
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

function groupOf(breakdown: Exclude<Breakdown, "cohort">, f: ReleaseFact): string {
  switch (breakdown) {
    case "pilot":
      return f.pilotId;
    case "targetGroup":
      return f.targetGroup;
    case "gender":
      return f.gender;
  }
}

/** Years of enrolment in buckets of `width` whole years, aligned ("2006–2007"; a bucket of one year: "2006"). */
export function cohortBucket(year: number, width: number): string {
  const start = year - (((year % width) + width) % width);
  return width === 1 ? String(year) : `${start}–${start + width - 1}`;
}

function cohortRange(group: string): [number, number] {
  const [from, to] = group.split("–").map(Number);
  return [from, to ?? from];
}

/**
 * Every cell is named `scope|breakdown|group|column`, and its name alone says whom it counts: the same rule
 * builds the release and lets the attack tests ask what a cell would hold for other data.
 */
export function cellPredicate(id: string): (f: ReleaseFact) => boolean {
  const [scope, breakdown, group, column] = id.split("|");
  const pilots = scope === "all" ? null : new Set(scope.replace(/^pilots:/, "").split(","));
  const inScope = (f: ReleaseFact) => pilots === null || pilots.has(f.pilotId);
  let inGroup: (f: ReleaseFact) => boolean;
  if (breakdown === "total") inGroup = inScope;
  else if (breakdown === "complement") inGroup = (f) => !inScope(f);
  else if (breakdown === "cohort") {
    const [from, to] = cohortRange(group);
    inGroup = (f) => inScope(f) && f.startYear >= from && f.startYear <= to;
  } else {
    const b = breakdown as Exclude<Breakdown, "cohort">;
    inGroup = (f) => inScope(f) && groupOf(b, f) === group;
  }
  return (f) => inGroup(f) && inColumn(f, column);
}

/** The indices of the facts a cell counts. */
export function membersOf(id: string, facts: ReleaseFact[]): number[] {
  const predicate = cellPredicate(id);
  const members: number[] = [];
  for (let i = 0; i < facts.length; i++) if (predicate(facts[i])) members.push(i);
  return members;
}

/**
 * The published values of a row made consistent with each other for the reader: no part larger than its whole
 * (in work ≤ followed up ≤ enrolled, permanent and temporary ≤ in work, in work ≤ in work or education). Each
 * value is perturbed on its own, so "41 in work of 38 followed up" could otherwise be shown. This is a function
 * of published values only, so it tells nothing the values did not (the attack tests observe the values before
 * it, which is the stronger position).
 */
export function consistent(
  enrolled: number,
  o: Partial<Record<OutcomeColumn, number>>,
): Partial<Record<OutcomeColumn, number>> {
  const out = { ...o };
  const cap = (value: number | undefined, max: number) => (value === undefined ? undefined : Math.min(value, max));
  out.followedUp = Math.min(o.followedUp ?? 0, enrolled);
  const followedUp = out.followedUp;
  out.inWork = cap(o.inWork, followedUp);
  if (o.inWorkOrEducation !== undefined)
    out.inWorkOrEducation = Math.min(Math.max(o.inWorkOrEducation, out.inWork ?? 0), followedUp);
  for (const part of ["permanent", "temporary"] as const) out[part] = cap(o[part], out.inWork ?? followedUp);
  for (const part of ["education", "notInWork", "unknown"] as const) out[part] = cap(o[part], followedUp);
  for (const key of Object.keys(out) as OutcomeColumn[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The path made consistent the same way: no step larger than the one before it (a job need not follow a placement). */
export function consistentFunnel(f: Record<FunnelColumn, number>): Record<FunnelColumn, number> {
  const inActivity = Math.min(f.inActivity, f.enrolled);
  return {
    enrolled: f.enrolled,
    inActivity,
    inPractice: Math.min(f.inPractice, inActivity),
    inJob: Math.min(f.inJob, f.enrolled),
  };
}

/** How many counts above the base the sparsity rule's bar may lie (table-space.ts, sparsityBase). */
export const BASE_RAMP = 5;

/**
 * Whether a group passes the sparsity rule: at least `base` people, and then a bar between base and
 * base + BASE_RAMP - 1 drawn from the group's own cell key (scrambled, so that it is not the key that also
 * perturbs the group's count). A fixed bar would tell, for a group of exactly `base`, that a person is in it
 * whenever it is shown; a bar drawn per set of people makes a group of base + k shown with probability
 * (k + 1) / BASE_RAMP. No group smaller than `base` is ever shown.
 */
export function passesBase(members: number[], facts: ReleaseFact[], base: number): boolean {
  if (members.length < base) return false;
  const key = members.reduce((sum, i) => sum + facts[i].recordKey, 0) % KEY_SPACE;
  const scrambled = Math.imul(key, 2654435761) >>> 0;
  const bar = base + (scrambled % BASE_RAMP);
  return members.length >= bar;
}

/**
 * Builds a release from the facts as of its date: every cell perturbed by the cell-key method (./ptable.ts),
 * the sparsity rule applied to true counts (whether a group is shown says only that it holds B or more), and each cell's value carried forward from the previous
 * release unless its true count moved by CARRY_FORWARD or more. Pure: the same facts, scopes and basis give
 * the same release.
 */
export function buildRelease(input: {
  facts: ReleaseFact[];
  scopes: ScopeInput[];
  threshold: number;
  previousBasis?: ReleaseBasis | null;
}): { figures: ReleaseFigures; basis: ReleaseBasis; observations: Observation[] } {
  const { facts, threshold } = input;
  const table = ptableFor(threshold);
  const base = sparsityBase(threshold);
  const previous = input.previousBasis ?? {};
  const basis: ReleaseBasis = {};
  const observations: Observation[] = [];
  const drawn = new Map<string, number>();
  const counted = new Map<string, number[]>();

  /** The enrolments a cell counts (found once per release: a gate and the shown value ask for the same cells). */
  const members = (id: string): number[] => {
    let found = counted.get(id);
    if (!found) {
      found = membersOf(id, facts);
      counted.set(id, found);
    }
    return found;
  };
  /** A cell's published value (drawn once per release, whichever table asks). */
  const value = (id: string): number => {
    const known = drawn.get(id);
    if (known !== undefined) return known;
    const cell = members(id);
    const n = cell.length;
    const key = cell.reduce((sum, i) => sum + facts[i].recordKey, 0) % KEY_SPACE;
    const before = previous[id];
    const published = before && Math.abs(before.n - n) < CARRY_FORWARD ? before.p : table.publish(n, key / KEY_SPACE);
    basis[id] = before && published === before.p ? before : { n, p: published };
    drawn.set(id, published);
    return published;
  };
  const shown = (id: string): number => {
    const published = value(id);
    observations.push({ kind: "value", id, published });
    return published;
  };
  const gate = (ids: string[]): boolean => {
    const passed = ids.every((id) => passesBase(members(id), facts, base));
    observations.push({ kind: "gate", ids, passed });
    return passed;
  };

  const rowFigures = (prefix: string, columns: readonly OutcomeColumn[]): RowFigures => {
    const enrolled = shown(`${prefix}|enrolled`);
    if (!gate([`${prefix}|followedUp`])) return { enrolled, outcomes: null };
    return {
      enrolled,
      outcomes: consistent(enrolled, Object.fromEntries(columns.map((c) => [c, shown(`${prefix}|${c}`)]))),
    };
  };

  /** The groups a breakdown has in a scope (cohorts: the narrowest buckets of whole years that pass). */
  const breakdownRows = (scope: ScopeInput, breakdown: Breakdown): string[] | null => {
    const predicate = cellPredicate(`${scope.key}|total||enrolled`);
    const inScope = facts.filter(predicate);
    if (breakdown === "cohort") {
      const years = inScope.map((f) => f.startYear);
      const span = years.length ? Math.max(...years) - Math.min(...years) + 1 : 0;
      for (let width = 1; width <= Math.min(span, 4); width++) {
        const groups = [...new Set(years.map((y) => cohortBucket(y, width)))].sort();
        if (groups.length < 2) return null;
        if (gate(groups.map((g) => `${scope.key}|cohort|${g}|enrolled`))) return groups;
      }
      return null;
    }
    const groups = [...new Set(inScope.map((f) => groupOf(breakdown, f)))].sort();
    if (groups.length < 2) return null;
    return gate(groups.map((g) => `${scope.key}|${breakdown}|${g}|enrolled`)) ? groups : null;
  };

  const scopes = input.scopes.map((scope): ScopeFigures => {
    const figures: ScopeFigures = {
      key: scope.key,
      pilotIds: [...scope.pilotIds].sort(),
      organisationIds: [...scope.organisationIds].sort(),
      withheld: null,
      total: null,
      funnel: null,
      breakdowns: {},
    };
    if (!gate([`${scope.key}|total||enrolled`])) return { ...figures, withheld: "tooFew" };
    if (scope.key !== "all" && !gate([`${scope.key}|complement||enrolled`]))
      return { ...figures, withheld: "complementTooFew" };
    figures.total = rowFigures(`${scope.key}|total|`, OUTCOME_COLUMNS);
    figures.funnel = consistentFunnel(
      Object.fromEntries(FUNNEL_COLUMNS.map((column) => [column, shown(`${scope.key}|total||${column}`)])) as Record<
        FunnelColumn,
        number
      >,
    );
    for (const breakdown of BREAKDOWNS) {
      const groups = breakdownRows(scope, breakdown);
      figures.breakdowns[breakdown] = groups
        ? {
            offered: true,
            rows: groups.map((key) => ({
              key,
              figures: rowFigures(`${scope.key}|${breakdown}|${key}`, BREAKDOWN_OUTCOME_COLUMNS),
            })),
          }
        : { offered: false, rows: [] };
    }
    return figures;
  });

  return { figures: { version: 1, point: RELEASE_POINT, threshold, base, scopes }, basis, observations };
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
