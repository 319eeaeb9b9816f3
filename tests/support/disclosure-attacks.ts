/**
 * Attacks on released figures, as a partner would make them. Everything here works on the facts a release is
 * built from and on what a reader can observe (lib/releases/build-release.ts Observation), so it measures
 * inference — how often an attacker is right — and not only whether an exact count shows.
 *
 * The attacker is the likelihood-ratio (Bayes) attacker, the best one there is for a yes/no question when it
 * knows the method, its parameters and every other person's record: for each observed cell it knows how many
 * others the cell holds, so it knows the cell's true count under each answer, and the perturbation table says
 * how likely the published value (or a cell's passing or failing the sparsity base) is under each. It multiplies
 * the likelihoods over every cell it can reach (all pairs of nested cells are in that product) and answers with
 * the likelier one. Cells with the same people publish the same value: it counts each set of people once.
 */
import { KEY_SPACE } from "../../lib/dashboards/protection.ts";
import {
  BASE_RAMP,
  buildRelease,
  cellPredicate,
  type Observation,
  type ReleaseFact,
  type ScopeInput,
} from "../../lib/releases/build-release.ts";
import { ptableFor } from "../../lib/releases/ptable.ts";
import { sparsityBase } from "../../lib/releases/table-space.ts";

export type Rng = () => number;

/** A small seeded generator (mulberry32): the same seed draws the same data and keys. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same facts with fresh record keys (another draw of the keys the database gives at creation). */
export function redrawKeys(facts: ReleaseFact[], random: Rng): ReleaseFact[] {
  return facts.map((f) => ({ ...f, recordKey: Math.floor(random() * KEY_SPACE) }));
}

