import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrors, formObject } from "../../lib/validation.ts";
import {
  listParticipantsSchema,
  recordConsentSchema,
  registerParticipantSchema,
  updateParticipantSchema,
  withdrawConsentSchema,
} from "../../lib/participants/schemas.ts";
import { addActivitySchema, endActivitySchema, updateActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolSchema, exitEnrolmentSchema } from "../../lib/enrolments/schemas.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { auditQuerySchema } from "../../lib/audit/schemas.ts";

/** The field errors (translation keys) of parsing form-like input, {} when it parses. */
function errors(schema: z.ZodType, input: Record<string, unknown>): Record<string, string> {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrors(result.error);
}

const thisYear = new Date().getUTCFullYear();
const nextYear = `${thisYear + 1}-01-01`;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("registerParticipantSchema", () => {
  // Without a consent, a named participant needs a legal basis.
  const base = { targetGroup: "IMMIGRANT", consentDate: "2026-01-05", legalBasis: "NO_INTEGRATION_ACT" };

  it("parses a minimal form, with checkboxes off and lists empty", () => {
    expect(registerParticipantSchema.parse(base)).toEqual({
      targetGroup: "IMMIGRANT",
      consentDate: day("2026-01-05"),
      legalBasis: "NO_INTEGRATION_ACT",
      languages: [],
      sharingOrganisationIds: [],
      anonymous: false,
      consentFollowUp: false,
      consentStatistics: false,
      consentPartnerSharing: false,
    });
  });

  it("parses a full form: trimmed text, numbers, languages, codes and checkboxes", () => {
    const parsed = registerParticipantSchema.parse({
      ...base,
      name: "  Amina  ",
      birthYear: "1990",
      gender: "FEMALE",
      arrivalYear: "2015",
      languages: "TI, ar;nb  so",
      code: " abc-12 ",
      coordinatorId: "abc123",
      anonymous: "on",
      consentFollowUp: "on",
      consentStatistics: "true",
      consentPartnerSharing: "on",
      sharingOrganisationIds: "org1",
    });
    expect(parsed).toMatchObject({
      name: "Amina",
      birthYear: 1990,
      gender: "FEMALE",
      arrivalYear: 2015,
      languages: ["ti", "ar", "nb", "so"],
      code: "ABC-12",
      coordinatorId: "abc123",
      anonymous: true,
      consentFollowUp: true,
      consentStatistics: true,
      consentPartnerSharing: true,
      sharingOrganisationIds: ["org1"],
    });
  });

  it("takes languages ticked in the list and typed as codes, each once", () => {
    expect(registerParticipantSchema.parse({ ...base, languages: ["ti", "ar", "ku, TI"] }).languages).toEqual([
      "ti",
      "ar",
      "ku",
    ]);
    expect(errors(registerParticipantSchema, { ...base, languages: ["ti", "tigrinya"] })).toEqual({
      languages: "validation.languages",
    });
  });

  it("treats blank fields as not given", () => {
    const parsed = registerParticipantSchema.parse({
      ...base,
      name: "   ",
      birthYear: "",
      gender: "",
      code: "  ",
      coordinatorId: "",
      languages: "",
    });
    expect(parsed).toMatchObject({
      name: undefined,
      birthYear: undefined,
      gender: undefined,
      code: undefined,
      coordinatorId: undefined,
      languages: [],
    });
  });

  it("requires a target group", () => {
    expect(errors(registerParticipantSchema, { consentDate: "2026-01-05" })).toEqual({
      targetGroup: "validation.choose",
    });
    expect(errors(registerParticipantSchema, { ...base, targetGroup: "" })).toEqual({
      targetGroup: "validation.choose",
    });
    expect(errors(registerParticipantSchema, { ...base, targetGroup: "ALIEN" })).toEqual({
      targetGroup: "validation.choose",
    });
  });

  it("requires a real consent date, not in the future", () => {
    expect(errors(registerParticipantSchema, { targetGroup: "IMMIGRANT" })).toEqual({
      consentDate: "validation.required",
    });
    expect(errors(registerParticipantSchema, { ...base, consentDate: "" })).toEqual({
      consentDate: "validation.required",
    });
    expect(errors(registerParticipantSchema, { ...base, consentDate: "2026-02-30" })).toEqual({
      consentDate: "validation.date",
    });
    expect(errors(registerParticipantSchema, { ...base, consentDate: "05.01.2026" })).toEqual({
      consentDate: "validation.date",
    });
    expect(errors(registerParticipantSchema, { ...base, consentDate: "1899-12-31" })).toEqual({
      consentDate: "validation.date",
    });
    expect(errors(registerParticipantSchema, { ...base, consentDate: nextYear })).toEqual({
      consentDate: "validation.future",
    });
  });

  it("checks birth and arrival years", () => {
    expect(errors(registerParticipantSchema, { ...base, birthYear: "1800" })).toEqual({
      birthYear: "validation.range",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: "3000" })).toEqual({
      birthYear: "validation.range",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: "nineteen" })).toEqual({
      birthYear: "validation.number",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: "1990.5" })).toEqual({
      birthYear: "validation.number",
    });
    // Within the type's range, but not a plausible participant: younger than 14 or older than 90.
    expect(errors(registerParticipantSchema, { ...base, birthYear: String(thisYear - 5) })).toEqual({
      birthYear: "validation.birthYear",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: String(thisYear - 91) })).toEqual({
      birthYear: "validation.birthYear",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: String(thisYear - 30) })).toEqual({});
    expect(errors(registerParticipantSchema, { ...base, arrivalYear: String(thisYear + 1) })).toEqual({
      arrivalYear: "validation.future",
    });
    expect(errors(registerParticipantSchema, { ...base, birthYear: "1990", arrivalYear: "1985" })).toEqual({
      arrivalYear: "validation.arrivalBeforeBirth",
    });
  });

  it("checks name length, languages, code and ids", () => {
    expect(errors(registerParticipantSchema, { ...base, name: "x".repeat(121) })).toEqual({
      name: "validation.tooLong",
    });
    expect(errors(registerParticipantSchema, { ...base, name: "x".repeat(120) })).toEqual({});
    expect(errors(registerParticipantSchema, { ...base, languages: "english" })).toEqual({
      languages: "validation.languages",
    });
    expect(errors(registerParticipantSchema, { ...base, languages: "aa bb cc dd ee ff gg hh ii jj kk" })).toEqual({
      languages: "validation.tooMany",
    });
    expect(errors(registerParticipantSchema, { ...base, code: "ABC12" })).toEqual({ code: "validation.code" });
    expect(errors(registerParticipantSchema, { ...base, code: "ABCDEF-1" })).toEqual({ code: "validation.code" });
    expect(errors(registerParticipantSchema, { ...base, coordinatorId: "Robert'); DROP" })).toEqual({
      coordinatorId: "validation.invalid",
    });
  });

  it("asks for the partners when sharing is consented", () => {
    expect(errors(registerParticipantSchema, { ...base, consentPartnerSharing: "on" })).toEqual({
      sharingOrganisationIds: "validation.choosePartner",
    });
    expect(
      errors(registerParticipantSchema, { ...base, consentPartnerSharing: "on", sharingOrganisationIds: ["a1", "b2"] }),
    ).toEqual({});
    expect(
      errors(registerParticipantSchema, {
        ...base,
        consentPartnerSharing: "on",
        sharingOrganisationIds: ["Not An Id"],
      }),
    ).toEqual({
      sharingOrganisationIds: "validation.invalid",
    });
  });
});

