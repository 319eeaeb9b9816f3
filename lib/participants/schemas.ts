import "server-only";
import { z } from "zod";
import {
  checkbox,
  optionalDate,
  optionalEnum,
  optionalId,
  optionalInt,
  optionalText,
  requiredDate,
  requiredEnum,
  version,
} from "../validation.ts";

export const TARGET_GROUPS = ["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"] as const;
export const PARTICIPANT_STATUSES = ["ACTIVE", "PAUSED", "COMPLETED", "WITHDRAWN"] as const;
export const GENDERS = ["FEMALE", "MALE", "OTHER"] as const;
export const CONSENT_PURPOSES = ["FOLLOW_UP", "PARTNER_SHARING", "STATISTICS"] as const;
/** The statutory bases for processing without consent (GDPR art. 6(1)(c)/(e) and 9(2)(b)/(g)), per country. */
export const LEGAL_BASES = [
  "NO_INTEGRATION_ACT",
  "NO_NAV_ACT",
  "SE_SOCIAL_SERVICES_ACT",
  "SE_ESTABLISHMENT_ACT",
  "OTHER",
] as const;
export type LegalBasisValue = (typeof LEGAL_BASES)[number];
const LEGAL_BASES_BY_COUNTRY: Record<"NO" | "SE", readonly LegalBasisValue[]> = {
  NO: ["NO_INTEGRATION_ACT", "NO_NAV_ACT", "OTHER"],
  SE: ["SE_SOCIAL_SERVICES_ACT", "SE_ESTABLISHMENT_ACT", "OTHER"],
};
/** The bases a tenant in this country can record (the other country's laws do not apply to it). */
export const legalBasesFor = (country: "NO" | "SE"): readonly LegalBasisValue[] => LEGAL_BASES_BY_COUNTRY[country];

const thisYear = () => new Date().getUTCFullYear();

/**
 * Languages as ISO 639 codes: the boxes ticked in the list and any others typed, comma- or space-separated
 * ("ti, nb"), all under the one field name; each code once.
 */
const languages = z.preprocess(
  (v) =>
    typeof v === "string" || Array.isArray(v)
      ? [
          ...new Set(
            ([] as unknown[])
              .concat(v)
              .flatMap((part) => (typeof part === "string" ? part.split(/[\s,;]+/) : [part]))
              .map((s) => (typeof s === "string" ? s.trim().toLowerCase() : s))
              .filter(Boolean),
          ),
        ]
      : (v ?? []),
  z.array(z.string().regex(/^[a-z]{2,3}$/, "validation.languages")).max(10, "validation.tooMany"),
);

const participantFields = {
  name: optionalText(120),
  birthYear: optionalInt(1920, 2100),
  gender: optionalEnum(GENDERS),
  targetGroup: requiredEnum(TARGET_GROUPS),
  arrivalYear: optionalInt(1940, 2100),
  languages,
  coordinatorId: optionalId,
  legalBasis: optionalEnum(LEGAL_BASES),
  legalBasisNote: optionalText(200),
};

/** OTHER names its basis; a note without OTHER is not kept (the schemas drop it). */
const legalBasisNamed = (p: { legalBasis?: LegalBasisValue; legalBasisNote?: string }, ctx: z.RefinementCtx) => {
  if (p.legalBasis === "OTHER" && !p.legalBasisNote)
    ctx.addIssue({ code: "custom", path: ["legalBasisNote"], message: "validation.legalBasisNoteRequired" });
};
const dropStrayNote = <T extends { legalBasis?: LegalBasisValue; legalBasisNote?: string }>(p: T): T =>
  p.legalBasis === "OTHER" ? p : { ...p, legalBasisNote: undefined };

