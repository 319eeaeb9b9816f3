/**
 * The fixed table space of a release: what partners may see, decided once, written down here and on the
 * "how figures are protected" page. Like ABS TableBuilder and the statistics offices' releases, and unlike a
 * free query tool, a partner cannot choose a window or combine filters: every table is one of these.
 *
 * - One follow-up point: status 12 months after exit (the point both programmes report on). Every further point
 *   would be another nested cell over the same people, and each pair of cells is a chance to difference them.
 * - Scopes: all pilots, and for each partner organisation the pilots it takes part in (what that partner sees).
 * - Per scope: the total, the path (enrolled → in an activity → in work practice → got a job) and one breakdown
 *   at a time by cohort (whole years of enrolment, neighbouring years merged until each has enough people),
 *   pilot, target group, gender or age band at enrolment. No cross-tabulations.
 * - Outcome categories at 12 months: permanent job, temporary job, education or vocational training, not in work,
 *   not known; and the coarser "in work" and "in work or education" as cells of their own.
 */
export const RELEASE_POINT = "MONTHS_12" as const;

export const OUTCOME_COLUMNS = [
  "followedUp",
  "inWork",
  "permanent",
  "temporary",
  "education",
  "inWorkOrEducation",
  "notInWork",
  "unknown",
] as const;
export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];

export const FUNNEL_COLUMNS = ["enrolled", "inActivity", "inPractice", "inJob"] as const;
export type FunnelColumn = (typeof FUNNEL_COLUMNS)[number];

export const BREAKDOWNS = ["cohort", "pilot", "targetGroup", "gender", "ageBand"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export const AGE_BANDS = ["UNDER_25", "25_TO_39", "40_PLUS", "UNRECORDED"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age at enrolment (the year of enrolment minus the year of birth), in bands wide enough to hold people. */
export function ageBand(startYear: number, birthYear: number | null): AgeBand {
  if (birthYear === null) return "UNRECORDED";
  const age = startYear - birthYear;
  return age < 25 ? "UNDER_25" : age < 40 ? "25_TO_39" : "40_PLUS";
}

/**
 * The sparsity rule's base: a group is shown only with at least B = 2 × T people in it (T: the tenant's
 * threshold, 5 by default, so 10), counted before perturbation. It is the rule that keeps a partner's
 * differencing near chance: the perturbation (±T at most, variance 3) hides one person in a cell of ten or
 * more, not in a cell of two.
 * - A scope (a partner's pilots) is published only with at least B enrolled, and with at least B enrolled in the
 *   pilots outside it (else the partner could subtract its own figures from the all-pilot total).
 * - A breakdown is offered only when it has two groups or more and every group has at least B enrolled.
 * - A row's outcomes are shown only when at least B of its people have been followed up; otherwise its row
 *   says how many enrolled, and that the outcomes are withheld.
 */
export function sparsityBase(threshold: number): number {
  return 2 * threshold;
}

/**
 * A cell's published value changes from one release to the next only when its true count moved by at least
 * this many since the value was drawn; otherwise the earlier published value is carried forward. One person
 * (or two) joining, leaving or changing category therefore never changes a published figure, so comparing
 * consecutive releases does not show that someone changed.
 */
export const CARRY_FORWARD = 3;
