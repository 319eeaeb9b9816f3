import "server-only";
import { z } from "zod";
import { POINTS } from "./definitions.ts";

const period = z.string().regex(/^\d{4}(-Q[1-4])?$/);

/** Dashboard filters as they come from the URL; anything malformed is ignored, never an error page. */
export const dashboardFiltersSchema = z.object({
  from: period.optional().catch(undefined),
  to: period.optional().catch(undefined),
  pilot: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  targetGroup: z
    .enum(["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"])
    .optional()
    .catch(undefined),
  point: z.enum(POINTS).default("MONTHS_12").catch("MONTHS_12"),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;
