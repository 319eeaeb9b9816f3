import { afterAll, describe, expect } from "vitest";
import { testWithTwoTenants } from "../support/two-tenants.ts";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { listFollowUpsDue } from "../../lib/outcomes/list-follow-ups.ts";
import { dueDate } from "../../lib/outcomes/follow-up-schedule.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { getParticipant } from "../../lib/participants/get-participant.ts";
import { recordConsent } from "../../lib/participants/record-consent.ts";
import { withdrawConsent } from "../../lib/participants/withdraw-consent.ts";
import { updateParticipant } from "../../lib/participants/update-participant.ts";
import { updateParticipantSchema } from "../../lib/participants/schemas.ts";
import {
  adminQuery,
  auditCount,
  createTenantWithStaff,
  day,
  expectAppError,
  form,
  isoDay,
  register,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

const it = testWithTwoTenants("out");

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const record = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
  recordOutcome({
    ctx,
    participantId,
    data: form(recordOutcomeSchema, { point: "AT_EXIT", status: "NOT_IN_WORK", observedAt: "2026-03-31", ...input }),
  });

/** A consenting participant enrolled in the tenant's pilot, exited on the given date (open when none). */
async function enrolled(
  t: Tenant,
  options: { start?: string; exit?: string; pilotId?: string; participantId?: string } = {},
) {
  const participantId = options.participantId ?? (await register(t.coordinator, { consentFollowUp: "on" })).id;
  const enrolment = await enrolParticipant({
    ctx: t.coordinator,
    participantId,
    data: { pilotId: options.pilotId ?? t.pilotId, startDate: day(options.start ?? "2026-01-05") },
  });
  if (options.exit) {
    await exitEnrolment({
      ctx: t.coordinator,
      participantId,
      enrolmentId: enrolment.id,
      data: { exitDate: day(options.exit), exitReason: "COMPLETED" },
    });
  }
  const [{ code }] = await adminQuery<{ code: string }>(`select code from "Participant" where id = $1`, [
    participantId,
  ]);
  return { participantId, enrolmentId: enrolment.id, code };
}

describe("recordOutcome", () => {
  it("refuses an enrolment that has not been exited, writing nothing", async ({ tenants: { a } }) => {
    const e = await enrolled(a);
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => record(a.coordinator, e.participantId, { enrolmentId: e.enrolmentId }),
      "INVALID_INPUT",
      {
        fieldErrors: { enrolmentId: "validation.notExited" },
      },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("refuses an observation dated before the exit", async ({ tenants: { a } }) => {
    const e = await enrolled(a, { exit: "2026-03-15" });
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => record(a.coordinator, e.participantId, { enrolmentId: e.enrolmentId, observedAt: "2026-03-14" }),
      "INVALID_INPUT",
      {
        fieldErrors: { observedAt: "validation.beforeExit" },
      },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("records the status at a point after exit, audited", async ({ tenants: { a } }) => {
    const e = await enrolled(a, { exit: "2026-03-15" });
    const outcome = await record(a.coordinator, e.participantId, {
      enrolmentId: e.enrolmentId,
      point: "AT_EXIT",
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      organisationId: a.organisationId,
      observedAt: "2026-03-15",
      note: " Hired ",
    });
    expect(outcome).toMatchObject({
      tenantId: a.tenantId,
      participantId: e.participantId,
      enrolmentId: e.enrolmentId,
      point: "AT_EXIT",
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      organisationId: a.organisationId,
      note: "Hired",
      createdById: a.coordinator.userId,
    });
    expect(isoDay(outcome.observedAt)).toBe("2026-03-15");
    const [event] = await adminQuery(
      `select "actorId", "entityType", "entityId", details from "AuditEvent" where action = 'outcome.recorded' and "participantId" = $1`,
      [e.participantId],
    );
    expect(event).toEqual({
      actorId: a.coordinator.userId,
      entityType: "Outcome",
      entityId: outcome.id,
      details: { point: "AT_EXIT", status: "PERMANENT_JOB" },
    });
    const details = await getParticipant(a.coordinator, e.participantId);
    expect(details.outcomes.map((o) => ({ id: o.id, organisation: o.organisation }))).toEqual([
      { id: outcome.id, organisation: { name: "NAV Test" } },
    ]);
  });

  it("corrects a point recorded again, keeping one row and both audit events", async ({ tenants: { a } }) => {
    const e = await enrolled(a, { exit: "2026-02-28" });
    const first = await record(a.coordinator, e.participantId, {
      enrolmentId: e.enrolmentId,
      point: "MONTHS_3",
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      observedAt: "2026-05-31",
      note: "first",
    });
    const second = await record(a.admin, e.participantId, {
      enrolmentId: e.enrolmentId,
      point: "MONTHS_3",
      status: "EDUCATION",
      observedAt: "2026-06-01",
    });
    expect(second.id).toBe(first.id);
    const rows = await adminQuery(
      `select id, point, status, "workingTime", "observedAt"::text, note, "createdById" from "Outcome" where "enrolmentId" = $1`,
      [e.enrolmentId],
    );
    expect(rows).toEqual([
      {
        id: first.id,
        point: "MONTHS_3",
        status: "EDUCATION",
        workingTime: null,
        observedAt: "2026-06-01",
        note: null,
        createdById: a.coordinator.userId,
      },
    ]);
    expect(await auditCount(a.tenantId, "outcome.recorded", e.participantId)).toBe(2);
    // Another point is another row.
    await record(a.coordinator, e.participantId, {
      enrolmentId: e.enrolmentId,
      point: "AT_EXIT",
      status: "NOT_IN_WORK",
      observedAt: "2026-02-28",
    });
    const [{ n }] = await adminQuery<{ n: number }>(`select count(*)::int n from "Outcome" where "enrolmentId" = $1`, [
      e.enrolmentId,
    ]);
    expect(n).toBe(2);
  });

  it("refuses another participant's enrolment, an unknown organisation and an unknown participant", async ({
    tenants: { a },
  }) => {
    const e = await enrolled(a, { exit: "2026-02-28" });
    const other = await register(a.coordinator);
    const before = await snapshot(a.tenantId);
    await expectAppError(() => record(a.coordinator, other.id, { enrolmentId: e.enrolmentId }), "INVALID_INPUT", {
      fieldErrors: { enrolmentId: "validation.invalid" },
    });
    await expectAppError(
      () =>
        record(a.coordinator, e.participantId, { enrolmentId: e.enrolmentId, organisationId: "nosuchorganisation" }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    await expectAppError(() => record(a.coordinator, "nosuchparticipant", { enrolmentId: e.enrolmentId }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});

describe("listFollowUpsDue", () => {
  let f: Tenant;
  const p: Record<string, Awaited<ReturnType<typeof enrolled>>> = {};
  let secondEnrolment: Awaited<ReturnType<typeof enrolled>>;
  let withdrawnConsentId: string;
  const today = day("2026-06-15");

  const summary = async (ctx: TenantContext, options: { today?: Date; limit?: number }) =>
    (await listFollowUpsDue(ctx, options)).map((r) => ({
      code: r.code,
      point: r.point,
      dueDate: isoDay(r.dueDate),
      overdue: r.overdue,
    }));

  it.beforeAll(async ({ tenants: { b } }) => {
    f = await createTenantWithStaff("follow");
    // P1 (TST-0002) left on 31 January; the at-exit outcome is recorded.
    p.p1 = await enrolled(f, { exit: "2026-01-31" });
    await record(f.coordinator, p.p1.participantId, {
      enrolmentId: p.p1.enrolmentId,
      point: "AT_EXIT",
      observedAt: "2026-01-31",
    });
    // P2 (TST-0003) left on 10 March; P3 (TST-0004) leaves on 20 June.
    p.p2 = await enrolled(f, { exit: "2026-03-10" });
    p.p3 = await enrolled(f, { start: "2026-05-01", exit: "2026-06-20" });
    // P4 (TST-0005) left but withdrew the consent to follow-up.
    p.p4 = await enrolled(f, { exit: "2026-02-01" });
    [{ id: withdrawnConsentId }] = await adminQuery<{ id: string }>(
      `select id from "Consent" where "participantId" = $1 and purpose = 'FOLLOW_UP'`,
      [p.p4.participantId],
    );
    await withdrawConsent({
      ctx: f.coordinator,
      participantId: p.p4.participantId,
      data: { consentId: withdrawnConsentId, withdrawnAt: day("2026-02-10") },
    });
    // P5 (TST-0006) is still enrolled.
    p.p5 = await enrolled(f);
    // P6 (TST-0007) left and then withdrew from the programme altogether.
    p.p6 = await enrolled(f, { exit: "2026-02-01" });
    const [{ version }] = await adminQuery<{ version: number }>(`select version from "Participant" where id = $1`, [
      p.p6.participantId,
    ]);
    await updateParticipant({
      ctx: f.coordinator,
      participantId: p.p6.participantId,
      data: form(updateParticipantSchema, { targetGroup: "IMMIGRANT", status: "WITHDRAWN", version: String(version) }),
    });
    // P7 (TST-0008) left a year ago; the +6 months outcome is recorded.
    p.p7 = await enrolled(f, { start: "2025-01-10", exit: "2025-06-15" });
    await record(f.coordinator, p.p7.participantId, {
      enrolmentId: p.p7.enrolmentId,
      point: "MONTHS_6",
      status: "TEMPORARY_JOB",
      workingTime: "PART_TIME",
      observedAt: "2025-12-20",
    });
    // P8 (TST-0009) left two pilots; the second's at-exit outcome is recorded.
    const pilot2 = await withTenant(
      f,
      (tx) =>
        tx.pilot.create({
          data: { tenantId: f.tenantId, name: "Språkpraksis", kind: "WORKLIFE_LANGUAGE", startDate: day("2026-01-01") },
        }),
      { client: appDb() },
    );
    p.p8 = await enrolled(f, { exit: "2026-04-10" });
    secondEnrolment = await enrolled(f, {
      participantId: p.p8.participantId,
      pilotId: pilot2.id,
      start: "2026-04-11",
      exit: "2026-05-31",
    });
    await record(f.coordinator, p.p8.participantId, {
      enrolmentId: secondEnrolment.enrolmentId,
      point: "AT_EXIT",
      observedAt: "2026-05-31",
    });
    // Another tenant's overdue follow-up must never show.
    await enrolled(b, { exit: "2026-01-15" });
  });

  it("lists overdue and this month's follow-ups without an outcome, by due date", async () => {
    expect(await summary(f.coordinator, { today })).toEqual([
      { code: "TST-0008", point: "AT_EXIT", dueDate: "2025-06-15", overdue: true },
      { code: "TST-0008", point: "MONTHS_3", dueDate: "2025-09-15", overdue: true },
      { code: "TST-0003", point: "AT_EXIT", dueDate: "2026-03-10", overdue: true },
      { code: "TST-0009", point: "AT_EXIT", dueDate: "2026-04-10", overdue: true },
      // 31 January + 3 months is the last day of April.
      { code: "TST-0002", point: "MONTHS_3", dueDate: "2026-04-30", overdue: true },
      { code: "TST-0003", point: "MONTHS_3", dueDate: "2026-06-10", overdue: false },
      { code: "TST-0008", point: "MONTHS_12", dueDate: "2026-06-15", overdue: false },
      // Later this month still counts as due this month.
      { code: "TST-0004", point: "AT_EXIT", dueDate: "2026-06-20", overdue: false },
    ]);
  });

  it("names the participant, the enrolment and the pilot, with due dates as the schedule computes them", async () => {
    const rows = await listFollowUpsDue(f.coordinator, { today });
    const p8 = rows.find((r) => r.code === "TST-0009")!;
    expect(p8).toMatchObject({
      participantId: p.p8.participantId,
      enrolmentId: p.p8.enrolmentId,
      pilotName: "Pilot",
      point: "AT_EXIT",
      name: null,
    });
    expect(isoDay(p8.exitDate)).toBe("2026-04-10");
    for (const row of rows) {
      expect(row.dueDate).toBeInstanceOf(Date);
      expect(isoDay(row.dueDate)).toBe(isoDay(dueDate(row.exitDate, row.point)));
    }
    expect(rows.map((r) => r.participantId)).not.toContain(p.p5.participantId);
    expect(rows.map((r) => r.participantId)).not.toContain(p.p6.participantId);
    expect(rows.map((r) => r.enrolmentId)).not.toContain(secondEnrolment.enrolmentId);
  });

  it("moves the month boundary with today", async () => {
    // On the last day of April, April's follow-ups are due this month, not overdue; June's are not yet listed.
    expect(await summary(f.coordinator, { today: day("2026-04-30") })).toEqual([
      { code: "TST-0008", point: "AT_EXIT", dueDate: "2025-06-15", overdue: true },
      { code: "TST-0008", point: "MONTHS_3", dueDate: "2025-09-15", overdue: true },
      { code: "TST-0003", point: "AT_EXIT", dueDate: "2026-03-10", overdue: true },
      { code: "TST-0009", point: "AT_EXIT", dueDate: "2026-04-10", overdue: false },
      { code: "TST-0002", point: "MONTHS_3", dueDate: "2026-04-30", overdue: false },
    ]);
    // On the first of July, June's follow-ups have become overdue.
    const july = await summary(f.coordinator, { today: day("2026-07-01") });
    expect(july.filter((r) => r.dueDate.startsWith("2026-06"))).toEqual([
      { code: "TST-0003", point: "MONTHS_3", dueDate: "2026-06-10", overdue: true },
      { code: "TST-0008", point: "MONTHS_12", dueDate: "2026-06-15", overdue: true },
      { code: "TST-0004", point: "AT_EXIT", dueDate: "2026-06-20", overdue: true },
    ]);
    expect(july.filter((r) => r.dueDate.startsWith("2026-07")).map((r) => `${r.code} ${r.point} ${r.dueDate}`)).toEqual(
      ["TST-0009 MONTHS_3 2026-07-10", "TST-0002 MONTHS_6 2026-07-31"],
    );
  });

  it("honours the limit", async () => {
    expect((await summary(f.coordinator, { today, limit: 2 })).map((r) => `${r.code} ${r.point}`)).toEqual([
      "TST-0008 AT_EXIT",
      "TST-0008 MONTHS_3",
    ]);
  });

  it("drops a follow-up once its outcome is recorded", async () => {
    await record(f.coordinator, p.p3.participantId, {
      enrolmentId: p.p3.enrolmentId,
      point: "AT_EXIT",
      observedAt: "2026-06-20",
    });
    const rows = await summary(f.coordinator, { today });
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.code)).not.toContain("TST-0004");
  });

  it("lists a participant again once a new consent to follow-up is given", async () => {
    expect((await summary(f.coordinator, { today })).map((r) => r.code)).not.toContain("TST-0005");
    await recordConsent({
      ctx: f.coordinator,
      participantId: p.p4.participantId,
      data: { purpose: "FOLLOW_UP", givenAt: day("2026-06-01") },
    });
    const rows = (await summary(f.coordinator, { today })).filter((r) => r.code === "TST-0005");
    expect(rows).toEqual([
      { code: "TST-0005", point: "AT_EXIT", dueDate: "2026-02-01", overdue: true },
      { code: "TST-0005", point: "MONTHS_3", dueDate: "2026-05-01", overdue: true },
    ]);
  });

  it("shows nothing of another tenant", async ({ tenants: { b } }) => {
    const bRows = await listFollowUpsDue(b.coordinator, { today });
    expect(bRows.length).toBeGreaterThan(0);
    const fRows = await listFollowUpsDue(f.coordinator, { today });
    const fParticipants = await adminQuery<{ id: string }>(`select id from "Participant" where "tenantId" = $1`, [
      f.tenantId,
    ]);
    const own = new Set(fParticipants.map((r) => r.id));
    expect(fRows.every((r) => own.has(r.participantId))).toBe(true);
    expect(bRows.every((r) => !own.has(r.participantId))).toBe(true);
  });
});

describe("tenant isolation", () => {
  it("answers outcome commands naming another tenant's ids with NOT_FOUND or INVALID_INPUT, changing nothing", async ({
    tenants: { a, b },
  }) => {
    const bExited = await enrolled(b, { exit: "2026-02-28" });
    const aExited = await enrolled(a, { exit: "2026-02-28" });
    const beforeA = await snapshot(a.tenantId);
    const beforeB = await snapshot(b.tenantId);
    const ctx = a.coordinator;
    await expectAppError(() => record(ctx, bExited.participantId, { enrolmentId: bExited.enrolmentId }), "NOT_FOUND");
    await expectAppError(
      () => record(ctx, aExited.participantId, { enrolmentId: bExited.enrolmentId }),
      "INVALID_INPUT",
      { fieldErrors: { enrolmentId: "validation.invalid" } },
    );
    await expectAppError(
      () => record(ctx, aExited.participantId, { enrolmentId: aExited.enrolmentId, organisationId: b.organisationId }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    const listed = await listFollowUpsDue(ctx, { today: day("2026-06-15") });
    expect(listed.map((r) => r.enrolmentId)).toContain(aExited.enrolmentId);
    expect(listed.map((r) => r.enrolmentId)).not.toContain(bExited.enrolmentId);
    expect(await snapshot(b.tenantId)).toEqual(beforeB);
    expect(await snapshot(a.tenantId)).toEqual(beforeA);
  });
});

describe("a partner viewer", () => {
  it("gets NOT_FOUND from recordOutcome and listFollowUpsDue, and changes nothing", async ({ tenants: { a } }) => {
    const e = await enrolled(a, { exit: "2026-02-28" });
    const before = await snapshot(a.tenantId);
    await expectAppError(() => record(a.partner, e.participantId, { enrolmentId: e.enrolmentId }), "NOT_FOUND");
    await expectAppError(() => listFollowUpsDue(a.partner, { today: day("2026-06-15") }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});
