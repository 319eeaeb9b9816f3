import "server-only";
import { z } from "zod";
import {
  dateOrder,
  optionalDate,
  optionalDecimal,
  optionalId,
  optionalText,
  requiredDate,
  requiredEnum,
  version,
} from "../validation.ts";

export const ACTIVITY_TYPES = [
  "INTAKE",
  "LANGUAGE_TRAINING",
  "WORK_PRACTICE",
  "MENTORING",
  "VOCATIONAL_TRAINING",
  "JOB_SEEKING",
  "EMPLOYMENT",
  "EDUCATION",
  "OTHER",
] as const;
export const ACTIVITY_STATUSES = ["PLANNED", "ONGOING", "COMPLETED", "INTERRUPTED"] as const;
export const NOTE_MAX = 1000;

const activityFields = z.object({
  type: requiredEnum(ACTIVITY_TYPES),
  status: requiredEnum(ACTIVITY_STATUSES),
  organisationId: optionalId,
  enrolmentId: optionalId,
  startDate: requiredDate,
  endDate: optionalDate,
  hoursPerWeek: optionalDecimal(0, 80),
  note: optionalText(NOTE_MAX),
});

type ActivityFields = z.infer<typeof activityFields>;

const rules = (a: ActivityFields, ctx: z.RefinementCtx) => {
  if (!dateOrder(a)) ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endBeforeStart" });
  // A step that has ended needs its end date; a planned one cannot have ended.
  if ((a.status === "COMPLETED" || a.status === "INTERRUPTED") && !a.endDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endDateRequired" });
  }
};

export const addActivitySchema = activityFields.superRefine(rules);
export type AddActivityInput = z.infer<typeof addActivitySchema>;

export const updateActivitySchema = activityFields.extend({ version }).superRefine(rules);
export type UpdateActivityInput = z.infer<typeof updateActivitySchema>;

export const endActivitySchema = z.object({
  status: requiredEnum(["COMPLETED", "INTERRUPTED"] as const),
  endDate: requiredDate,
  version,
});
export type EndActivityInput = z.infer<typeof endActivitySchema>;
