import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, withAdmin } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { AppError } from "../../lib/errors.ts";
import {
  listParticipantsSchema,
  recordConsentSchema,
  registerParticipantSchema,
  TARGET_GROUPS,
  updateParticipantSchema,
  withdrawConsentSchema,
} from "../../lib/participants/schemas.ts";
import { registerParticipant } from "../../lib/participants/register-participant.ts";
import { updateParticipant } from "../../lib/participants/update-participant.ts";
import { recordConsent } from "../../lib/participants/record-consent.ts";
import { withdrawConsent } from "../../lib/participants/withdraw-consent.ts";
import { getParticipant, getParticipantFormOptions } from "../../lib/participants/get-participant.ts";
import { listParticipants } from "../../lib/participants/list-participants.ts";
import { listAuditEvents } from "../../lib/audit/list-audit.ts";
import { auditQuerySchema } from "../../lib/audit/schemas.ts";
import { addActivity } from "../../lib/pathways/add-activity.ts";
import { addActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import {
  adminQuery,
  auditCount,
  contextFor,
  createTenantWithStaff,
  day,
  expectAppError,
  FIXTURE_BASIS,
  form,
  isoDay,
  register,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

let a: Tenant;
let b: Tenant;
/** A user who is a member of tenant B only. */
let bOnlyUserId: string;

beforeAll(async () => {
  a = await createTenantWithStaff("part-a");
  b = await createTenantWithStaff("part-b");
  bOnlyUserId = b.coordinator.userId;
});

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const list = (ctx: TenantContext, query: Record<string, unknown> = {}) =>
  listParticipants(ctx, listParticipantsSchema.parse(query));
/** The list filters' choices, as the list page reads them (in the list's own transaction). */
const filterOptions = async (ctx: TenantContext) =>
  (await listParticipants(ctx, listParticipantsSchema.parse({}), { withFilterOptions: true })).filterOptions!;
const update = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
  updateParticipant({
    ctx,
    participantId,
    data: form(updateParticipantSchema, { targetGroup: "IMMIGRANT", status: "ACTIVE", ...FIXTURE_BASIS, ...input }),
  });

describe("registerParticipant", () => {
  it("generates the tenant's codes in sequence, skipping codes already taken", async () => {
    const t = await createTenantWithStaff("seq");
    // The fixture inserted TST-0001 directly, without the counter.
    const first = await register(t.coordinator);
    expect(first.code).toBe("TST-0002");
    const custom = await register(t.coordinator, { code: "tst-0003" });
    expect(custom.code).toBe("TST-0003");
    const next = await register(t.coordinator);
    expect(next.code).toBe("TST-0004");
    const codes = await adminQuery<{ code: string }>(
      `select code from "Participant" where "tenantId" = $1 order by code`,
      [t.tenantId],
    );
    expect(codes.map((r) => r.code)).toEqual(["TST-0001", "TST-0002", "TST-0003", "TST-0004"]);
  });

  it("keeps one counter per tenant", async () => {
    const t1 = await createTenantWithStaff("seq1");
    const t2 = await createTenantWithStaff("seq2");
    expect((await register(t1.coordinator)).code).toBe("TST-0002");
    expect((await register(t1.coordinator)).code).toBe("TST-0003");
    expect((await register(t2.coordinator)).code).toBe("TST-0002");
    // The same custom code may exist once in each tenant.
    expect((await register(t1.coordinator, { code: "OLD-17" })).code).toBe("OLD-17");
    expect((await register(t2.coordinator, { code: "OLD-17" })).code).toBe("OLD-17");
  });

  it("hands out distinct codes to concurrent registrations", async () => {
    const t = await createTenantWithStaff("conc");
    const created = await Promise.all(Array.from({ length: 6 }, () => register(t.coordinator)));
    const codes = created.map((p) => p.code).sort();
    expect(new Set(codes).size).toBe(6);
    expect(codes).toEqual(["TST-0002", "TST-0003", "TST-0004", "TST-0005", "TST-0006", "TST-0007"]);
  });

  it("rejects a custom code that is taken, writing nothing", async () => {
    const before = await snapshot(a.tenantId);
    const error = await expectAppError(
      () => register(a.coordinator, { code: "tst-0001", name: "Duplicate", consentFollowUp: "on" }),
      "CONFLICT",
      {
        fieldErrors: { code: "validation.codeTaken" },
      },
    );
    expect(error.messageKey).toBe("errors:invalidInput");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("answers two registrations of the same custom code at the same moment with one success and one codeTaken", async () => {
    const t = await createTenantWithStaff("race");
    const results = await Promise.allSettled([
      register(t.coordinator, { code: "RACE-1" }),
      register(t.coordinator, { code: "RACE-1" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(AppError);
    expect(failure.reason).toMatchObject({ code: "CONFLICT", fieldErrors: { code: "validation.codeTaken" } });
  });

  it("stores the person's details, the coordinator and the consents, recorded by the acting user", async () => {
    const p = await register(a.coordinator, {
      name: "  Amina Hassan ",
      birthYear: "1990",
      gender: "FEMALE",
      arrivalYear: "2016",
      languages: "TI, ar;nb",
      targetGroup: "SETTLED_REFUGEE",
      consentFollowUp: "on",
      consentStatistics: "on",
      consentPartnerSharing: "on",
      sharingOrganisationIds: [a.organisationId, a.organisationId],
      consentDate: "2026-01-05",
    });
    expect(p).toMatchObject({
      tenantId: a.tenantId,
      name: "Amina Hassan",
      birthYear: 1990,
      gender: "FEMALE",
      arrivalYear: 2016,
      languages: ["ti", "ar", "nb"],
      targetGroup: "SETTLED_REFUGEE",
      status: "ACTIVE",
      anonymous: false,
      coordinatorId: a.coordinator.userId,
      version: 1,
    });
    const consents = await adminQuery<{
      purpose: string;
      partnerOrganisationId: string | null;
      recordedById: string;
      givenAt: Date;
      withdrawnAt: Date | null;
    }>(
      `select purpose, "partnerOrganisationId", "recordedById", "givenAt", "withdrawnAt" from "Consent" where "tenantId" = $1 and "participantId" = $2 order by purpose`,
      [a.tenantId, p.id],
    );
    expect(consents.map((c) => ({ ...c, givenAt: isoDay(c.givenAt) }))).toEqual([
      {
        purpose: "FOLLOW_UP",
        partnerOrganisationId: null,
        recordedById: a.coordinator.userId,
        givenAt: "2026-01-05",
        withdrawnAt: null,
      },
      {
        purpose: "PARTNER_SHARING",
        partnerOrganisationId: a.organisationId,
        recordedById: a.coordinator.userId,
        givenAt: "2026-01-05",
        withdrawnAt: null,
      },
      {
        purpose: "STATISTICS",
        partnerOrganisationId: null,
        recordedById: a.coordinator.userId,
        givenAt: "2026-01-05",
        withdrawnAt: null,
      },
    ]);
  });

  it("writes a participant.created audit event with the registration", async () => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const events = await adminQuery<{
      actorId: string;
      entityType: string;
      entityId: string;
      participantId: string;
      details: unknown;
    }>(
      `select "actorId", "entityType", "entityId", "participantId", details from "AuditEvent" where "tenantId" = $1 and action = 'participant.created' and "participantId" = $2`,
      [a.tenantId, p.id],
    );
    expect(events).toEqual([
      {
        actorId: a.coordinator.userId,
        entityType: "Participant",
        entityId: p.id,
        participantId: p.id,
        details: { anonymous: false, consents: ["FOLLOW_UP"] },
      },
    ]);
  });

  it("commits the participant, its consents and its audit event together or not at all", async () => {
    const before = await snapshot(a.tenantId);
    // The consent insert (after the participant row) fails: everything, the code counter included, rolls back.
    const data = {
      ...form(registerParticipantSchema, {
        targetGroup: "IMMIGRANT",
        consentDate: "2026-01-05",
        consentFollowUp: "on",
        name: "Half Made",
      }),
    };
    data.consentDate = new Date(Number.NaN);
    await expect(registerParticipant({ ctx: a.coordinator, data })).rejects.toThrow(/givenAt/);
    expect(await snapshot(a.tenantId)).toEqual(before);
    const [{ n }] = await adminQuery<{ n: number }>(
      `select count(*)::int n from "Participant" where "tenantId" = $1 and name = 'Half Made'`,
      [a.tenantId],
    );
    expect(n).toBe(0);
  });

  it("keeps no personal data and no consents for an anonymous registration", async () => {
    const p = await register(a.coordinator, {
      anonymous: "on",
      name: "Secret Name",
      birthYear: "1990",
      gender: "MALE",
      arrivalYear: "2015",
      languages: "ti, ar",
      targetGroup: "YOUNG_ADULT",
      consentFollowUp: "on",
      consentStatistics: "on",
    });
    const [row] = await adminQuery(
      `select name, "birthYear", gender, "arrivalYear", languages, anonymous, "targetGroup" from "Participant" where id = $1`,
      [p.id],
    );
    expect(row).toEqual({
      name: null,
      birthYear: null,
      gender: null,
      arrivalYear: null,
      languages: [],
      anonymous: true,
      targetGroup: "YOUNG_ADULT",
    });
    const [{ n }] = await adminQuery<{ n: number }>(
      `select count(*)::int n from "Consent" where "participantId" = $1`,
      [p.id],
    );
    expect(n).toBe(0);
    const [event] = await adminQuery(
      `select details from "AuditEvent" where action = 'participant.created' and "participantId" = $1`,
      [p.id],
    );
    expect(event.details).toEqual({ anonymous: true, consents: [] });
  });

  it("assigns the acting user as coordinator unless another staff member of the tenant is chosen", async () => {
    expect((await register(a.coordinator)).coordinatorId).toBe(a.coordinator.userId);
    expect((await register(a.coordinator, { coordinatorId: a.admin.userId })).coordinatorId).toBe(a.admin.userId);
    const before = await snapshot(a.tenantId);
    // A partner viewer coordinates no one; a member of another tenant is unknown here.
    for (const coordinatorId of [a.partner.userId, bOnlyUserId, "nosuchuser"]) {
      await expectAppError(() => register(a.coordinator, { coordinatorId }), "INVALID_INPUT", {
        fieldErrors: { coordinatorId: "validation.invalid" },
      });
    }
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});

describe("updateParticipant", () => {
  it("changes the details, bumps the version and audits the changed fields", async () => {
    const p = await register(a.coordinator, { name: "Before", birthYear: "1990", languages: "nb" });
    await update(a.coordinator, p.id, {
      name: "After",
      birthYear: "1991",
      languages: "nb en",
      targetGroup: "YOUNG_ADULT",
      status: "PAUSED",
      version: "1",
    });
    const [row] = await adminQuery(
      `select name, "birthYear", languages, "targetGroup", status, version, "coordinatorId" from "Participant" where id = $1`,
      [p.id],
    );
    expect(row).toEqual({
      name: "After",
      birthYear: 1991,
      languages: ["nb", "en"],
      targetGroup: "YOUNG_ADULT",
      status: "PAUSED",
      version: 2,
      coordinatorId: a.coordinator.userId,
    });
    const events = await adminQuery<{ details: { changed: string[] } }>(
      `select details from "AuditEvent" where "tenantId" = $1 and action = 'participant.updated' and "participantId" = $2`,
      [a.tenantId, p.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].details.changed.sort()).toEqual(["birthYear", "languages", "name", "status", "targetGroup"]);
  });

  it("refuses a second save made from the same version, keeping the first", async () => {
    const p = await register(a.coordinator, { name: "Original" });
    await update(a.coordinator, p.id, { name: "First save", version: "1" });
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => update(a.admin, p.id, { name: "Second save", status: "WITHDRAWN", version: "1" }),
      "CONFLICT",
      { messageKey: "errors:conflict" },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
    const [row] = await adminQuery(`select name, status, version from "Participant" where id = $1`, [p.id]);
    expect(row).toEqual({ name: "First save", status: "ACTIVE", version: 2 });
    expect(await auditCount(a.tenantId, "participant.updated", p.id)).toBe(1);
  });

  it("lets exactly one of two simultaneous saves of the same version win", async () => {
    const p = await register(a.coordinator, { name: "Race" });
    const results = await Promise.allSettled([
      update(a.coordinator, p.id, { name: "Left", version: "1" }),
      update(a.admin, p.id, { name: "Right", version: "1" }),
    ]);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(AppError);
    expect((rejected[0].reason as AppError).code).toBe("CONFLICT");
    const [row] = await adminQuery<{ name: string; version: number }>(
      `select name, version from "Participant" where id = $1`,
      [p.id],
    );
    expect(row.version).toBe(2);
    expect(["Left", "Right"]).toContain(row.name);
  });

  it("keeps an anonymous participant free of personal data", async () => {
    const p = await register(a.coordinator, { anonymous: "on" });
    await update(a.coordinator, p.id, {
      name: "Sneaked In",
      birthYear: "1990",
      languages: "nb",
      targetGroup: "OTHER_FAR_FROM_WORK",
      version: "1",
    });
    const [row] = await adminQuery(
      `select name, "birthYear", languages, "targetGroup", version from "Participant" where id = $1`,
      [p.id],
    );
    expect(row).toEqual({ name: null, birthYear: null, languages: [], targetGroup: "OTHER_FAR_FROM_WORK", version: 2 });
  });

  it("keeps the coordinator when none is chosen and refuses one who is not staff of the tenant", async () => {
    const p = await register(a.coordinator, { coordinatorId: a.admin.userId });
    await update(a.coordinator, p.id, { version: "1" });
    expect((await adminQuery(`select "coordinatorId" from "Participant" where id = $1`, [p.id]))[0].coordinatorId).toBe(
      a.admin.userId,
    );
    const before = await snapshot(a.tenantId);
    for (const coordinatorId of [a.partner.userId, bOnlyUserId]) {
      await expectAppError(() => update(a.coordinator, p.id, { coordinatorId, version: "2" }), "INVALID_INPUT", {
        fieldErrors: { coordinatorId: "validation.invalid" },
      });
    }
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("answers an unknown participant with NOT_FOUND", async () => {
    await expectAppError(() => update(a.coordinator, "nosuchparticipant", { version: "1" }), "NOT_FOUND");
  });
});

describe("consents", () => {
  const give = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
    recordConsent({ ctx, participantId, data: form(recordConsentSchema, { givenAt: "2026-02-01", ...input }) });
  const withdraw = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
    withdrawConsent({ ctx, participantId, data: form(withdrawConsentSchema, input) });

  it("records a consent by the acting user, once per purpose and partner while it stands", async () => {
    const p = await register(a.coordinator);
    const consent = await give(a.coordinator, p.id, { purpose: "FOLLOW_UP" });
    expect(consent).toMatchObject({
      participantId: p.id,
      purpose: "FOLLOW_UP",
      recordedById: a.coordinator.userId,
      partnerOrganisationId: null,
      withdrawnAt: null,
    });
    expect(isoDay(consent.givenAt)).toBe("2026-02-01");
    expect(await auditCount(a.tenantId, "consent.given", p.id)).toBe(1);

    const before = await snapshot(a.tenantId);
    await expectAppError(() => give(a.admin, p.id, { purpose: "FOLLOW_UP" }), "CONFLICT", {
      fieldErrors: { purpose: "validation.consentExists" },
    });
    expect(await snapshot(a.tenantId)).toEqual(before);

    // Sharing is consented per partner.
    const second = await withTenant(
      a,
      (tx) => tx.organisation.create({ data: { tenantId: a.tenantId, name: "Employer AS", type: "BUSINESS" } }),
      { client: appDb() },
    );
    await give(a.coordinator, p.id, { purpose: "PARTNER_SHARING", partnerOrganisationId: a.organisationId });
    await give(a.coordinator, p.id, { purpose: "PARTNER_SHARING", partnerOrganisationId: second.id });
    await expectAppError(
      () => give(a.coordinator, p.id, { purpose: "PARTNER_SHARING", partnerOrganisationId: second.id }),
      "CONFLICT",
      {
        fieldErrors: { purpose: "validation.consentExists" },
      },
    );
    const [{ n }] = await adminQuery<{ n: number }>(
      `select count(*)::int n from "Consent" where "participantId" = $1`,
      [p.id],
    );
    expect(n).toBe(3);
  });

  it("withdraws a consent (by whom, when) and lets it be given again", async () => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const [{ id }] = await adminQuery<{ id: string }>(`select id from "Consent" where "participantId" = $1`, [p.id]);
    await withdraw(a.admin, p.id, { consentId: id, withdrawnAt: "2026-03-01" });
    const [row] = await adminQuery<{ withdrawnAt: Date; withdrawnById: string }>(
      `select "withdrawnAt", "withdrawnById" from "Consent" where id = $1`,
      [id],
    );
    expect({ withdrawnAt: isoDay(row.withdrawnAt), withdrawnById: row.withdrawnById }).toEqual({
      withdrawnAt: "2026-03-01",
      withdrawnById: a.admin.userId,
    });
    expect(await auditCount(a.tenantId, "consent.withdrawn", p.id)).toBe(1);

    // A withdrawn consent cannot be withdrawn again; a new one may be given.
    await expectAppError(() => withdraw(a.admin, p.id, { consentId: id }), "NOT_FOUND");
    await give(a.coordinator, p.id, { purpose: "FOLLOW_UP", givenAt: "2026-04-01" });
    const rows = await adminQuery(
      `select purpose, "withdrawnAt" is null as active from "Consent" where "participantId" = $1 order by "givenAt"`,
      [p.id],
    );
    expect(rows).toEqual([
      { purpose: "FOLLOW_UP", active: false },
      { purpose: "FOLLOW_UP", active: true },
    ]);
  });

  it("withdraws as of today when no date is given", async () => {
    const p = await register(a.coordinator, { consentStatistics: "on" });
    const [{ id }] = await adminQuery<{ id: string }>(`select id from "Consent" where "participantId" = $1`, [p.id]);
    await withdraw(a.coordinator, p.id, { consentId: id, withdrawnAt: "" });
    const [row] = await adminQuery<{ withdrawnAt: Date }>(`select "withdrawnAt" from "Consent" where id = $1`, [id]);
    expect(isoDay(row.withdrawnAt)).toBe(new Date().toISOString().slice(0, 10));
  });

  it("does not withdraw another participant's consent through this participant", async () => {
    const owner = await register(a.coordinator, { consentFollowUp: "on" });
    const other = await register(a.coordinator);
    const [{ id }] = await adminQuery<{ id: string }>(`select id from "Consent" where "participantId" = $1`, [
      owner.id,
    ]);
    const before = await snapshot(a.tenantId);
    await expectAppError(() => withdraw(a.coordinator, other.id, { consentId: id }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("records no consent for an anonymous participant, nor sharing with an unknown partner", async () => {
    const anonymous = await register(a.coordinator, { anonymous: "on" });
    const p = await register(a.coordinator);
    const before = await snapshot(a.tenantId);
    await expectAppError(() => give(a.coordinator, anonymous.id, { purpose: "STATISTICS" }), "INVALID_INPUT", {
      fieldErrors: { purpose: "validation.anonymousConsent" },
    });
    await expectAppError(
      () => give(a.coordinator, p.id, { purpose: "PARTNER_SHARING", partnerOrganisationId: "nosuchorganisation" }),
      "INVALID_INPUT",
      {
        fieldErrors: { partnerOrganisationId: "validation.unknownOrganisation" },
      },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});

describe("getParticipant", () => {
  it("returns the participant page's data and audits the view", async () => {
    const p = await register(a.coordinator, {
      name: "Viewed Person",
      consentFollowUp: "on",
      coordinatorId: a.admin.userId,
    });
    await enrolParticipant({
      ctx: a.coordinator,
      participantId: p.id,
      data: { pilotId: a.pilotId, startDate: day("2026-02-01") },
    });
    await addActivity({
      ctx: a.coordinator,
      participantId: p.id,
      data: form(addActivitySchema, {
        type: "LANGUAGE_TRAINING",
        status: "ONGOING",
        startDate: "2026-02-02",
        organisationId: a.organisationId,
      }),
    });
    const viewsBefore = await auditCount(a.tenantId, "participant.viewed", p.id);
    const details = await getParticipant(a.coordinator, p.id);
    expect(details.participant).toMatchObject({ id: p.id, code: p.code, name: "Viewed Person" });
    expect(details.coordinator).toEqual({ id: a.admin.userId, name: "Admin part-a" });
    expect(details.consents.map((c) => c.purpose)).toEqual(["FOLLOW_UP"]);
    expect(details.enrolments).toHaveLength(1);
    expect(details.enrolments[0].pilot).toEqual({ name: "Pilot", kind: "CUSTOM" });
    expect(details.activities).toHaveLength(1);
    expect(details.activities[0].organisation).toEqual({ name: "NAV Test" });
    expect(details.outcomes).toEqual([]);

    expect(await auditCount(a.tenantId, "participant.viewed", p.id)).toBe(viewsBefore + 1);
    const [event] = await adminQuery(
      `select "actorId", "entityType", "entityId" from "AuditEvent" where "tenantId" = $1 and action = 'participant.viewed' and "participantId" = $2 order by at desc limit 1`,
      [a.tenantId, p.id],
    );
    expect(event).toEqual({ actorId: a.coordinator.userId, entityType: "Participant", entityId: p.id });
  });

  it("answers an unknown participant with NOT_FOUND and audits nothing", async () => {
    const before = await snapshot(a.tenantId);
    await expectAppError(() => getParticipant(a.coordinator, "nosuchparticipant"), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("treats an anonymised participant as gone", async () => {
    const p = await register(a.coordinator, { name: "Forgotten" });
    await withAdmin((c) =>
      c.query(`update "Participant" set "anonymisedAt" = now(), name = null where id = $1`, [p.id]),
    );
    await expectAppError(() => getParticipant(a.coordinator, p.id), "NOT_FOUND");
    await expectAppError(() => update(a.coordinator, p.id, { version: "1" }), "NOT_FOUND");
    await expectAppError(
      () =>
        recordConsent({
          ctx: a.coordinator,
          participantId: p.id,
          data: form(recordConsentSchema, { purpose: "STATISTICS", givenAt: "2026-01-01" }),
        }),
      "NOT_FOUND",
    );
    expect((await list(a.coordinator, { q: p.code })).total).toBe(0);
  });

  it("offers the tenant's active organisations, open pilots and staff as form options", async () => {
    const t = await createTenantWithStaff("opts");
    await withTenant(
      t,
      async (tx) => {
        await tx.organisation.create({
          data: { tenantId: t.tenantId, name: "Closed AS", type: "BUSINESS", active: false },
        });
        await tx.organisation.create({ data: { tenantId: t.tenantId, name: "Arbeidsgiver AS", type: "BUSINESS" } });
        await tx.pilot.create({
          data: {
            tenantId: t.tenantId,
            name: "Finished pilot",
            kind: "CUSTOM",
            status: "COMPLETED",
            startDate: day("2025-01-01"),
          },
        });
      },
      { client: appDb() },
    );
    const options = await getParticipantFormOptions(t.coordinator);
    expect(options.organisations.map((o) => o.name)).toEqual(["Arbeidsgiver AS", "NAV Test"]);
    expect(options.pilots).toEqual([{ id: t.pilotId, name: "Pilot", status: "ACTIVE" }]);
    expect(options.coordinators).toEqual([
      { id: t.admin.userId, name: "Admin opts" },
      { id: t.coordinator.userId, name: "Coordinator opts" },
    ]);
  });
});

describe("listParticipants", () => {
  let l: Tenant;
  const pad = (n: number) => String(n).padStart(2, "0");
  /** Participant i (1..30) has code TST-(i+1), as TST-0001 is the fixture's. */
  const codeOf = (i: number) => `TST-${String(i + 1).padStart(4, "0")}`;
  const groupOf = (i: number) => TARGET_GROUPS[i % TARGET_GROUPS.length];
  const ids: Record<number, string> = {};
  let otherOrganisationId: string;

  beforeAll(async () => {
    l = await createTenantWithStaff("list");
    for (let i = 1; i <= 30; i++) {
      const p = await register(l.coordinator, {
        name: i === 7 ? "Amina Hassan" : `Person ${pad(i)}`,
        anonymous: i === 30 ? "on" : "",
        targetGroup: groupOf(i),
        consentFollowUp: i <= 4 ? "on" : "",
      });
      expect(p.code).toBe(codeOf(i));
      ids[i] = p.id;
    }
    for (const i of [3, 5, 9])
      await update(l.coordinator, ids[i], {
        name: `Person ${pad(i)}`,
        targetGroup: groupOf(i),
        status: "PAUSED",
        version: "1",
      });
    // Participants 1 and 2 in the pilot; participant 1 exited, with outcomes at exit and at +3 months.
    const e1 = await enrolParticipant({
      ctx: l.coordinator,
      participantId: ids[1],
      data: { pilotId: l.pilotId, startDate: day("2026-01-10") },
    });
    await enrolParticipant({
      ctx: l.coordinator,
      participantId: ids[2],
      data: { pilotId: l.pilotId, startDate: day("2026-01-10") },
    });
    await exitEnrolment({
      ctx: l.coordinator,
      participantId: ids[1],
      enrolmentId: e1.id,
      data: { exitDate: day("2026-02-28"), exitReason: "GOT_JOB" },
    });
    await recordOutcome({
      ctx: l.coordinator,
      participantId: ids[1],
      data: { enrolmentId: e1.id, point: "AT_EXIT", status: "NOT_IN_WORK", observedAt: day("2026-02-28") },
    });
    await recordOutcome({
      ctx: l.coordinator,
      participantId: ids[1],
      data: {
        enrolmentId: e1.id,
        point: "MONTHS_3",
        status: "PERMANENT_JOB",
        workingTime: "FULL_TIME",
        observedAt: day("2026-05-31"),
      },
    });
    // Steps: participant 3 is in language training (ongoing) with work practice planned; participant 4 finished intake and has mentoring planned.
    const step = (i: number, input: Record<string, unknown>) =>
      addActivity({ ctx: l.coordinator, participantId: ids[i], data: form(addActivitySchema, input) });
    await step(3, {
      type: "LANGUAGE_TRAINING",
      status: "ONGOING",
      startDate: "2026-02-01",
      organisationId: l.organisationId,
    });
    await step(3, { type: "WORK_PRACTICE", status: "PLANNED", startDate: "2026-09-01" });
    await step(4, {
      type: "INTAKE",
      status: "COMPLETED",
      startDate: "2026-01-10",
      endDate: "2026-01-20",
      organisationId: l.organisationId,
    });
    await step(4, { type: "MENTORING", status: "PLANNED", startDate: "2026-12-01" });
    await step(5, { type: "INTAKE", status: "COMPLETED", startDate: "2026-01-10", endDate: "2026-01-20" });
    otherOrganisationId = (
      await withTenant(
        l,
        (tx) => tx.organisation.create({ data: { tenantId: l.tenantId, name: "Unused AS", type: "BUSINESS" } }),
        { client: appDb() },
      )
    ).id;
  });

  const status = (i: number): "ACTIVE" | "PAUSED" | "COMPLETED" =>
    i === 1 ? "COMPLETED" : [3, 5, 9].includes(i) ? "PAUSED" : "ACTIVE";

  it("pages through the participants sorted by code, 25 to a page", async () => {
    const page1 = await list(l.coordinator, {});
    expect({ total: page1.total, page: page1.page, pages: page1.pages }).toEqual({ total: 31, page: 1, pages: 2 });
    expect(page1.rows.map((r) => r.code)).toEqual(["TST-0001", ...Array.from({ length: 24 }, (_, k) => codeOf(k + 1))]);
    const page2 = await list(l.coordinator, { page: "2" });
    expect(page2.page).toBe(2);
    expect(page2.rows.map((r) => r.code)).toEqual(Array.from({ length: 6 }, (_, k) => codeOf(k + 25)));
    // A page past the end shows the last page.
    const past = await list(l.coordinator, { page: "99" });
    expect(past.page).toBe(2);
    expect(past.rows.map((r) => r.code)).toEqual(page2.rows.map((r) => r.code));
  });

  it("searches codes and names, case-insensitively", async () => {
    const byCode = await list(l.coordinator, { q: "tst-0008" });
    expect(byCode.rows.map((r) => r.code)).toEqual([codeOf(7)]);
    expect((await list(l.coordinator, { q: "0008" })).rows.map((r) => r.code)).toEqual([codeOf(7)]);
    const byName = await list(l.coordinator, { q: "hASSAN" });
    expect(byName.rows.map((r) => ({ code: r.code, name: r.name }))).toEqual([
      { code: codeOf(7), name: "Amina Hassan" },
    ]);
    // "person" is in 28 generated names and in the fixture's "Test Person".
    expect((await list(l.coordinator, { q: "PERSON" })).total).toBe(29);
    expect((await list(l.coordinator, { q: "nobody-by-this-name" })).total).toBe(0);
  });

  it("filters by target group, status, pilot and organisation", async () => {
    for (const group of TARGET_GROUPS) {
      const expected = [
        ...(group === "SETTLED_REFUGEE" ? ["TST-0001"] : []),
        ...Array.from({ length: 30 }, (_, k) => k + 1)
          .filter((i) => groupOf(i) === group)
          .map(codeOf),
      ];
      const result = await list(l.coordinator, { targetGroup: group });
      expect(result.total).toBe(expected.length);
      expect(result.rows.map((r) => r.code)).toEqual(expected.slice(0, 25));
      expect(result.rows.every((r) => r.targetGroup === group)).toBe(true);
    }
    expect((await list(l.coordinator, { status: "PAUSED" })).rows.map((r) => r.code)).toEqual([
      codeOf(3),
      codeOf(5),
      codeOf(9),
    ]);
    expect((await list(l.coordinator, { status: "COMPLETED" })).rows.map((r) => r.code)).toEqual([codeOf(1)]);
    expect((await list(l.coordinator, { status: "WITHDRAWN" })).total).toBe(0);
    expect((await list(l.coordinator, { pilotId: l.pilotId })).rows.map((r) => r.code)).toEqual([codeOf(1), codeOf(2)]);
    expect((await list(l.coordinator, { organisationId: l.organisationId })).rows.map((r) => r.code)).toEqual([
      codeOf(3),
      codeOf(4),
    ]);
    expect((await list(l.coordinator, { organisationId: otherOrganisationId })).total).toBe(0);
    // Filters combine.
    expect((await list(l.coordinator, { pilotId: l.pilotId, status: "ACTIVE" })).rows.map((r) => r.code)).toEqual([
      codeOf(2),
    ]);
    expect((await list(l.coordinator, { q: "person 0", status: "PAUSED" })).rows.map((r) => r.code)).toEqual([
      codeOf(3),
      codeOf(5),
      codeOf(9),
    ]);
  });

  it("sorts by name (unnamed last), by status and by newest", async () => {
    const all = async (sort: string) => [
      ...(await list(l.coordinator, { sort })).rows,
      ...(await list(l.coordinator, { sort, page: "2" })).rows,
    ];

    const byName = await all("name");
    const named = Array.from({ length: 29 }, (_, k) => k + 1)
      .filter((i) => i !== 7)
      .map((i) => `Person ${pad(i)}`);
    expect(byName.map((r) => r.name)).toEqual(["Amina Hassan", ...named, "Test Person", null]);

    const byStatus = await all("status");
    const rank = { ACTIVE: 0, PAUSED: 1, COMPLETED: 2, WITHDRAWN: 3 } as const;
    const expectedStatusOrder = [
      { code: "TST-0001", status: "ACTIVE" as const },
      ...Array.from({ length: 30 }, (_, k) => ({ code: codeOf(k + 1), status: status(k + 1) })),
    ].sort((x, y) => rank[x.status] - rank[y.status] || x.code.localeCompare(y.code));
    expect(byStatus.map((r) => ({ code: r.code, status: r.status }))).toEqual(expectedStatusOrder);

    const newest = await list(l.coordinator, { sort: "newest" });
    expect(newest.rows.slice(0, 3).map((r) => r.code)).toEqual([codeOf(30), codeOf(29), codeOf(28)]);
    expect((await list(l.coordinator, { sort: "newest", page: "2" })).rows.at(-1)?.code).toBe("TST-0001");
  });

  it("shows each participant's current step and latest outcome", async () => {
    const rows = (await list(l.coordinator, { q: "person 0" })).rows;
    const row = (i: number) => rows.find((r) => r.code === codeOf(i))!;
    // The ongoing step is the current one, ahead of a step only planned.
    expect(row(3).currentStep).toEqual({
      type: "LANGUAGE_TRAINING",
      status: "ONGOING",
      organisation: { name: "NAV Test" },
    });
    expect(row(4).currentStep).toEqual({ type: "MENTORING", status: "PLANNED", organisation: null });
    expect(row(5).currentStep).toBeNull();
    expect(row(2).currentStep).toBeNull();
    expect(row(1).latestOutcome).toEqual({ status: "PERMANENT_JOB", point: "MONTHS_3", observedAt: day("2026-05-31") });
    expect(row(2).latestOutcome).toBeNull();
    expect(row(1)).toMatchObject({
      id: ids[1],
      name: "Person 01",
      targetGroup: groupOf(1),
      status: "COMPLETED",
      anonymous: false,
    });
  });

  it("offers the tenant's pilots and organisations as filters", async () => {
    const options = await filterOptions(l.coordinator);
    expect(options.pilots).toEqual([{ id: l.pilotId, name: "Pilot" }]);
    expect(options.organisations.map((o) => o.name)).toEqual(["NAV Test", "Unused AS"]);
  });

  it("leaves anonymised participants out", async () => {
    await withAdmin((c) =>
      c.query(`update "Participant" set "anonymisedAt" = now(), name = null where id = $1`, [ids[29]]),
    );
    const result = await list(l.coordinator, {});
    expect(result.total).toBe(30);
    expect((await list(l.coordinator, { page: "2" })).rows.map((r) => r.code)).not.toContain(codeOf(29));
  });
});

describe("listAuditEvents", () => {
  let t: Tenant;
  let p: { id: string; code: string };
  let other: { id: string; code: string };

  beforeAll(async () => {
    t = await createTenantWithStaff("audit");
    p = await register(t.coordinator, { consentFollowUp: "on" });
    other = await register(t.admin);
    await getParticipant(t.coordinator, p.id);
    await getParticipant(t.admin, p.id);
    await getParticipant(t.admin, other.id);
  });

  const audit = (ctx: TenantContext, query: Record<string, unknown> = {}) =>
    listAuditEvents(ctx, auditQuerySchema.parse(query));

  it("lists the tenant's events, newest first, with who and which participant", async () => {
    const result = await audit(t.admin);
    expect(result.total).toBe(await auditCount(t.tenantId));
    expect(result.total).toBe(5);
    expect(result.pages).toBe(1);
    const times = result.events.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(result.events[0]).toMatchObject({
      action: "participant.viewed",
      participantId: other.id,
      participantCode: other.code,
      actorName: "Admin audit",
    });
    expect(result.members.map((m) => m.name)).toEqual(["Admin audit", "Coordinator audit", "Partner audit"]);
  });

  it("filters by participant code (any case) or id", async () => {
    const byCode = await audit(t.admin, { participant: p.code.toLowerCase() });
    expect(byCode.total).toBe(3);
    expect(byCode.events.every((e) => e.participantId === p.id && e.participantCode === p.code)).toBe(true);
    expect(byCode.events.map((e) => e.action).sort()).toEqual([
      "participant.created",
      "participant.viewed",
      "participant.viewed",
    ]);
    expect((await audit(t.admin, { participant: p.id })).total).toBe(3);
    expect(await audit(t.admin, { participant: "TST-9999" })).toMatchObject({ total: 0, events: [] });
  });

  it("filters by user, alone and with a participant", async () => {
    const byAdmin = await audit(t.admin, { user: t.admin.userId });
    expect(byAdmin.total).toBe(3);
    expect(byAdmin.events.every((e) => e.actorId === t.admin.userId && e.actorName === "Admin audit")).toBe(true);
    const both = await audit(t.admin, { user: t.admin.userId, participant: p.code });
    expect(both.events.map((e) => ({ action: e.action, participantId: e.participantId }))).toEqual([
      { action: "participant.viewed", participantId: p.id },
    ]);
    expect((await audit(t.admin, { user: t.partner.userId })).total).toBe(0);
  });

  it("is for administrators only", async () => {
    await expectAppError(() => audit(t.coordinator), "NOT_FOUND");
    await expectAppError(() => audit(t.partner), "NOT_FOUND");
  });

  it("shows nothing of another tenant", async () => {
    // Tenant A's staff and participants exist, but not here.
    expect((await audit(t.admin, { user: a.coordinator.userId })).total).toBe(0);
    expect((await audit(t.admin, { participant: a.participantId })).total).toBe(0);
    const mine = await audit(t.admin, { participant: "TST-0001" });
    expect(mine.events.every((e) => e.participantId === t.participantId)).toBe(true);
    const all = await audit(t.admin);
    expect(all.events.every((e) => e.tenantId === t.tenantId)).toBe(true);
    expect(all.members.map((m) => m.id).sort()).toEqual(
      [t.admin.userId, t.coordinator.userId, t.partner.userId].sort(),
    );
  });
});

describe("tenant isolation", () => {
  let bParticipant: { id: string; code: string };
  let bConsentId: string;

  beforeAll(async () => {
    bParticipant = await register(b.coordinator, { name: "Bee Person", consentFollowUp: "on" });
    [{ id: bConsentId }] = await adminQuery<{ id: string }>(`select id from "Consent" where "participantId" = $1`, [
      bParticipant.id,
    ]);
  });

  it("answers every participant command and query naming another tenant's ids with NOT_FOUND or INVALID_INPUT, changing nothing", async () => {
    const own = await register(a.coordinator);
    const beforeB = await snapshot(b.tenantId);
    const beforeA = await snapshot(a.tenantId);
    const ctx = a.coordinator;

    await expectAppError(() => update(ctx, bParticipant.id, { name: "Hijacked", version: "1" }), "NOT_FOUND");
    await expectAppError(() => update(ctx, b.participantId, { name: "Hijacked", version: "1" }), "NOT_FOUND");
    await expectAppError(
      () =>
        recordConsent({
          ctx,
          participantId: bParticipant.id,
          data: form(recordConsentSchema, { purpose: "STATISTICS", givenAt: "2026-01-01" }),
        }),
      "NOT_FOUND",
    );
    await expectAppError(
      () =>
        recordConsent({
          ctx,
          participantId: own.id,
          data: form(recordConsentSchema, {
            purpose: "PARTNER_SHARING",
            partnerOrganisationId: b.organisationId,
            givenAt: "2026-01-01",
          }),
        }),
      "INVALID_INPUT",
      { fieldErrors: { partnerOrganisationId: "validation.unknownOrganisation" } },
    );
    await expectAppError(
      () => withdrawConsent({ ctx, participantId: bParticipant.id, data: { consentId: bConsentId } }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => withdrawConsent({ ctx, participantId: own.id, data: { consentId: bConsentId } }),
      "NOT_FOUND",
    );
    await expectAppError(() => getParticipant(ctx, bParticipant.id), "NOT_FOUND");
    await expectAppError(() => getParticipant(a.admin, b.participantId), "NOT_FOUND");
    await expectAppError(
      () => register(ctx, { consentPartnerSharing: "on", sharingOrganisationIds: b.organisationId }),
      "INVALID_INPUT",
      { fieldErrors: { sharingOrganisationIds: "validation.unknownOrganisation" } },
    );
    await expectAppError(() => register(ctx, { coordinatorId: b.admin.userId }), "INVALID_INPUT", {
      fieldErrors: { coordinatorId: "validation.invalid" },
    });

    expect(await snapshot(b.tenantId)).toEqual(beforeB);
    expect(await snapshot(a.tenantId)).toEqual(beforeA);
  });

  it("lists, searches and offers nothing of another tenant", async () => {
    expect((await list(a.coordinator, { q: "Bee Person" })).total).toBe(0);
    expect((await list(a.coordinator, { q: bParticipant.code })).rows.every((r) => r.id !== bParticipant.id)).toBe(
      true,
    );
    expect((await list(a.coordinator, { pilotId: b.pilotId })).total).toBe(0);
    expect((await list(a.coordinator, { organisationId: b.organisationId })).total).toBe(0);
    const all = await list(a.coordinator, { page: "1" });
    const rowsA = await adminQuery<{ n: number }>(
      `select count(*)::int n from "Participant" where "tenantId" = $1 and "anonymisedAt" is null`,
      [a.tenantId],
    );
    expect(all.total).toBe(rowsA[0].n);
    const options = await getParticipantFormOptions(a.coordinator);
    expect(options.organisations.map((o) => o.id)).not.toContain(b.organisationId);
    expect(options.pilots.map((o) => o.id)).toEqual([a.pilotId]);
    expect(options.coordinators.map((c) => c.id)).not.toContain(b.coordinator.userId);
    const filters = await filterOptions(a.coordinator);
    expect(filters.pilots.map((p) => p.id)).toEqual([a.pilotId]);
    expect(filters.organisations.map((o) => o.id)).not.toContain(b.organisationId);
  });

  it("reaches only the context's tenant, whatever ids it is given", async () => {
    // The context names tenant B but the ids are A's: row-level security follows the context's tenant.
    const forged = contextFor(b, a.coordinator.userId, "COORDINATOR");
    const beforeA = await snapshot(a.tenantId);
    await expectAppError(() => getParticipant(forged, a.participantId), "NOT_FOUND");
    await expectAppError(() => update(forged, a.participantId, { version: "1" }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(beforeA);
  });
});

describe("a partner viewer", () => {
  it("gets NOT_FOUND from every participant command and query, and changes nothing", async () => {
    const own = await register(a.coordinator, { consentFollowUp: "on" });
    const [{ id: consentId }] = await adminQuery<{ id: string }>(
      `select id from "Consent" where "participantId" = $1`,
      [own.id],
    );
    const ctx = a.partner;
    const before = await snapshot(a.tenantId);
    await expectAppError(() => register(ctx), "NOT_FOUND");
    await expectAppError(() => update(ctx, own.id, { version: "1" }), "NOT_FOUND");
    await expectAppError(
      () =>
        recordConsent({
          ctx,
          participantId: own.id,
          data: form(recordConsentSchema, { purpose: "STATISTICS", givenAt: "2026-01-01" }),
        }),
      "NOT_FOUND",
    );
    await expectAppError(() => withdrawConsent({ ctx, participantId: own.id, data: { consentId } }), "NOT_FOUND");
    await expectAppError(() => getParticipant(ctx, own.id), "NOT_FOUND");
    await expectAppError(() => getParticipantFormOptions(ctx), "NOT_FOUND");
    await expectAppError(() => list(ctx), "NOT_FOUND");
    await expectAppError(() => filterOptions(ctx), "NOT_FOUND");
    await expectAppError(() => listAuditEvents(ctx, auditQuerySchema.parse({})), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});
