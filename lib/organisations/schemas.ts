import "server-only";
import { z } from "zod";
import { checkbox, optionalDate, optionalText, requiredEnum, requiredText } from "../validation.ts";

export const ORGANISATION_TYPES = [
  "MUNICIPALITY",
  "PUBLIC_EMPLOYMENT_SERVICE",
  "BUSINESS",
  "VOLUNTEER_ORG",
  "SOCIAL_ENTERPRISE",
  "SHELTERED_BUSINESS",
  "SCHOOL",
  "UNION",
  "EMPLOYER_ORG",
  "RESEARCH",
  "OTHER",
] as const;

const email = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().toLowerCase().max(254, "validation.tooLong").pipe(z.email("validation.email")).optional(),
);

export const organisationSchema = z
  .object({
    name: requiredText(160),
    type: requiredEnum(ORGANISATION_TYPES),
    sector: optionalText(80),
    contactName: optionalText(120),
    contactEmail: email,
    contactPhone: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .string()
        .trim()
        .max(30, "validation.tooLong")
        .regex(/^[+0-9 ()-]{5,30}$/, "validation.phone")
        .optional(),
    ),
    partnershipRole: optionalText(500),
    agreementStart: optionalDate,
    agreementEnd: optionalDate,
    active: checkbox,
  })
  .superRefine((o, ctx) => {
    if (o.agreementStart && o.agreementEnd && o.agreementEnd < o.agreementStart) {
      ctx.addIssue({ code: "custom", path: ["agreementEnd"], message: "validation.endBeforeStart" });
    }
  });
export type OrganisationInput = z.infer<typeof organisationSchema>;