describe("updateParticipantSchema", () => {
  const base = { targetGroup: "IMMIGRANT", status: "PAUSED", version: "3" };

  it("parses the version as a number", () => {
    expect(updateParticipantSchema.parse(base)).toMatchObject({
      targetGroup: "IMMIGRANT",
      status: "PAUSED",
      version: 3,
      languages: [],
    });
  });

  it("requires a status and a valid version", () => {
    expect(errors(updateParticipantSchema, { ...base, status: "" })).toEqual({ status: "validation.choose" });
    expect(errors(updateParticipantSchema, { ...base, status: "DELETED" })).toEqual({ status: "validation.choose" });
    expect(errors(updateParticipantSchema, { ...base, version: "abc" })).toEqual({ version: "validation.invalid" });
    expect(errors(updateParticipantSchema, { ...base, version: "0" })).toEqual({ version: "validation.invalid" });
  });

  it("checks the years like registration does", () => {
    expect(errors(updateParticipantSchema, { ...base, birthYear: "1800" })).toEqual({ birthYear: "validation.range" });
    expect(errors(updateParticipantSchema, { ...base, birthYear: String(thisYear - 5) })).toEqual({
      birthYear: "validation.birthYear",
    });
  });
});

describe("consent schemas", () => {
  it("parses a consent and asks for the partner of a sharing consent", () => {
    expect(
      recordConsentSchema.parse({ purpose: "FOLLOW_UP", givenAt: "2026-01-05", partnerOrganisationId: "" }),
    ).toEqual({
      purpose: "FOLLOW_UP",
      givenAt: day("2026-01-05"),
    });
    expect(errors(recordConsentSchema, { purpose: "PARTNER_SHARING", givenAt: "2026-01-05" })).toEqual({
      partnerOrganisationId: "validation.choosePartner",
    });
    expect(errors(recordConsentSchema, { purpose: "MARKETING", givenAt: "2026-01-05" })).toEqual({
      purpose: "validation.choose",
    });
    expect(errors(recordConsentSchema, { purpose: "STATISTICS", givenAt: nextYear })).toEqual({
      givenAt: "validation.future",
    });
    expect(errors(recordConsentSchema, { purpose: "STATISTICS", givenAt: "2026-02-30" })).toEqual({
      givenAt: "validation.date",
    });
    expect(errors(recordConsentSchema, { purpose: "STATISTICS" })).toEqual({ givenAt: "validation.required" });
  });

  it("parses a withdrawal, its date optional", () => {
    expect(withdrawConsentSchema.parse({ consentId: "abc123", withdrawnAt: "" })).toEqual({ consentId: "abc123" });
    expect(withdrawConsentSchema.parse({ consentId: "abc123", withdrawnAt: "2026-03-01" })).toEqual({
      consentId: "abc123",
      withdrawnAt: day("2026-03-01"),
    });
    expect(errors(withdrawConsentSchema, { consentId: "abc 123" })).toEqual({ consentId: "validation.invalid" });
    expect(errors(withdrawConsentSchema, { consentId: "abc123", withdrawnAt: "2026-13-01" })).toEqual({
      withdrawnAt: "validation.date",
    });
  });
});

