import "server-only";
import { z } from "zod";
import { requiredEnum, requiredText } from "../validation.ts";

export const RESERVED_SLUGS = new Set([
  "admin",
  "api",
  "app",
  "models",
  "new",
  "onboarding",
  "p",
  "settings",
  "signin",
  "t",
]);

export const passwordSchema = z
  .string({ error: "validation.required" })
  .min(12, "validation.passwordShort")
  .max(200, "validation.tooLong")
  .refine((p) => new Set(p).size >= 6, "validation.passwordWeak");

export const emailSchema = z
  .string({ error: "validation.required" })
  .trim()
  .toLowerCase()
  .min(1, "validation.required")
  .max(254, "validation.tooLong")
  .pipe(z.email("validation.email"));

export const onboardingSchema = z.object({
  country: requiredEnum(["NO", "SE"] as const),
  municipalityCode: z
    .string({ error: "validation.chooseMunicipality" })
    .regex(/^\d{4}$/, "validation.chooseMunicipality"),
  slug: z
    .string({ error: "validation.required" })
    .trim()
    .toLowerCase()
    .min(2, "validation.slug")
    .max(40, "validation.slug")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "validation.slug")
    .refine((s) => !RESERVED_SLUGS.has(s), "validation.slugTaken"),
  defaultLocale: requiredEnum(["nb", "sv", "en"] as const),
  adminName: requiredText(120),
  adminEmail: emailSchema,
  password: passwordSchema,
  modelSlug: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .max(63)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  ),
  /** Honeypot: a field people never see; bots fill it in. */
  website: z.string().max(0, "validation.invalid").optional(),
});
export type OnboardingInput = z.infer<typeof onboardingSchema>;
