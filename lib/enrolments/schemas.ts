import "server-only";
import { z } from "zod";
import { optionalEnum, optionalId, requiredDate, requiredEnum, requiredId } from "../validation.ts";
import { JOB_STATUSES, OUTCOME_STATUSES, WORKING_TIMES } from "../outcomes/schemas.ts";

export const EXIT_REASONS = ["COMPLETED", "GOT_JOB", "STARTED_EDUCATION", "MOVED", "WITHDREW", "OTHER"] as const;

export const enrolSchema = z.object({ pilotId: requiredId, startDate: requiredDate });
export type EnrolInput = z.infer<typeof enrolSchema>;

export const exitEnrolmentSchema = z.object({ exitDate: requiredDate, exitReason: requiredEnum(EXIT_REASONS) });
export type ExitEnrolmentInput = z.infer<typeof exitEnrolmentSchema>;

/**
 * Ending a programme in one form: the exit, the status at exit (the AT_EXIT outcome, observed on the exit date)
 * and which of the participant's open activities to close.
 */
export const endProgrammeSchema = z
  .object({
    exitDate: requiredDate,
    exitReason: requiredEnum(EXIT_REASONS),
    status: requiredEnum(OUTCOME_STATUSES),
    workingTime: optionalEnum(WORKING_TIMES),
    organisationId: optionalId,
    closeActivityIds: z.preprocess(
      (v: unknown): unknown[] => (v === undefined || v === "" ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
      z.array(requiredId).max(100, "validation.tooMany"),
    ),
  })
  .superRefine((o, ctx) => {
    const job = (JOB_STATUSES as readonly string[]).includes(o.status);
    if (job && !o.workingTime)
      ctx.addIssue({ code: "custom", path: ["workingTime"], message: "validation.workingTimeRequired" });
    if (!job && o.workingTime)
      ctx.addIssue({ code: "custom", path: ["workingTime"], message: "validation.workingTimeOnlyForJobs" });
    // The status at exit is observed on the exit date, which therefore cannot lie ahead.
    if (o.exitDate > new Date()) ctx.addIssue({ code: "custom", path: ["exitDate"], message: "validation.future" });
  });
export type EndProgrammeInput = z.infer<typeof endProgrammeSchema>;
