import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { z } from "zod";
import { parseForm } from "../../lib/actions/run-action.ts";
import { AppError } from "../../lib/errors.ts";
import {
  registerParticipantSchema,
  updateParticipantSchema,
  recordConsentSchema,
  withdrawConsentSchema,
  listParticipantsSchema,
} from "../../lib/participants/schemas.ts";
import { addActivitySchema, updateActivitySchema, endActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolSchema, exitEnrolmentSchema } from "../../lib/enrolments/schemas.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { organisationSchema } from "../../lib/organisations/schemas.ts";
import { pilotSchema } from "../../lib/pilots/schemas.ts";
import { onboardingSchema } from "../../lib/onboarding/schemas.ts";
import { inviteSchema, changeRoleSchema, acceptInvitationSchema } from "../../lib/members/schemas.ts";
import { tenantSettingsSchema } from "../../lib/tenants/schemas.ts";
import { dashboardFiltersSchema } from "../../lib/dashboards/schemas.ts";
import { auditQuerySchema } from "../../lib/audit/schemas.ts";

/**
 * Property-based fuzzing of every form the server actions accept: whatever arrives — arbitrary and huge
 * strings, unicode, SQL and script payloads, prototype-pollution keys, repeated fields — parsing either
 * succeeds or fails with INVALID_INPUT and a translation key per field. Never another error (a 500).
 */
const forms: Record<string, z.ZodType> = {
  registerParticipantSchema,
  updateParticipantSchema,
  recordConsentSchema,
  withdrawConsentSchema,
  addActivitySchema,
  updateActivitySchema,
  endActivitySchema,
  enrolSchema,
  exitEnrolmentSchema,
  recordOutcomeSchema,
  organisationSchema,
  pilotSchema,
  onboardingSchema,
  inviteSchema,
  changeRoleSchema,
  acceptInvitationSchema,
  tenantSettingsSchema,
};
const urlQueries: Record<string, z.ZodType> = { listParticipantsSchema, dashboardFiltersSchema, auditQuerySchema };

const payloads = [
  '\'; drop table "Participant"; --',
  "<script>alert(1)</script>",
  "\u0000",
  "💥".repeat(500),
  "x".repeat(100_000),
  "2026-02-30",
  "-1",
  "1e309",
  "NaN",
  "on",
  "__proto__",
  '{"constructor":{}}',
  "ÆØÅ åäö",
  "\u202Eevil",
  " ",
];
const fieldNames = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "name",
    "code",
    "targetGroup",
    "email",
    "role",
    "startDate",
    "endDate",
    "note",
    "status",
    "type",
    "version",
    "point",
    "password",
    "slug",
    "consentDate",
    "organisationIds",
    "sharingOrganisationIds",
    "$ACTION_ID_x",
  ),
  fc.string({ maxLength: 20 }),
);
const values = fc.oneof(
  fc.constantFrom(...payloads),
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const formData = fc.array(fc.tuple(fieldNames, values), { maxLength: 25 }).map((entries) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
});

function parsesSafely(schema: z.ZodType, form: FormData): boolean {
  try {
    parseForm(schema, form);
    return true;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "INVALID_INPUT") throw error;
    for (const key of Object.values(error.fieldErrors ?? {})) expect(key).toMatch(/^validation\.[A-Za-z]+$/);
    return true;
  }
}

describe("fuzzed form input", () => {
  for (const [name, schema] of Object.entries(forms)) {
    it(`${name}: parses or answers with translated field errors, never throws anything else`, () => {
      fc.assert(
        fc.property(formData, (form) => parsesSafely(schema, form)),
        { numRuns: 150 },
      );
    });
  }

  for (const [name, schema] of Object.entries(urlQueries)) {
    it(`${name}: any query string gives a usable query (bad values are ignored)`, () => {
      fc.assert(
        fc.property(fc.dictionary(fieldNames, values, { maxKeys: 10 }), (query) => {
          expect(schema.safeParse(query).success).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  }

  it("does not let prototype-pollution keys reach the parsed object's prototype", () => {
    const form = new FormData();
    form.append("__proto__", "polluted");
    form.append("constructor", "polluted");
    form.append("targetGroup", "IMMIGRANT");
    form.append("consentDate", "2026-01-01");
    form.append("consentStatistics", "on");
    const parsed = parseForm(registerParticipantSchema, form) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed.targetGroup).toBe("IMMIGRANT");
  });
});
