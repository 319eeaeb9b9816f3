import "server-only";
import { z } from "zod";
import { requiredDate, requiredEnum, requiredId } from "../validation.ts";

export const EXIT_REASONS = ["COMPLETED", "GOT_JOB", "STARTED_EDUCATION", "MOVED", "WITHDREW", "OTHER"] as const;

export const enrolSchema = z.object({ pilotId: requiredId, startDate: requiredDate });
export type EnrolInput = z.infer<typeof enrolSchema>;

export const exitEnrolmentSchema = z.object({ exitDate: requiredDate, exitReason: requiredEnum(EXIT_REASONS) });
export type ExitEnrolmentInput = z.infer<typeof exitEnrolmentSchema>;
