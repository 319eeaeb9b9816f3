import "server-only";
import { z } from "zod";
import { optionalEnum, optionalId, optionalText, requiredDate, requiredEnum, requiredId } from "../validation.ts";

export const OUTCOME_POINTS = ["AT_EXIT", "MONTHS_3", "MONTHS_6", "MONTHS_12"] as const;
export const OUTCOME_STATUSES = [
  "PERMANENT_JOB",
  "TEMPORARY_JOB",
  "EDUCATION",
  "VOCATIONAL_TRAINING",
  "ACTIVE_IN_PROGRAMME",
  "NOT_IN_WORK",
  "UNKNOWN",
] as const;
export const WORKING_TIMES = ["FULL_TIME", "PART_TIME"] as const;
export const JOB_STATUSES = ["PERMANENT_JOB", "TEMPORARY_JOB"] as const;

export const recordOutcomeSchema = z
  .object({
    enrolmentId: requiredId,
    point: requiredEnum(OUTCOME_POINTS),
    status: requiredEnum(OUTCOME_STATUSES),
    workingTime: optionalEnum(WORKING_TIMES),
    organisationId: optionalId,
    observedAt: requiredDate,
    note: optionalText(1000),
  })
  .superRefine((o, ctx) => {
    const job = (JOB_STATUSES as readonly string[]).includes(o.status);
    // Permanent/temporary work is split by full/part time: that is how "25 of 29 in permanent work" is defined.
    if (job && !o.workingTime)
      ctx.addIssue({ code: "custom", path: ["workingTime"], message: "validation.workingTimeRequired" });
    if (!job && o.workingTime)
      ctx.addIssue({ code: "custom", path: ["workingTime"], message: "validation.workingTimeOnlyForJobs" });
    if (o.observedAt > new Date()) ctx.addIssue({ code: "custom", path: ["observedAt"], message: "validation.future" });
  });
export type RecordOutcomeInput = z.infer<typeof recordOutcomeSchema>;