describe("activity schemas", () => {
  const base = { type: "WORK_PRACTICE", status: "ONGOING", startDate: "2026-03-01" };

  it("parses a step, with a decimal comma in the hours", () => {
    expect(
      addActivitySchema.parse({ ...base, hoursPerWeek: "7,5", note: "  ok ", organisationId: "", endDate: "" }),
    ).toEqual({
      type: "WORK_PRACTICE",
      status: "ONGOING",
      startDate: day("2026-03-01"),
      hoursPerWeek: 7.5,
      note: "ok",
    });
  });

  it("refuses an end before the start", () => {
    expect(errors(addActivitySchema, { ...base, endDate: "2026-02-28" })).toEqual({
      endDate: "validation.endBeforeStart",
    });
    expect(errors(addActivitySchema, { ...base, endDate: "2026-03-01" })).toEqual({});
  });

  it("requires the end date of a step that has ended", () => {
    expect(errors(addActivitySchema, { ...base, status: "COMPLETED" })).toEqual({
      endDate: "validation.endDateRequired",
    });
    expect(errors(addActivitySchema, { ...base, status: "INTERRUPTED", endDate: "" })).toEqual({
      endDate: "validation.endDateRequired",
    });
    expect(errors(addActivitySchema, { ...base, status: "COMPLETED", endDate: "2026-04-01" })).toEqual({});
  });

  it("limits the note to 1000 characters and the hours to 0–80", () => {
    expect(errors(addActivitySchema, { ...base, note: "x".repeat(1001) })).toEqual({ note: "validation.tooLong" });
    expect(errors(addActivitySchema, { ...base, note: "x".repeat(1000) })).toEqual({});
    expect(errors(addActivitySchema, { ...base, hoursPerWeek: "81" })).toEqual({ hoursPerWeek: "validation.range" });
    expect(errors(addActivitySchema, { ...base, hoursPerWeek: "-1" })).toEqual({ hoursPerWeek: "validation.range" });
    expect(errors(addActivitySchema, { ...base, hoursPerWeek: "many" })).toEqual({ hoursPerWeek: "validation.number" });
  });

  it("requires type, status and a real start date", () => {
    expect(errors(addActivitySchema, {})).toEqual({
      type: "validation.choose",
      status: "validation.choose",
      startDate: "validation.required",
    });
    expect(errors(addActivitySchema, { ...base, startDate: "2026-02-30" })).toEqual({ startDate: "validation.date" });
    expect(errors(addActivitySchema, { ...base, endDate: "2026-02-30" })).toEqual({ endDate: "validation.date" });
    expect(errors(addActivitySchema, { ...base, enrolmentId: "../x" })).toEqual({ enrolmentId: "validation.invalid" });
  });

  it("needs the version to edit a step, with the same rules", () => {
    expect(updateActivitySchema.parse({ ...base, version: "2" })).toMatchObject({ version: 2 });
    expect(errors(updateActivitySchema, base)).toEqual({ version: "validation.invalid" });
    expect(errors(updateActivitySchema, { ...base, version: "2", status: "COMPLETED" })).toEqual({
      endDate: "validation.endDateRequired",
    });
    expect(errors(updateActivitySchema, { ...base, version: "2", endDate: "2026-01-01" })).toEqual({
      endDate: "validation.endBeforeStart",
    });
  });

  it("ends a step only as completed or interrupted, on a real date", () => {
    expect(endActivitySchema.parse({ status: "INTERRUPTED", endDate: "2026-04-01", version: "1" })).toEqual({
      status: "INTERRUPTED",
      endDate: day("2026-04-01"),
      version: 1,
    });
    expect(errors(endActivitySchema, { status: "ONGOING", endDate: "2026-04-01", version: "1" })).toEqual({
      status: "validation.choose",
    });
    expect(errors(endActivitySchema, { status: "COMPLETED", endDate: "2026-02-30", version: "1" })).toEqual({
      endDate: "validation.date",
    });
    expect(errors(endActivitySchema, { status: "COMPLETED", version: "1" })).toEqual({
      endDate: "validation.required",
    });
  });
});

