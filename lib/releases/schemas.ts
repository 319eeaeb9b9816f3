import "server-only";
import { z } from "zod";

/** The release schedule an administrator chooses (settings on the dashboard). */
export const releaseScheduleSchema = z.object({
  schedule: z.enum(["MONTHLY", "QUARTERLY"], { message: "validation.choose" }),
});
