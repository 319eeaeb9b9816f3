import "server-only";
// The indicators, defined once. Shared by the SQL, the tables, the page's definitions and the tests.
export const POINTS = ["AT_EXIT", "MONTHS_3", "MONTHS_6", "MONTHS_12"] as const;
export type Point = (typeof POINTS)[number];
export const POINT_MONTHS: Record<Point, number> = { AT_EXIT: 0, MONTHS_3: 3, MONTHS_6: 6, MONTHS_12: 12 };

/**
 * Outcome categories at a follow-up point. They partition the enrolments whose follow-up is due:
 * permanent job, temporary job, education or vocational training, other (still in the programme, not in
 * work), and unknown (recorded as unknown, or not recorded although due — as SSB counts "unknown").
 */
export const CATEGORIES = ["permanent", "temporary", "education", "other", "unknown"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_STATUSES: Record<Exclude<Category, "unknown">, string[]> = {
  permanent: ["PERMANENT_JOB"],
  temporary: ["TEMPORARY_JOB"],
  education: ["EDUCATION", "VOCATIONAL_TRAINING"],
  other: ["ACTIVE_IN_PROGRAMME", "NOT_IN_WORK"],
};

export type PointCounts<V = number> = Record<Category, V> & { due: V; permanentFullTime: V; permanentPartTime: V };
export const POINT_COUNT_FIELDS = ["due", ...CATEGORIES, "permanentFullTime", "permanentPartTime"] as const;
export const ROW_COUNT_FIELDS = ["enrolled", "active", "exited", "inActivity", "inPractice", "inJob"] as const;

/** Every count of a row of indicators; V is a number (a count, or a cell key) or a published cell. */
export type Counts<V> = {
  /** Enrolments in a pilot (a participant in two pilots counts in both). */
  enrolled: V;
  active: V;
  exited: V;
  /** The funnel: enrolled → in any activity → in work practice → in a job. */
  inActivity: V;
  inPractice: V;
  inJob: V;
  points: Record<Point, PointCounts<V>>;
};

export type IndicatorRow = Counts<number> & { medianDaysToJob: number | null };

/** Each count of `a` (with the matching count of `b`) mapped through `fn`. */
export function zipCounts<A, B, C>(a: Counts<A>, b: Counts<B>, fn: (x: A, y: B) => C): Counts<C> {
  const out = {} as Counts<C>;
  for (const k of ROW_COUNT_FIELDS) out[k] = fn(a[k], b[k]);
  out.points = {} as Counts<C>["points"];
  for (const point of POINTS) {
    const p = {} as PointCounts<C>;
    for (const k of POINT_COUNT_FIELDS) p[k] = fn(a.points[point][k], b.points[point][k]);
    out.points[point] = p;
  }
  return out;
}

export function mapCounts<A, C>(a: Counts<A>, fn: (x: A) => C): Counts<C> {
  return zipCounts(a, a, (x) => fn(x));
}

/** The shares, as the categories whose sum over `due` they are (the share definitions, once). */
export const SHARES = {
  shareWork: ["permanent", "temporary"],
  sharePermanent: ["permanent"],
  shareWorkOrEducation: ["permanent", "temporary", "education"],
  shareUnknown: ["unknown"],
} as const satisfies Record<string, readonly Category[]>;
export type Share = keyof typeof SHARES;

export const DIMENSIONS = ["pilot", "targetGroup", "year", "quarter", "gender", "organisation"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Dimensions whose groups partition the enrolments (their rows add up to the total); an enrolment can
 * involve several partner organisations, so that breakdown does not add up. */
export const ADDITIVE: Record<Dimension, boolean> = {
  pilot: true,
  targetGroup: true,
  year: true,
  quarter: true,
  gender: true,
  organisation: false,
};
