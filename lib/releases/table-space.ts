import "server-only";
/**
 * The fixed table space of a release: what partners may see, decided once, written down here and on the
 * "how figures are protected" page. Like ABS TableBuilder and the statistics offices' releases, and unlike a
 * free query tool, a partner cannot choose a window or combine filters: every table is one of these.
 *
 * - One follow-up point: status 12 months after exit (the point both programmes report on). Every further point
 *   would be another nested cell over the same people, and each pair of cells is a chance to difference them.
 * - Scopes: all pilots, and for each partner organisation the pilots it takes part in (what that partner sees).
 * - Per scope: the total, the path (enrolled → in an activity → in work practice → got a job) and one breakdown
 *   at a time by cohort (whole years of enrolment, in buckets of one to four years: the narrowest in which
 *   every bucket holds enough people), pilot, target group or gender. No cross-tabulations. (Age at enrolment
 *   was measured as a fifth breakdown and left out: each breakdown is one more look at every person, and with
 *   it the differencing attacker went above 60 %.)
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

/**
 * A breakdown's rows carry the coarse outcome only (followed up, in work): every further cell a person is in
 * is one more noisy look at them, and an attacker who knows everyone else adds those looks up. The fine
 * categories are on the total row, where the most people share each cell.
 */
export const BREAKDOWN_OUTCOME_COLUMNS = ["followedUp", "inWork"] as const satisfies readonly OutcomeColumn[];

export const FUNNEL_COLUMNS = ["enrolled", "inActivity", "inPractice", "inJob"] as const;
export type FunnelColumn = (typeof FUNNEL_COLUMNS)[number];

export const BREAKDOWNS = ["cohort", "pilot", "targetGroup", "gender"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/**
 * The sparsity rule's base: a group is shown only with at least B = 2 × T people in it (T: the tenant's
 * threshold, 5 by default, so 10), counted before perturbation, with a bar drawn per group between B and
 * B + 4 (build-release.ts passesBase), so that whether a group is shown does not tell whether one more person
 * is in it. No group of fewer than B is ever shown, so no small group's outcome can be read from its row.
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