const pick = <T>(random: Rng, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/** A generated programme: `count` enrolments over three pilots and five years, shaped like the demo's. */
export function generateFacts(count: number, random: Rng, pilotIds = ["pa", "pb", "pc"]): ReleaseFact[] {
  const statuses = ["PERMANENT_JOB", "PERMANENT_JOB", "TEMPORARY_JOB", "EDUCATION", "NOT_IN_WORK", "UNKNOWN"];
  return Array.from({ length: count }, (_, i) => {
    const startYear = 2019 + Math.floor(random() * 5);
    const due = random() < 0.75;
    const inActivity = random() < 0.9;
    return {
      id: `g${i}`,
      pilotId: pick(random, pilotIds),
      targetGroup: pick(random, ["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"]),
      gender: pick(random, ["FEMALE", "MALE", "MALE", "FEMALE", "UNRECORDED"]),
      startYear,
      due,
      status: due ? pick(random, statuses) : null,
      inActivity,
      inPractice: inActivity && random() < 0.6,
      inJob: random() < 0.55,
      recordKey: Math.floor(random() * KEY_SPACE),
    };
  });
}

/** How a reader's observation of one cell is distributed, given the cell's true count. */
export type Method = {
  /** P(observed value | true count n); a hidden cell is observed as -1. */
  probability: (n: number, observed: number) => number;
  /** P(the cell's published value reaches the sparsity base | n). */
  passes: (n: number) => number;
  /** The values a cell of true count n may be observed as, with their probabilities (-1: hidden). */
  distribution: (n: number) => [number, number][];
  observe: (facts: ReleaseFact[]) => Observation[];
};

/** The release method as the app runs it, for one scope a partner reads (plus the all-pilot total). */
export function releaseMethod(options: {
  scopes: ScopeInput[];
  threshold: number;
  reachable: (id: string) => boolean;
}) {
  const table = ptableFor(options.threshold);
  const base = sparsityBase(options.threshold);
  return {
    probability: (n, observed) => table.probability(n, observed),
    distribution: (n) => {
      const row = table.row(n);
      return row.values.map((v, i): [number, number] => [v, row.probabilities[i]]);
    },
    passes: (n) => Math.min(1, Math.max(0, (n - base + 1) / BASE_RAMP)),
    observe: (facts) =>
      buildRelease({ facts, scopes: options.scopes, threshold: options.threshold }).observations.filter((o) =>
        o.kind === "value" ? options.reachable(o.id) : o.ids.every(options.reachable),
      ),
  } satisfies Method;
}

/**
 * The publisher before releases (main before this change), replayed on the same facts: live figures by year,
 * pilot, target group and gender at 12 months, each count randomly rounded to base 5 by its cell key, counts of
 * 1 … T-1 (and published values below T) hidden as ":", no sparsity rule, zeros always true zeros.
 */
export function legacyMethod(threshold: number) {
  const ROUND = 5;
  const columns = ["enrolled", "followedUp", "permanent", "temporary", "education", "notInWork", "unknown"];
  const publish = (n: number, u: number): number => {
    if (n === 0) return 0;
    const r = n % ROUND;
    const value = r === 0 ? n : u * ROUND < r ? n - r + ROUND : n - r;
    return n < threshold || value < threshold ? -1 : value;
  };
  return {
    probability: (n, observed) => {
      if (n === 0) return observed === 0 ? 1 : 0;
      if (n < threshold) return observed === -1 ? 1 : 0;
      const r = n % ROUND;
      const up = n - r + (r === 0 ? 0 : ROUND);
      const down = n - r;
      const pUp = r / ROUND;
      const outcomes = new Map<number, number>();
      const add = (v: number, p: number) => {
        const key = v < threshold ? -1 : v;
        outcomes.set(key, (outcomes.get(key) ?? 0) + p);
      };
      if (r === 0) add(n, 1);
      else {
        add(up, pUp);
        add(down, 1 - pUp);
      }
      return outcomes.get(observed) ?? 0;
    },
    passes: () => 1,
    distribution: (n) => {
      const r = n % ROUND;
      const hide = (v: number) => (n > 0 && (n < threshold || v < threshold) ? -1 : v);
      if (n === 0) return [[0, 1]];
      if (r === 0) return [[hide(n), 1]];
      return [
        [hide(n - r + ROUND), r / ROUND],
        [hide(n - r), 1 - r / ROUND],
      ];
    },
    observe: (facts) => {
      const years = [...new Set(facts.map((f) => String(f.startYear)))];
      const groups: [string, string[]][] = [
        ["total", [""]],
        ["cohort", years],
        ["pilot", [...new Set(facts.map((f) => f.pilotId))]],
        ["targetGroup", [...new Set(facts.map((f) => f.targetGroup))]],
        ["gender", [...new Set(facts.map((f) => f.gender))]],
      ];
      const out: Observation[] = [];
      for (const [breakdown, keys] of groups)
        for (const key of keys)
          for (const column of columns) {
            const id = `all|${breakdown}|${key}|${column}`;
            const predicate = cellPredicate(id);
            let n = 0;
            let sum = 0;
            for (const f of facts)
              if (predicate(f)) {
                n++;
                sum += f.recordKey;
              }
            out.push({ kind: "value", id, published: publish(n, (sum % KEY_SPACE) / KEY_SPACE) });
          }
      return out;
    },
  } satisfies Method;
}

const predicates = new Map<string, (f: ReleaseFact) => boolean>();
function predicateOf(id: string) {
  let p = predicates.get(id);
  if (!p) {
    p = cellPredicate(id);
    predicates.set(id, p);
  }
  return p;
}

/**
 * How the attacker weighs what it sees.
 * - "differencing" (the attacker the issue names): it forms every pair of nested cells it can reach, A inside
 *   B with the person in B and not in A, takes the difference of their published values — how many people
 *   B has beyond A — and compares it with the number it knows of; it answers from the most telling pair.
 * - "bestCell": stronger — knowing everyone else, it needs no second cell: it reads the person's presence
 *   from the single most telling cell the person is in (gates included).
 * - "everything": strongest — it multiplies the evidence of every cell it can reach, as if their noise were
 *   independent.
 */
export type Combine = "differencing" | "bestCell" | "everything";

/**
 * One yes/no question about one person, asked `draws` times (fresh record keys each time) for each true
 * answer: the attacker observes the release built from the world where the answer holds and answers with the
 * likelier hypothesis. `others`: everyone else's records (the attacker knows them); `yes`/`no`: the person's
 * record under each answer (null: absent). Returns how many of the 2 × draws answers were right.
 */
export function askMany(
  method: Method,
  others: ReleaseFact[],
  yes: ReleaseFact | null,
  no: ReleaseFact | null,
  draws: number,
  random: Rng,
  knows: (id: string) => boolean = () => true,
  combine: Combine = "differencing",
): number {
  const counts = new Map<string, number>();
  const nested = new Map<string, boolean>();
  /** Whether A's people are always among B's (over everyone, the person included). */
  const isNested = (a: string, b: string) => {
    const key = `${a}\n${b}`;
    let result = nested.get(key);
    if (result === undefined) {
      const pa = predicateOf(a);
      const pb = predicateOf(b);
      result = [...others, ...(yes ? [yes] : []), ...(no ? [no] : [])].every((f) => !pa(f) || pb(f));
      nested.set(key, result);
    }
    return result;
  };
  const differences = new Map<string, Map<number, number>>();
  /** The distribution of published(B) − published(A) for true counts nB and nA (independent keys). */
  const differenceOf = (nB: number, nA: number) => {
    const key = `${nB},${nA}`;
    let d = differences.get(key);
    if (!d) {
      d = new Map();
      for (const [vb, pb] of method.distribution(nB))
        for (const [va, pa] of method.distribution(nA)) {
          if (vb < 0 || va < 0) continue;
          d.set(vb - va, (d.get(vb - va) ?? 0) + pb * pa);
        }
      differences.set(key, d);
    }
    return d;
  };
  const othersCount = (id: string) => {
    let n = counts.get(id);
    if (n === undefined) {
      const predicate = predicateOf(id);
      n = 0;
      for (const f of others) if (predicate(f)) n++;
      counts.set(id, n);
    }
    return n;
  };
  const countUnder = (id: string, person: ReleaseFact | null) =>
    othersCount(id) + (person && predicateOf(id)(person) ? 1 : 0);
  let right = 0;
  for (let d = 0; d < draws; d++) {
    for (const truth of [true, false]) {
      const person = truth ? yes : no;
      const world = redrawKeys(person ? [...others, person] : others, random);
      let logRatio = 0;
      let best = 0;
      const seen = new Set<string>();
      const observed = method.observe(world);
      if (combine === "differencing") {
        const values = observed.filter(
          (o): o is Extract<Observation, { kind: "value" }> => o.kind === "value" && knows(o.id) && o.published >= 0,
        );
        const holding = values.filter(
          (o) => yes !== null && predicateOf(o.id)(yes) !== (no !== null && predicateOf(o.id)(no)),
        );
        for (const b of holding) {
          for (const a of values) {
            if (a === b || !isNested(a.id, b.id)) continue;
            // Only pairs whose difference the person changes.
            const inA = (p: ReleaseFact | null) => p !== null && predicateOf(a.id)(p);
            const inB = (p: ReleaseFact | null) => p !== null && predicateOf(b.id)(p);
            if (inB(yes) === inB(no) && inA(yes) === inA(no)) continue;
            const difference = b.published - a.published;
            const pYes = differenceOf(countUnder(b.id, yes), countUnder(a.id, yes)).get(difference) ?? 0;
            const pNo = differenceOf(countUnder(b.id, no), countUnder(a.id, no)).get(difference) ?? 0;
            const ratio = Math.log(Math.max(pYes, 1e-300)) - Math.log(Math.max(pNo, 1e-300));
            if (Math.abs(ratio) > Math.abs(best)) best = ratio;
          }
        }
        const guess = best === 0 ? random() < 0.5 : best > 0;
        if (guess === truth) right++;
        continue;
      }
      for (const o of observed) {
        const ids = o.kind === "value" ? [o.id] : o.ids;
        if (!ids.every(knows)) continue;
        // Cells holding the same people under both answers publish the same value: count each set once.
        const signature =
          ids
            .map((id) => `${countUnder(id, yes)}/${countUnder(id, no)}/${id.split("|").slice(0, 3).join("|")}`)
            .join(";") + (o.kind === "value" ? `=${o.published}` : `:${o.passed}`);
        if (seen.has(signature)) continue;
        seen.add(signature);
        let pYes: number;
        let pNo: number;
        if (o.kind === "value") {
          pYes = method.probability(countUnder(o.id, yes), o.published);
          pNo = method.probability(countUnder(o.id, no), o.published);
        } else {
          const all = (person: ReleaseFact | null) =>
            o.ids.reduce((p, id) => p * method.passes(countUnder(id, person)), 1);
          pYes = o.passed ? all(yes) : 1 - all(yes);
          pNo = o.passed ? all(no) : 1 - all(no);
        }
        const ratio = Math.log(Math.max(pYes, 1e-300)) - Math.log(Math.max(pNo, 1e-300));
        logRatio += ratio;
        if (Math.abs(ratio) > Math.abs(best)) best = ratio;
      }
      if (combine === "bestCell") logRatio = best;
      const guess = logRatio === 0 ? random() < 0.5 : logRatio > 0;
      if (guess === truth) right++;
    }
  }
  return right;
}

/** Presence: is this person in the figures at all? Accuracy over the people in `targets` (chance: 0.5). */
export function presenceAccuracy(
  method: Method,
  facts: ReleaseFact[],
  targets: number[],
  draws: number,
  random: Rng,
  knows?: (id: string) => boolean,
  combine?: Combine,
): number {
  let right = 0;
  for (const i of targets)
    right += askMany(
      method,
      facts.filter((_, j) => j !== i),
      facts[i],
      null,
      draws,
      random,
      knows,
      combine,
    );
  return right / (targets.length * draws * 2);
}

/** Outcome: was this followed-up person in a permanent job at 12 months, or not in work? (chance: 0.5) */
export function outcomeAccuracy(
  method: Method,
  facts: ReleaseFact[],
  targets: number[],
  draws: number,
  random: Rng,
  knows?: (id: string) => boolean,
  combine?: Combine,
): number {
  let right = 0;
  for (const i of targets) {
    const others = facts.filter((_, j) => j !== i);
    const inWork = { ...facts[i], due: true, status: "PERMANENT_JOB" };
    const notInWork = { ...facts[i], due: true, status: "NOT_IN_WORK" };
    right += askMany(method, others, inWork, notInWork, draws, random, knows, combine);
  }
  return right / (targets.length * draws * 2);
}

/**
 * Group disclosure: rows a reader can see whose published outcome cells put everyone of a small group (fewer
 * than the sparsity base followed up) in one category — one category published above 0, every other 0 — and
 * where that is true. Counted over every row with outcomes in the observations.
 */
export function groupDisclosures(facts: ReleaseFact[], observations: Observation[], base: number): number {
  const categories = ["permanent", "temporary", "education", "notInWork", "unknown"];
  const values = new Map<string, number>();
  for (const o of observations) if (o.kind === "value") values.set(o.id, o.published);
  const rows = new Set([...values.keys()].filter((id) => id.endsWith("|followedUp")).map((id) => id.slice(0, -11)));
  let disclosures = 0;
  for (const row of rows) {
    const due = facts.filter(predicateOf(`${row}|followedUp`)).length;
    if (due === 0 || due >= base) continue;
    const published = categories.map((c) => values.get(`${row}|${c}`) ?? 0);
    const shown = published.filter((v) => v !== 0);
    if (shown.length !== 1) continue;
    const category = categories[published.findIndex((v) => v !== 0)];
    if (facts.filter(predicateOf(`${row}|${category}`)).length === due) disclosures++;
  }
  return disclosures;
}
