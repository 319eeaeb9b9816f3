import "server-only";
/**
 * The perturbation table of the cell-key method for counts (Thompson, Broadfoot & Elazar 2013; Eurostat's
 * "cell key method" as the R package ptable builds it, `create_cnt_ptable(D, V, js)`): for a true count n and
 * a cell key u in [0, 1), the published count. Each row n is a probability distribution over published values,
 * and the cell key picks one through the row's cumulative distribution, so the same set of enrolments (the same
 * cell key) always publishes the same value.
 *
 * Each row is the distribution of greatest entropy (the least informative to an attacker) that
 * - is unbiased: its mean is n, so sums of many published cells stay right on average;
 * - has variance V where that is possible (a small n cannot move far below itself: its row has the variance it
 *   can get, and stays unbiased);
 * - moves a count at most D away;
 * - never publishes a small value: 1 … js are not published at all. A true 1 … js is published as 0 or as a
 *   value above js; a published 0 can therefore be a true 0 or a small count, so zeros are ambiguous (the ESS
 *   handbook's requirement against group disclosure), and no published cell is a small count.
 * An empty cell is published as 0 most of the time and now and then as a small positive value (ZERO_RATIO).
 *
 * Parameters from the tenant's threshold T (3–10, default 5): js = T − 1, D = 3T, V = 16. With T = 5: counts of
 * 1–4 are never shown; a count typically moves by up to 4 (standard deviation 4), at most 15, and in
 * practice (the tails are Gaussian-thin) rarely more than 10. They were chosen by measurement
 * (tests/integration/releases.test.ts, the differencing attacker):
 * - D = T (ptable's example D = 5, V = 3) leaves values at the edge of a row's range that the next row cannot
 *   reach, so drawing one proves a count; with D = 3T those edges are practically never drawn.
 * - V: each published cell a person is in is one more noisy look at them, and a partner's tables hold each
 *   person in some twenty cells. With V = 3 the differencing attacker was right about presence 69–76 % of the
 *   time, with V = 9 58–63 %, with V = 16 56–61 %: V = 16 is the smallest variance that keeps it near the 60 %
 *   goal. Figures are vaguer for it (a cell of 10 is published between 6 and 14 most of the time), which is why
 *   the page says so where the figures stand, and why rows need at least 2T people.
 */
export type PTableParams = { D: number; V: number; js: number };

export function ptableParams(threshold: number): PTableParams {
  return { D: 3 * threshold, V: 16, js: threshold - 1 };
}

/**
 * How much likelier a count of one is than an empty cell to be published above 0. If an empty cell were always
 * published as 0, a published 5 over a cell where the attacker knows nobody else would prove that the person is
 * there (a count of one is published above 0 about one time in five); with an empty cell published above 0
 * now and then, it is only ZERO_RATIO times likelier. The price: an empty cell is published as 5–6 about one
 * time in fifteen (at T = 5), a small upward bias of about 0.4 on empty cells only.
 */
export const ZERO_RATIO = 3;

export type PTableRow = { values: number[]; probabilities: number[] };

/** The row of a count n: the published values it may take and their probabilities (max-entropy). */
export function ptableRow(n: number, params: PTableParams): PTableRow {
  if (n <= 0) {
    // An empty cell is published as 0 most of the time, and sometimes as the values a count of one may take.
    const one = ptableRow(1, params);
    const nonZero = one.probabilities.slice(1);
    const mass = nonZero.reduce((sum, p) => sum + p, 0);
    const q = mass / ZERO_RATIO;
    return { values: one.values, probabilities: [1 - q, ...nonZero.map((p) => (p / mass) * q)] };
  }
  const values: number[] = [];
  for (let v = Math.max(0, n - params.D); v <= n + params.D; v++) if (v === 0 || v > params.js) values.push(v);
  const x = values.map((v) => v - n);
  // The max-entropy distribution with E[x] = 0 and E[x²] = V is p ∝ exp(a·x + b·x²): Newton's method on the
  // convex dual log Z(a, b) − V·b. Where no such distribution exists (a small n, whose support lies mostly above
  // it), the variance constraint is dropped and p ∝ exp(a·x) with E[x] = 0 (still unbiased, still max-entropy).
  const withVariance = solve(x, params.V, true);
  const probabilities = withVariance ?? solve(x, params.V, false);
  if (!probabilities) throw new Error(`no unbiased perturbation for n = ${n}`);
  return { values, probabilities };
}

