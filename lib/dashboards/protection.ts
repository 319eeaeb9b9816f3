import "server-only";
/**
 * Statistical disclosure control for every figure that leaves a tenant's own staff: the cell-key method
 * (Thompson, Broadfoot & Elazar 2013, ABS TableBuilder; Statistics Sweden; Eurostat's SDC guidelines) with a
 * perturbation table that does unbiased random rounding to base 5, and small counts hidden on top.
 *
 * - Every enrolment (the counted unit) has a record key: an integer drawn uniformly from 0 … KEY_SPACE-1 when
 *   the row is created, stored with it, never shown and never changed (a trigger keeps it).
 * - A cell's key is the sum of the record keys of the enrolments it counts, modulo KEY_SPACE. The same set of
 *   enrolments therefore has the same cell key whichever table, filter, period window or export reaches it;
 *   two different sets have independent, uniformly distributed keys.
 * - The perturbation table maps (cell key, count n) to the published count: with r = n mod 5, the count is
 *   rounded up to the next multiple of 5 when cellKey / KEY_SPACE < r / 5 and down otherwise. That is random
 *   rounding: unbiased (the expected published value is n), at most 4 away from n, and every published count
 *   is a multiple of 5, so a difference of two published counts is too — it can never be a count of 1–4.
 *   Zero stays zero (an empty cell has nobody to protect and key 0).
 * - Small results are hidden (":"): a count of 1 to threshold-1, and any count whose published value would be
 *   below the threshold. Shares are computed from published counts and hidden when an input is hidden or the
 *   published denominator is below MIN_SHARE_BASE × threshold. No secondary suppression: the rounding already
 *   makes totals and parts differ, so "tables may not add up".
 */
export const KEY_SPACE = 4096;
export const ROUNDING_BASE = 5;
/** Shares need a published denominator of at least this many times the threshold (20 at the default 5). */
export const MIN_SHARE_BASE = 4;
/** Thresholds a tenant may choose; protection cannot be switched off. */
export const THRESHOLD_MIN = 3;
export const THRESHOLD_MAX = 10;
/** The median time to a job is published rounded to this many days, and only over enough jobs. */
export const MEDIAN_DAYS_ROUNDING = 10;

export type Cell = { value: number; suppressed: boolean };

/** A cell's key from the sum of its units' record keys (any non-negative integer sum). */
export function cellKey(recordKeySum: number): number {
  return ((recordKeySum % KEY_SPACE) + KEY_SPACE) % KEY_SPACE;
}

/** The perturbation table: the published count for a true count n and its cell key. */
export function perturb(n: number, key: number): number {
  if (n <= 0) return 0;
  const r = n % ROUNDING_BASE;
  if (r === 0) return n;
  return cellKey(key) * ROUNDING_BASE < r * KEY_SPACE ? n - r + ROUNDING_BASE : n - r;
}

/** A count as partners get it. A hidden cell carries no value (0), only the fact that it is hidden. */
export function protectCount(n: number, key: number, threshold: number): Cell {
  const published = perturb(n, key);
  if (n > 0 && (n < threshold || published < threshold)) return { value: 0, suppressed: true };
  return { value: published, suppressed: false };
}

/** Exact figures (the tenant's own staff). */
export function exactCount(n: number): Cell {
  return { value: n, suppressed: false };
}

/** A share from published counts: hidden when an input is hidden or the denominator is too small to say much. */
export function protectedShare(
  numerator: Cell[],
  denominator: Cell,
  threshold: number | null,
): { value: number | null; suppressed: boolean } {
  const hidden = denominator.suppressed || numerator.some((c) => c.suppressed);
  if (hidden) return { value: null, suppressed: true };
  if (denominator.value === 0) return { value: null, suppressed: false };
  if (threshold !== null && denominator.value < MIN_SHARE_BASE * threshold) return { value: null, suppressed: true };
  const value = numerator.reduce((sum, c) => sum + c.value, 0) / denominator.value;
  return { value: Math.min(1, value), suppressed: false };
}

/** The median days to a job as partners get it: rounded, and only over enough jobs. */
export function protectedMedianDays(
  median: number | null,
  jobs: Cell,
  threshold: number,
): { value: number | null; suppressed: boolean } {
  if (median === null) return { value: null, suppressed: jobs.suppressed };
  if (jobs.suppressed || jobs.value < MIN_SHARE_BASE * threshold) return { value: null, suppressed: true };
  return { value: Math.round(median / MEDIAN_DAYS_ROUNDING) * MEDIAN_DAYS_ROUNDING, suppressed: false };
}

/** A tenant's threshold: its own setting within the allowed range, else the deployment's default. */
export function effectiveThreshold(tenantSetting: number | null | undefined, deploymentDefault: number): number {
  const value = tenantSetting ?? deploymentDefault;
  return Math.min(THRESHOLD_MAX, Math.max(THRESHOLD_MIN, Math.round(value)));
}
