// Pure: shared by server pages and the participant page's client panels.
import { OUTCOME_POINTS } from "./schemas.ts";

type Point = (typeof OUTCOME_POINTS)[number];

/**
 * The participant page's address that opens the outcome form at a follow-up point. `base` is the tenant's
 * workspace path (/nb/t/inderoy).
 */
export function recordOutcomeHref(
  base: string,
  followUp: { participantId: string; enrolmentId: string; point: string },
): string {
  const query = new URLSearchParams({ record: followUp.point, enrolment: followUp.enrolmentId });
  return `${base}/participants/${followUp.participantId}?${query}#outcome-form`;
}

/**
 * The follow-up a participant page was opened for, when its parameters name a point and one of the
 * participant's exited enrolments; anything else is ignored (the page opens as usual).
 */
export function presetFromQuery(
  query: { record?: string | string[]; enrolment?: string | string[] },
  exitedEnrolmentIds: readonly string[],
): { enrolmentId: string; point: Point } | null {
  const { record, enrolment } = query;
  if (typeof record !== "string" || typeof enrolment !== "string") return null;
  if (!(OUTCOME_POINTS as readonly string[]).includes(record)) return null;
  if (!exitedEnrolmentIds.includes(enrolment)) return null;
  return { enrolmentId: enrolment, point: record as Point };
}
