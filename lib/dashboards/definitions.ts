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

export type PointCounts = Record<Category, number> & { due: number; permanentFullTime: number; permanentPartTime: number };

export type IndicatorRow = {
  /** Enrolments in a pilot (a participant in two pilots counts in both). */
  enrolled: number;
  active: number;
  exited: number;
  /** The funnel: enrolled → in any activity → in work practice → in a job. */
  inActivity: number;
  inPractice: number;
  inJob: number;
  medianDaysToJob: number | null;
  points: Record<Point, PointCounts>;
};

export const shareInWork = (p: PointCounts) => ratio(p.permanent + p.temporary, p.due);
export const shareInPermanentWork = (p: PointCounts) => ratio(p.permanent, p.due);
export const shareInWorkOrEducation = (p: PointCounts) => ratio(p.permanent + p.temporary + p.education, p.due);
export const shareUnknown = (p: PointCounts) => ratio(p.unknown, p.due);

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export const DIMENSIONS = ["pilot", "targetGroup", "year", "quarter", "gender", "organisation"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** Dimensions whose groups partition the enrolments (their rows add up to the total); an enrolment can
 * involve several partner organisations, so that breakdown does not add up. */
export const ADDITIVE: Record<Dimension, boolean> = { pilot: true, targetGroup: true, year: true, quarter: true, gender: true, organisation: false };