function distribution(x: number[], a: number, b: number): number[] {
  const logits = x.map((xi) => a * xi + b * xi * xi);
  const max = Math.max(...logits);
  const w = logits.map((l) => Math.exp(l - max));
  const z = w.reduce((s, wi) => s + wi, 0);
  return w.map((wi) => wi / z);
}

function solve(x: number[], V: number, withVariance: boolean): number[] | null {
  let a = 0;
  let b = 0;
  for (let iteration = 0; iteration < 500; iteration++) {
    const p = distribution(x, a, b);
    const m1 = p.reduce((s, pi, i) => s + pi * x[i], 0);
    const m2 = p.reduce((s, pi, i) => s + pi * x[i] ** 2, 0);
    const g1 = m1;
    const g2 = withVariance ? m2 - V : 0;
    if (Math.abs(g1) < 1e-12 && Math.abs(g2) < 1e-10) return p;
    const m3 = p.reduce((s, pi, i) => s + pi * x[i] ** 3, 0);
    const m4 = p.reduce((s, pi, i) => s + pi * x[i] ** 4, 0);
    // Hessian of log Z: the covariance of (x, x²).
    const h11 = m2 - m1 * m1;
    const h12 = m3 - m1 * m2;
    const h22 = m4 - m2 * m2;
    let da: number;
    let db = 0;
    if (withVariance) {
      const det = h11 * h22 - h12 * h12;
      if (!(Math.abs(det) > 1e-14)) return null;
      da = (h22 * g1 - h12 * g2) / det;
      db = (h11 * g2 - h12 * g1) / det;
    } else {
      if (!(h11 > 1e-14)) return null;
      da = g1 / h11;
    }
    // A damped step: the dual is convex, and large steps overshoot where the support is lopsided.
    const scale = Math.min(1, 2 / Math.max(Math.abs(da), Math.abs(db), 1e-9));
    a -= da * scale;
    b -= db * scale;
    if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(b) > 50 || Math.abs(a) > 200) return null;
  }
  return null;
}

/** The whole table for one parameter set: rows 0 … n* computed, every larger row the last one shifted. */
export class PTable {
  readonly params: PTableParams;
  private readonly rows: PTableRow[];
  constructor(params: PTableParams) {
    this.params = params;
    const last = params.js + params.D + 1;
    this.rows = Array.from({ length: last + 1 }, (_, n) => ptableRow(n, params));
  }

  row(n: number): PTableRow {
    if (n < this.rows.length) return this.rows[n];
    const last = this.rows.length - 1;
    const shift = n - last;
    const base = this.rows[last];
    return { values: base.values.map((v) => v + shift), probabilities: base.probabilities };
  }

  /** The published value of a true count n whose cell key is u (0 ≤ u < 1). */
  publish(n: number, u: number): number {
    const { values, probabilities } = this.row(n);
    let cumulative = 0;
    for (let i = 0; i < values.length; i++) {
      cumulative += probabilities[i];
      if (u < cumulative) return values[i];
    }
    return values[values.length - 1];
  }

  /** P(published = p | true = n). */
  probability(n: number, published: number): number {
    const { values, probabilities } = this.row(n);
    const i = values.indexOf(published);
    return i < 0 ? 0 : probabilities[i];
  }
}

const tables = new Map<number, PTable>();
/** The table for a threshold (built once per process). */
export function ptableFor(threshold: number): PTable {
  let table = tables.get(threshold);
  if (!table) {
    table = new PTable(ptableParams(threshold));
    tables.set(threshold, table);
  }
  return table;
}