describe("enrolment schemas", () => {
  it("requires a pilot and a start date", () => {
    expect(enrolSchema.parse({ pilotId: "pilot1", startDate: "2026-02-01" })).toEqual({
      pilotId: "pilot1",
      startDate: day("2026-02-01"),
    });
    expect(errors(enrolSchema, { startDate: "2026-02-01" })).toEqual({ pilotId: "validation.required" });
    expect(errors(enrolSchema, { pilotId: "Pilot 1", startDate: "2026-02-01" })).toEqual({
      pilotId: "validation.invalid",
    });
    expect(errors(enrolSchema, { pilotId: "pilot1", startDate: "2026-02-30" })).toEqual({
      startDate: "validation.date",
    });
  });

  it("requires an exit date and reason", () => {
    expect(exitEnrolmentSchema.parse({ exitDate: "2026-05-31", exitReason: "GOT_JOB" })).toEqual({
      exitDate: day("2026-05-31"),
      exitReason: "GOT_JOB",
    });
    expect(errors(exitEnrolmentSchema, { exitDate: "2026-05-31" })).toEqual({ exitReason: "validation.choose" });
    expect(errors(exitEnrolmentSchema, { exitReason: "MOVED" })).toEqual({ exitDate: "validation.required" });
  });
});

describe("recordOutcomeSchema", () => {
  const base = { enrolmentId: "enr1", point: "MONTHS_3", observedAt: "2026-05-31" };

  it("requires the working time of a job, and only of a job", () => {
    expect(errors(recordOutcomeSchema, { ...base, status: "PERMANENT_JOB" })).toEqual({
      workingTime: "validation.workingTimeRequired",
    });
    expect(errors(recordOutcomeSchema, { ...base, status: "TEMPORARY_JOB", workingTime: "" })).toEqual({
      workingTime: "validation.workingTimeRequired",
    });
    expect(errors(recordOutcomeSchema, { ...base, status: "EDUCATION", workingTime: "PART_TIME" })).toEqual({
      workingTime: "validation.workingTimeOnlyForJobs",
    });
    expect(recordOutcomeSchema.parse({ ...base, status: "PERMANENT_JOB", workingTime: "FULL_TIME" })).toEqual({
      ...base,
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      observedAt: day("2026-05-31"),
    });
  });

  it("checks the point, status, date and note", () => {
    expect(errors(recordOutcomeSchema, { ...base, status: "UNKNOWN", point: "MONTHS_24" })).toEqual({
      point: "validation.choose",
    });
    expect(errors(recordOutcomeSchema, { ...base, status: "" })).toEqual({ status: "validation.choose" });
    expect(errors(recordOutcomeSchema, { ...base, status: "UNKNOWN", observedAt: "2026-02-30" })).toEqual({
      observedAt: "validation.date",
    });
    expect(errors(recordOutcomeSchema, { ...base, status: "UNKNOWN", observedAt: nextYear })).toEqual({
      observedAt: "validation.future",
    });
    expect(errors(recordOutcomeSchema, { ...base, status: "UNKNOWN", note: "x".repeat(1001) })).toEqual({
      note: "validation.tooLong",
    });
    expect(errors(recordOutcomeSchema, { point: "AT_EXIT", status: "UNKNOWN", observedAt: "2026-05-31" })).toEqual({
      enrolmentId: "validation.required",
    });
  });
});

