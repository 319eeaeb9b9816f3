import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, withAdmin } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { registerParticipantSchema, updateParticipantSchema } from "../../lib/participants/schemas.ts";
import { updateParticipant } from "../../lib/participants/update-participant.ts";
import { recordConsent } from "../../lib/participants/record-consent.ts";
import { getParticipantFormOptions } from "../../lib/participants/get-participant.ts";
import { getRegistrationForm } from "../../lib/participants/get-registration-form.ts";
import { eraseParticipant, exportParticipant } from "../../lib/participants/gdpr.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { listFollowUpsDue } from "../../lib/outcomes/list-follow-ups.ts";
import {
  adminQuery,
  addMember,
  createTenantWithStaff,
  createUser,
  day,
  expectAppError,
  isoDay,
  register,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

// The participant forms know their context: a basis for processing, the tenant's country, who may coordinate,
// whom one may share with, the next code, and enrolment at registration in the same transaction.

let a: Tenant;
let municipalityId: string;
let operatorId: string;

beforeAll(async () => {
  a = await createTenantWithStaff("forms");
  municipalityId = await withTenant(
    a,
    async (tx) =>
      (await tx.organisation.create({ data: { tenantId: a.tenantId, name: "Test kommune", type: "MUNICIPALITY" } })).id,
    { client: appDb() },
  );
  const operator = await createUser("Platform Operator");
  await withAdmin((c) => c.query(`update "User" set "platformAdmin" = true where id = $1`, [operator.id]));
  await addMember(a, operator.id, "TENANT_ADMIN");
  operatorId = operator.id;
});

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const named = { name: "Basis Person", targetGroup: "IMMIGRANT", consentDate: "2026-01-05" };
const issues = (input: Record<string, unknown>) => {
  const parsed = registerParticipantSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("a basis for processing", () => {
  it("is required for a named participant: a consent or a legal basis, and OTHER names itself", () => {
    expect(issues(named)).toEqual({ legalBasis: "validation.basisRequired" });
    expect(issues({ ...named, legalBasis: "OTHER" })).toEqual({ legalBasisNote: "validation.legalBasisNoteRequired" });
    expect(issues({ ...named, legalBasis: "NO_INTEGRATION_ACT" })).toEqual({});
    expect(issues({ ...named, consentStatistics: "on" })).toEqual({});
    expect(issues({ ...named, anonymous: "on" })).toEqual({});
    expect(issues({ ...named, legalBasis: "NO_SUCH_ACT" })).toHaveProperty("legalBasis");
  });

  it("is stored, audited, exported and erased; a note is kept only for OTHER", async () => {
    const p = await register(a.coordinator, { ...named, legalBasis: "NO_INTEGRATION_ACT", legalBasisNote: "stray" });
    const [row] = await adminQuery<{ legalBasis: string; legalBasisNote: string | null }>(
      `select "legalBasis", "legalBasisNote" from "Participant" where id = $1`,
      [p.id],
    );
    expect(row).toEqual({ legalBasis: "NO_INTEGRATION_ACT", legalBasisNote: null });
    const [event] = await adminQuery<{ details: Record<string, unknown> }>(
      `select details from "AuditEvent" where "participantId" = $1 and action = 'participant.created'`,
      [p.id],
    );
    expect(event.details).toEqual({ anonymous: false, consents: [], legalBasis: "NO_INTEGRATION_ACT" });

    const other = await register(a.coordinator, { ...named, legalBasis: "OTHER", legalBasisNote: "Kommuneloven" });
    const exported = await exportParticipant(a.admin, other.id);
    expect(exported.participant).toMatchObject({ legalBasis: "OTHER", legalBasisNote: "Kommuneloven" });
    await eraseParticipant({ ctx: a.admin, participantId: other.id, confirmCode: other.code });
    const [erased] = await adminQuery(`select "legalBasis", "legalBasisNote" from "Participant" where id = $1`, [
      other.id,
    ]);
    expect(erased).toEqual({ legalBasis: null, legalBasisNote: null });
  });

  it("must be one of the tenant's country: a Norwegian municipality cannot record a Swedish act", async () => {
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => register(a.coordinator, { ...named, legalBasis: "SE_SOCIAL_SERVICES_ACT" }),
      "INVALID_INPUT",
      { fieldErrors: { legalBasis: "validation.choose" } },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
    const form = await getRegistrationForm(a.coordinator);
    expect(form.legalBases).toEqual(["NO_INTEGRATION_ACT", "NO_NAV_ACT", "OTHER"]);
  });

  it("cannot be removed while it is the only one, and can be once there is consent", async () => {
    const p = await register(a.coordinator, { ...named, legalBasis: "NO_NAV_ACT" });
    const update = (version: number, input: Record<string, unknown>) =>
      updateParticipant({
        ctx: a.coordinator,
        participantId: p.id,
        data: updateParticipantSchema.parse({ targetGroup: "IMMIGRANT", status: "ACTIVE", version, ...input }),
      });
    await expectAppError(() => update(1, {}), "INVALID_INPUT", {
      fieldErrors: { legalBasis: "validation.basisRequired" },
    });
    await recordConsent({
      ctx: a.coordinator,
      participantId: p.id,
      data: { purpose: "STATISTICS", givenAt: day("2026-01-06") },
    });
    await update(1, {});
    const [row] = await adminQuery(`select "legalBasis" from "Participant" where id = $1`, [p.id]);
    expect(row).toEqual({ legalBasis: null });
    const [event] = await adminQuery<{ details: { changed: string[]; legalBasis?: string | null } }>(
      `select details from "AuditEvent" where "participantId" = $1 and action = 'participant.updated'`,
      [p.id],
    );
    expect(event.details.changed).toContain("legalBasis");
    expect(event.details.legalBasis).toBeNull();
  });
});

describe("a statutory basis", () => {
  it("allows enrolment without consent to follow-up, and the follow-up is listed", async () => {
    const p = await register(a.coordinator, { ...named, legalBasis: "NO_INTEGRATION_ACT" });
    const enrolment = await enrolParticipant({
      ctx: a.coordinator,
      participantId: p.id,
      data: { pilotId: a.pilotId, startDate: day("2026-01-10") },
    });
    await exitEnrolment({
      ctx: a.coordinator,
      participantId: p.id,
      enrolmentId: enrolment.id,
      data: { exitDate: day("2026-02-10"), exitReason: "GOT_JOB" },
    });
    const due = await listFollowUpsDue(a.coordinator, { today: day("2026-02-20") });
    expect(due.filter((d) => d.participantId === p.id).map((d) => d.point)).toEqual(["AT_EXIT"]);
  });

  it("does not stand in for consent when there is neither", async () => {
    const p = await register(a.coordinator, { ...named, consentStatistics: "on" });
    await expectAppError(
      () =>
        enrolParticipant({
          ctx: a.coordinator,
          participantId: p.id,
          data: { pilotId: a.pilotId, startDate: day("2026-01-10") },
        }),
      "INVALID_INPUT",
      { fieldErrors: { pilotId: "validation.noFollowUpConsent" } },
    );
  });
});

describe("the lists offer only what makes sense", () => {
  it("does not offer a platform operator as coordinator, and refuses one", async () => {
    const options = await getParticipantFormOptions(a.coordinator);
    expect(options.coordinators.map((c) => c.id)).not.toContain(operatorId);
    expect(options.coordinators.map((c) => c.id)).toContain(a.coordinator.userId);
    const before = await snapshot(a.tenantId);
    await expectAppError(() => register(a.coordinator, { ...named, coordinatorId: operatorId }), "INVALID_INPUT", {
      fieldErrors: { coordinatorId: "validation.notCoordinator" },
    });
    const p = await register(a.coordinator, named);
    const after = await snapshot(a.tenantId);
    await expectAppError(
      () =>
        updateParticipant({
          ctx: a.coordinator,
          participantId: p.id,
          data: updateParticipantSchema.parse({
            targetGroup: "IMMIGRANT",
            status: "ACTIVE",
            version: 1,
            legalBasis: "OTHER",
            legalBasisNote: "Test fixture: another statutory basis",
            coordinatorId: operatorId,
          }),
        }),
      "INVALID_INPUT",
      { fieldErrors: { coordinatorId: "validation.notCoordinator" } },
    );
    expect(await snapshot(a.tenantId)).toEqual(after);
    expect(before).not.toEqual(after);
  });

  it("refuses the municipality itself as a partner to share with, at registration and later", async () => {
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () =>
        register(a.coordinator, {
          ...named,
          consentPartnerSharing: "on",
          sharingOrganisationIds: [municipalityId],
        }),
      "INVALID_INPUT",
      { fieldErrors: { sharingOrganisationIds: "validation.ownMunicipality" } },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
    const p = await register(a.coordinator, { ...named, consentFollowUp: "on" });
    await expectAppError(
      () =>
        recordConsent({
          ctx: a.coordinator,
          participantId: p.id,
          data: { purpose: "PARTNER_SHARING", partnerOrganisationId: municipalityId, givenAt: day("2026-01-06") },
        }),
      "INVALID_INPUT",
      { fieldErrors: { partnerOrganisationId: "validation.ownMunicipality" } },
    );
    // A real partner is still fine.
    await recordConsent({
      ctx: a.coordinator,
      participantId: p.id,
      data: { purpose: "PARTNER_SHARING", partnerOrganisationId: a.organisationId, givenAt: day("2026-01-06") },
    });
  });
});

describe("enrolling at registration", () => {
  it("enrols in the same transaction, starting today", async () => {
    const p = await register(a.coordinator, { ...named, consentFollowUp: "on", enrolIn: a.pilotId });
    const rows = await adminQuery<{ pilotId: string; startDate: Date }>(
      `select "pilotId", "startDate" from "Enrolment" where "participantId" = $1`,
      [p.id],
    );
    expect(rows.map((r) => ({ pilotId: r.pilotId, startDate: isoDay(r.startDate) }))).toEqual([
      { pilotId: a.pilotId, startDate: new Date().toISOString().slice(0, 10) },
    ]);
  });

  it("needs consent to follow-up or a legal basis (a field error)", () => {
    expect(issues({ ...named, consentStatistics: "on", enrolIn: a.pilotId })).toEqual({
      enrolIn: "validation.noFollowUpConsent",
    });
    expect(issues({ ...named, anonymous: "on", enrolIn: a.pilotId })).toEqual({
      enrolIn: "validation.noFollowUpConsent",
    });
    expect(issues({ ...named, legalBasis: "NO_NAV_ACT", enrolIn: a.pilotId })).toEqual({});
  });

  it("leaves no participant behind when the enrolment fails", async () => {
    const elsewhere = await createTenantWithStaff("forms-other");
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => register(a.coordinator, { ...named, legalBasis: "NO_NAV_ACT", enrolIn: elsewhere.pilotId }),
      "INVALID_INPUT",
      { fieldErrors: { enrolIn: "validation.invalid" } },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("offers the active pilots only", async () => {
    await withTenant(
      a,
      (tx) =>
        tx.pilot.create({
          data: {
            tenantId: a.tenantId,
            name: "Draft pilot",
            kind: "CUSTOM",
            status: "DRAFT",
            startDate: day("2026-09-01"),
          },
        }),
      { client: appDb() },
    );
    const form = await getRegistrationForm(a.coordinator);
    expect(form.activePilots.map((p) => p.id)).toEqual([a.pilotId]);
  });
});

describe("the code hint", () => {
  it("shows the code the next registration gets, past codes already taken", async () => {
    const t = await createTenantWithStaff("hint");
    // The fixture holds TST-0001 without the counter; a custom TST-0003 is taken ahead of the counter.
    expect((await getRegistrationForm(t.coordinator)).nextCode).toBe("TST-0002");
    await register(t.coordinator, { code: "TST-0003" });
    expect((await getRegistrationForm(t.coordinator)).nextCode).toBe("TST-0002");
    expect((await register(t.coordinator)).code).toBe("TST-0002");
    const hint = (await getRegistrationForm(t.coordinator)).nextCode;
    expect(hint).toBe("TST-0004");
    expect((await register(t.coordinator)).code).toBe(hint);
    // Far along (Inderøy's IND-0025): the hint follows the counter, not an example.
    await adminQuery(`update "ParticipantCodeCounter" set "next" = 25 where "tenantId" = $1`, [t.tenantId]);
    expect((await getRegistrationForm(t.coordinator)).nextCode).toBe("TST-0025");
    expect((await register(t.coordinator)).code).toBe("TST-0025");
  });
});
