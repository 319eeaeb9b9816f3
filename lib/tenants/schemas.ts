import "server-only";
import { z } from "zod";
import { requiredEnum, requiredText } from "../validation.ts";
import { THRESHOLD_MAX, THRESHOLD_MIN } from "../dashboards/protection.ts";

export const tenantSettingsSchema = z.object({
  name: requiredText(120),
  defaultLocale: requiredEnum(["nb", "sv", "en"] as const),
  retentionMonths: z.coerce
    .number({ error: "validation.number" })
    .int("validation.number")
    .min(6, "validation.range")
    .max(240, "validation.range"),
  /** The smallest count partners see (lib/dashboards/protection.ts); protection itself cannot be switched off. */
  disclosureThreshold: z.coerce
    .number({ error: "validation.number" })
    .int("validation.number")
    .min(THRESHOLD_MIN, "validation.range")
    .max(THRESHOLD_MAX, "validation.range"),
});
export type TenantSettingsInput = z.infer<typeof tenantSettingsSchema>;