describe("list and audit queries", () => {
  it("falls back to defaults for anything malformed in the participant list's query", () => {
    expect(listParticipantsSchema.parse({})).toEqual({ sort: "code", page: 1 });
    expect(
      listParticipantsSchema.parse({
        q: "  amina ",
        targetGroup: "IMMIGRANT",
        status: "PAUSED",
        pilotId: "p1",
        organisationId: "o1",
        sort: "name",
        page: "3",
      }),
    ).toEqual({
      q: "amina",
      targetGroup: "IMMIGRANT",
      status: "PAUSED",
      pilotId: "p1",
      organisationId: "o1",
      sort: "name",
      page: 3,
    });
    expect(
      listParticipantsSchema.parse({
        q: "x".repeat(101),
        targetGroup: "ALIEN",
        status: "GONE",
        pilotId: "'; drop",
        organisationId: "A B",
        sort: "password",
        page: "-3",
      }),
    ).toEqual({
      q: undefined,
      targetGroup: undefined,
      status: undefined,
      pilotId: undefined,
      organisationId: undefined,
      sort: "code",
      page: 1,
    });
    expect(listParticipantsSchema.parse({ page: "2.5" }).page).toBe(1);
  });

  it("falls back to defaults for anything malformed in the audit log's query", () => {
    expect(auditQuerySchema.parse({})).toEqual({ page: 1 });
    expect(auditQuerySchema.parse({ participant: " tst-0001 ", user: "user1", page: "2" })).toEqual({
      participant: "tst-0001",
      user: "user1",
      page: 2,
    });
    expect(auditQuerySchema.parse({ participant: "x".repeat(41), user: "Bad User", page: "zero" })).toEqual({
      participant: undefined,
      user: undefined,
      page: 1,
    });
  });
});

describe("form helpers", () => {
  it("keeps the first problem of each field, as a validation key", () => {
    const schema = z
      .object({
        code: z.string().min(5, "validation.tooShort").regex(/^\d+$/, "validation.number"),
        other: z.string().min(3, "Too short"),
      })
      .refine(() => false, "validation.form");
    const result = schema.safeParse({ code: "ab", other: "x" });
    expect(result.success).toBe(false);
    // "ab" is both too short and not a number: the first problem is shown. A message that is not a key becomes the generic one.
    // A problem of the whole form (no path) is reported under "_form".
    expect(fieldErrors(result.error!)).toEqual({
      code: "validation.tooShort",
      other: "validation.invalid",
      _form: "validation.form",
    });
    expect(fieldErrors(schema.safeParse({ code: "12345", other: "xyz" }).error!)).toEqual({ _form: "validation.form" });
    expect(errors(updateParticipantSchema, { targetGroup: "IMMIGRANT", status: "ACTIVE", version: "-1" })).toEqual({
      version: "validation.invalid",
    });
  });

  it("reads FormData as a plain object, repeated fields as arrays, without the framework's fields", () => {
    const data = new FormData();
    data.append("$ACTION_ID_abc", "");
    data.append("name", "Amina");
    data.append("sharingOrganisationIds", "o1");
    data.append("sharingOrganisationIds", "o2");
    data.append("sharingOrganisationIds", "o3");
    data.append("attachment", new File(["x"], "cv.pdf"));
    expect(formObject(data)).toEqual({
      name: "Amina",
      sharingOrganisationIds: ["o1", "o2", "o3"],
      attachment: "cv.pdf",
    });
  });
});
