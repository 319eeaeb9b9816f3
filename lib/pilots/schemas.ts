import "server-only";
import { z } from "zod";
import { optionalDate, optionalInt, optionalText, requiredDate, requiredEnum, requiredText } from "../validation.ts";

export const PILOT_KINDS = [
  "WORKLIFE_LANGUAGE",
  "PLACEMENT_RECRUITMENT",
  "WORKPLACE_INTEGRATION",
  "ALTERNATIVE_VOCATIONAL",
  "CUSTOM",
] as const;
export const PILOT_STATUSES = ["DRAFT", "ACTIVE", "COMPLETED"] as const;

export const pilotSchema = z
  .object({
    name: requiredText(200),
    kind: requiredEnum(PILOT_KINDS),
    status: requiredEnum(PILOT_STATUSES),
    description: optionalText(2000),
    goal: optionalText(500),
    targetSharePercent: optionalInt(0, 100),
    startDate: requiredDate,
    endDate: optionalDate,
    organisationIds: z.preprocess(
      (v): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().regex(/^[a-z0-9]+$/, "validation.invalid")).max(100),
    ),
  })
  .superRefine((p, ctx) => {
    if (p.endDate && p.endDate < p.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "validation.endBeforeStart" });
  });
export type PilotInput = z.infer<typeof pilotSchema>;