const plausibleYears = (p: { birthYear?: number; arrivalYear?: number }, ctx: z.RefinementCtx) => {
  if (p.birthYear !== undefined && (p.birthYear > thisYear() - 14 || p.birthYear < thisYear() - 90)) {
    ctx.addIssue({ code: "custom", path: ["birthYear"], message: "validation.birthYear" });
  }
  if (p.arrivalYear !== undefined && p.arrivalYear > thisYear()) {
    ctx.addIssue({ code: "custom", path: ["arrivalYear"], message: "validation.future" });
  }
  if (p.arrivalYear !== undefined && p.birthYear !== undefined && p.arrivalYear < p.birthYear) {
    ctx.addIssue({ code: "custom", path: ["arrivalYear"], message: "validation.arrivalBeforeBirth" });
  }
};

export const registerParticipantSchema = z
  .object({
    ...participantFields,
    /** An existing code (from an earlier system); generated when left out. */
    code: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z]{2,5}-\d{1,6}$/, "validation.code")
        .optional(),
    ),
    /** SUS's anonymous registration: counted in aggregates, no personal data. */
    anonymous: checkbox,
    consentFollowUp: checkbox,
    consentStatistics: checkbox,
    consentPartnerSharing: checkbox,
    sharingOrganisationIds: z.preprocess(
      (v): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().regex(/^[a-z0-9]+$/, "validation.invalid")).max(50),
    ),
    consentDate: requiredDate,
    /** A pilot to enrol in at once (starting today), or none. */
    enrolIn: optionalId,
  })
  .superRefine(plausibleYears)
  .superRefine(legalBasisNamed)
  .superRefine((p, ctx) => {
    // A named person needs a basis for processing: a consent or a statutory basis (GDPR art. 6 and 9).
    const consented = p.consentFollowUp || p.consentStatistics || p.consentPartnerSharing;
    if (!p.anonymous && !consented && !p.legalBasis)
      ctx.addIssue({ code: "custom", path: ["legalBasis"], message: "validation.basisRequired" });
    // Following up the enrolment needs consent to follow-up or a statutory basis; an anonymous person has neither.
    if (p.enrolIn && (p.anonymous || (!p.consentFollowUp && !p.legalBasis)))
      ctx.addIssue({ code: "custom", path: ["enrolIn"], message: "validation.noFollowUpConsent" });
    if (p.consentPartnerSharing && p.sharingOrganisationIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["sharingOrganisationIds"], message: "validation.choosePartner" });
    }
    if (p.consentDate > new Date())
      ctx.addIssue({ code: "custom", path: ["consentDate"], message: "validation.future" });
  })
  .transform(dropStrayNote);
export type RegisterParticipantInput = z.infer<typeof registerParticipantSchema>;

export const updateParticipantSchema = z
  .object({ ...participantFields, status: requiredEnum(PARTICIPANT_STATUSES), version })
  .superRefine(plausibleYears)
  .superRefine(legalBasisNamed)
  .transform(dropStrayNote);
export type UpdateParticipantInput = z.infer<typeof updateParticipantSchema>;

export const recordConsentSchema = z
  .object({
    purpose: requiredEnum(CONSENT_PURPOSES),
    partnerOrganisationId: optionalId,
    givenAt: requiredDate,
  })
  .superRefine((c, ctx) => {
    if (c.purpose === "PARTNER_SHARING" && !c.partnerOrganisationId)
      ctx.addIssue({ code: "custom", path: ["partnerOrganisationId"], message: "validation.choosePartner" });
    if (c.givenAt > new Date()) ctx.addIssue({ code: "custom", path: ["givenAt"], message: "validation.future" });
  });
export type RecordConsentInput = z.infer<typeof recordConsentSchema>;

export const withdrawConsentSchema = z.object({
  consentId: z.string().regex(/^[a-z0-9]+$/, "validation.invalid"),
  withdrawnAt: optionalDate,
});
export type WithdrawConsentInput = z.infer<typeof withdrawConsentSchema>;

export const PAGE_SIZE = 25;
export const SORTS = ["code", "name", "status", "newest"] as const;

export const listParticipantsSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  targetGroup: z.enum(TARGET_GROUPS).optional().catch(undefined),
  status: z.enum(PARTICIPANT_STATUSES).optional().catch(undefined),
  pilotId: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  organisationId: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  sort: z.enum(SORTS).default("code").catch("code"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListParticipantsQuery = z.infer<typeof listParticipantsSchema>;
