import { afterAll, describe, expect } from "vitest";
import { testWithTwoTenants } from "../support/two-tenants.ts";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { AppError } from "../../lib/errors.ts";
import { addActivity } from "../../lib/pathways/add-activity.ts";
import { endActivity } from "../../lib/pathways/end-activity.ts";
import { updateActivity } from "../../lib/pathways/update-activity.ts";
import { addActivitySchema, endActivitySchema, updateActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { enrolSchema, exitEnrolmentSchema } from "../../lib/enrolments/schemas.ts";
import { updateParticipant } from "../../lib/participants/update-participant.ts";
import { updateParticipantSchema } from "../../lib/participants/schemas.ts";
import { withdrawConsent } from "../../lib/participants/withdraw-consent.ts";
import { adminQuery, auditCount, expectAppError, form, isoDay, register, snapshot } from "./helpers/coordinator.ts";

const it = testWithTwoTenants("path");

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const add = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
  addActivity({
    ctx,
    participantId,
    data: form(addActivitySchema, { type: "WORK_PRACTICE", status: "ONGOING", startDate: "2026-03-01", ...input }),
  });
const edit = (ctx: TenantContext, participantId: string, activityId: string, input: Record<string, unknown>) =>
  updateActivity({
    ctx,
    participantId,
    activityId,
    data: form(updateActivitySchema, { type: "WORK_PRACTICE", status: "ONGOING", startDate: "2026-03-01", ...input }),
  });
const end = (ctx: TenantContext, participantId: string, activityId: string, input: Record<string, unknown>) =>
  endActivity({ ctx, participantId, activityId, data: form(endActivitySchema, { status: "COMPLETED", ...input }) });
const enrol = (ctx: TenantContext, participantId: string, input: Record<string, unknown>) =>
  enrolParticipant({ ctx, participantId, data: form(enrolSchema, { startDate: "2026-02-01", ...input }) });
const exit = (ctx: TenantContext, participantId: string, enrolmentId: string, input: Record<string, unknown>) =>
  exitEnrolment({
    ctx,
    participantId,
    enrolmentId,
    data: form(exitEnrolmentSchema, { exitReason: "COMPLETED", ...input }),
  });

const activityRow = async (id: string) =>
  (
    await adminQuery(
      `select type, status, "organisationId", "enrolmentId", "startDate"::text, "endDate"::text, "hoursPerWeek"::text, note, version from "Activity" where id = $1`,
      [id],
    )
  )[0];
const participantRow = async (id: string) =>
  (
    await adminQuery<{ status: string; version: number }>(`select status, version from "Participant" where id = $1`, [
      id,
    ])
  )[0];

describe("activities", () => {
  it("adds a step with its organisation, hours and note, audited", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const activity = await add(a.coordinator, p.id, {
      type: "LANGUAGE_TRAINING",
      status: "ONGOING",
      startDate: "2026-03-01",
      organisationId: a.organisationId,
      hoursPerWeek: "7,5",
      note: "  Evening class ",
    });
    expect(activity).toMatchObject({ participantId: p.id, createdById: a.coordinator.userId, version: 1 });
    expect(await activityRow(activity.id)).toEqual({
      type: "LANGUAGE_TRAINING",
      status: "ONGOING",
      organisationId: a.organisationId,
      enrolmentId: null,
      startDate: "2026-03-01",
      endDate: null,
      hoursPerWeek: "7.5",
      note: "Evening class",
      version: 1,
    });
    const [event] = await adminQuery(
      `select "actorId", "entityId", details from "AuditEvent" where action = 'activity.created' and "participantId" = $1`,
      [p.id],
    );
    expect(event).toEqual({
      actorId: a.coordinator.userId,
      entityId: activity.id,
      details: { type: "LANGUAGE_TRAINING", status: "ONGOING" },
    });
  });

  it("links a step to the participant's own enrolment only", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const other = await register(a.coordinator, { consentFollowUp: "on" });
    const enrolment = await enrol(a.coordinator, p.id, { pilotId: a.pilotId });
    const othersEnrolment = await enrol(a.coordinator, other.id, { pilotId: a.pilotId });
    const linked = await add(a.coordinator, p.id, { enrolmentId: enrolment.id });
    expect(linked.enrolmentId).toBe(enrolment.id);
    const before = await snapshot(a.tenantId);
    await expectAppError(() => add(a.coordinator, p.id, { enrolmentId: othersEnrolment.id }), "INVALID_INPUT", {
      fieldErrors: { enrolmentId: "validation.invalid" },
    });
    await expectAppError(() => add(a.coordinator, p.id, { organisationId: "nosuchorganisation" }), "INVALID_INPUT", {
      fieldErrors: { organisationId: "validation.unknownOrganisation" },
    });
    await expectAppError(() => add(a.coordinator, "nosuchparticipant", {}), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("edits a step, bumping its version and auditing what changed", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const activity = await add(a.coordinator, p.id, { type: "MENTORING", status: "PLANNED", startDate: "2026-04-01" });
    await edit(a.coordinator, p.id, activity.id, {
      type: "MENTORING",
      status: "ONGOING",
      startDate: "2026-04-02",
      organisationId: a.organisationId,
      hoursPerWeek: "2",
      version: "1",
    });
    expect(await activityRow(activity.id)).toMatchObject({
      status: "ONGOING",
      startDate: "2026-04-02",
      organisationId: a.organisationId,
      hoursPerWeek: "2.0",
      version: 2,
    });
    const [event] = await adminQuery<{ details: { changed: string[] } }>(
      `select details from "AuditEvent" where action = 'activity.updated' and "entityId" = $1`,
      [activity.id],
    );
    expect(event.details.changed.sort()).toEqual(["hoursPerWeek", "organisationId", "startDate", "status"]);
  });

  it("refuses an edit made from an outdated version, keeping the first edit", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const activity = await add(a.coordinator, p.id, { note: "original" });
    await edit(a.coordinator, p.id, activity.id, { note: "first edit", version: "1" });
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => edit(a.admin, p.id, activity.id, { note: "second edit", status: "PLANNED", version: "1" }),
      "CONFLICT",
      { messageKey: "errors:conflict" },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
    expect(await activityRow(activity.id)).toMatchObject({ note: "first edit", status: "ONGOING", version: 2 });
    // Ending from the outdated version is refused as well.
    await expectAppError(() => end(a.admin, p.id, activity.id, { endDate: "2026-05-01", version: "1" }), "CONFLICT", {
      messageKey: "errors:conflict",
    });
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("lets exactly one of two simultaneous edits of the same version win", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const activity = await add(a.coordinator, p.id, {});
    const results = await Promise.allSettled([
      edit(a.coordinator, p.id, activity.id, { note: "left", version: "1" }),
      edit(a.admin, p.id, activity.id, { note: "right", version: "1" }),
    ]);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(AppError);
    expect((rejected[0].reason as AppError).code).toBe("CONFLICT");
    const row = await activityRow(activity.id);
    expect(row.version).toBe(2);
    expect(["left", "right"]).toContain(row.note);
    expect(await auditCount(a.tenantId, "activity.updated", p.id)).toBe(1);
  });

  it("finds a step only through its own participant", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const other = await register(a.coordinator);
    const activity = await add(a.coordinator, p.id, {});
    const before = await snapshot(a.tenantId);
    await expectAppError(() => edit(a.coordinator, other.id, activity.id, { note: "x", version: "1" }), "NOT_FOUND");
    await expectAppError(
      () => end(a.coordinator, other.id, activity.id, { endDate: "2026-05-01", version: "1" }),
      "NOT_FOUND",
    );
    await expectAppError(() => edit(a.coordinator, p.id, "nosuchactivity", { version: "1" }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("ends a step as completed or interrupted, never before it started", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator);
    const first = await add(a.coordinator, p.id, { startDate: "2026-03-01" });
    const before = await snapshot(a.tenantId);
    await expectAppError(
      () => end(a.coordinator, p.id, first.id, { endDate: "2026-02-28", version: "1" }),
      "INVALID_INPUT",
      {
        fieldErrors: { endDate: "validation.endBeforeStart" },
      },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
    await end(a.coordinator, p.id, first.id, { endDate: "2026-03-01", version: "1" });
    expect(await activityRow(first.id)).toMatchObject({ status: "COMPLETED", endDate: "2026-03-01", version: 2 });
    const second = await add(a.coordinator, p.id, {});
    await end(a.admin, p.id, second.id, { status: "INTERRUPTED", endDate: "2026-04-15", version: "1" });
    expect(await activityRow(second.id)).toMatchObject({ status: "INTERRUPTED", endDate: "2026-04-15", version: 2 });
    const events = await adminQuery(
      `select "actorId", details from "AuditEvent" where action = 'activity.ended' and "participantId" = $1 order by at`,
      [p.id],
    );
    expect(events).toEqual([
      { actorId: a.coordinator.userId, details: { status: "COMPLETED" } },
      { actorId: a.admin.userId, details: { status: "INTERRUPTED" } },
    ]);
  });
});

describe("enrolments", () => {
  it("refuses to enrol a participant without consent to follow-up, writing nothing", async ({ tenants: { a } }) => {
    // The fixture's participant has no consents at all; this one consents to statistics only.
    const statisticsOnly = await register(a.coordinator, { consentStatistics: "on" });
    const anonymous = await register(a.coordinator, { anonymous: "on" });
    const before = await snapshot(a.tenantId);
    for (const participantId of [a.participantId, statisticsOnly.id, anonymous.id]) {
      const error = await expectAppError(
        () => enrol(a.coordinator, participantId, { pilotId: a.pilotId }),
        "INVALID_INPUT",
        {
          fieldErrors: { pilotId: "validation.noFollowUpConsent" },
        },
      );
      expect(error.messageKey).toBe("errors:invalidInput");
    }
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("refuses to enrol once the consent to follow-up is withdrawn", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const [{ id }] = await adminQuery<{ id: string }>(
      `select id from "Consent" where "participantId" = $1 and purpose = 'FOLLOW_UP'`,
      [p.id],
    );
    await withdrawConsent({
      ctx: a.coordinator,
      participantId: p.id,
      data: { consentId: id, withdrawnAt: new Date("2026-03-01T00:00:00Z") },
    });
    const before = await snapshot(a.tenantId);
    await expectAppError(() => enrol(a.coordinator, p.id, { pilotId: a.pilotId }), "INVALID_INPUT", {
      fieldErrors: { pilotId: "validation.noFollowUpConsent" },
    });
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("enrols a consenting participant, once per pilot at a time, audited", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const enrolment = await enrol(a.coordinator, p.id, { pilotId: a.pilotId, startDate: "2026-02-03" });
    expect(enrolment).toMatchObject({
      tenantId: a.tenantId,
      participantId: p.id,
      pilotId: a.pilotId,
      exitDate: null,
      exitReason: null,
    });
    expect(isoDay(enrolment.startDate)).toBe("2026-02-03");
    const [event] = await adminQuery(
      `select "actorId", "entityId", details from "AuditEvent" where action = 'enrolment.created' and "participantId" = $1`,
      [p.id],
    );
    expect(event).toEqual({ actorId: a.coordinator.userId, entityId: enrolment.id, details: { pilotId: a.pilotId } });

    const before = await snapshot(a.tenantId);
    await expectAppError(() => enrol(a.coordinator, p.id, { pilotId: a.pilotId }), "CONFLICT", {
      fieldErrors: { pilotId: "validation.alreadyEnrolled" },
    });
    await expectAppError(() => enrol(a.coordinator, p.id, { pilotId: "nosuchpilot" }), "INVALID_INPUT", {
      fieldErrors: { pilotId: "validation.invalid" },
    });
    await expectAppError(() => enrol(a.coordinator, "nosuchparticipant", { pilotId: a.pilotId }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("refuses an exit before the start, changing nothing", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const enrolment = await enrol(a.coordinator, p.id, { pilotId: a.pilotId, startDate: "2026-02-10" });
    const before = await snapshot(a.tenantId);
    await expectAppError(() => exit(a.coordinator, p.id, enrolment.id, { exitDate: "2026-02-09" }), "INVALID_INPUT", {
      fieldErrors: { exitDate: "validation.exitBeforeStart" },
    });
    expect(await snapshot(a.tenantId)).toEqual(before);
    expect(await participantRow(p.id)).toEqual({ status: "ACTIVE", version: 1 });
  });

  it("completes the participant when the last open enrolment ends", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const pilot2 = await withTenant(
      a,
      (tx) =>
        tx.pilot.create({
          data: {
            tenantId: a.tenantId,
            name: "Second pilot",
            kind: "WORKLIFE_LANGUAGE",
            startDate: new Date("2026-01-01"),
          },
        }),
      { client: appDb() },
    );
    const first = await enrol(a.coordinator, p.id, { pilotId: a.pilotId, startDate: "2026-02-01" });
    const second = await enrol(a.coordinator, p.id, { pilotId: pilot2.id, startDate: "2026-02-15" });

    await exit(a.coordinator, p.id, first.id, { exitDate: "2026-05-31", exitReason: "GOT_JOB" });
    expect(await participantRow(p.id)).toEqual({ status: "ACTIVE", version: 1 });
    const [row] = await adminQuery(`select "exitDate"::text, "exitReason" from "Enrolment" where id = $1`, [first.id]);
    expect(row).toEqual({ exitDate: "2026-05-31", exitReason: "GOT_JOB" });

    await exit(a.admin, p.id, second.id, { exitDate: "2026-06-30", exitReason: "COMPLETED" });
    expect(await participantRow(p.id)).toEqual({ status: "COMPLETED", version: 2 });
    const events = await adminQuery(
      `select "actorId", "entityId", details from "AuditEvent" where action = 'enrolment.exited' and "participantId" = $1 order by at`,
      [p.id],
    );
    expect(events).toEqual([
      { actorId: a.coordinator.userId, entityId: first.id, details: { exitReason: "GOT_JOB" } },
      { actorId: a.admin.userId, entityId: second.id, details: { exitReason: "COMPLETED" } },
    ]);

    // An enrolment is exited once.
    const before = await snapshot(a.tenantId);
    await expectAppError(() => exit(a.coordinator, p.id, second.id, { exitDate: "2026-07-01" }), "CONFLICT", {
      fieldErrors: { exitDate: "validation.alreadyExited" },
    });
    expect(await snapshot(a.tenantId)).toEqual(before);

    // A new enrolment makes the participant active again.
    await enrol(a.coordinator, p.id, { pilotId: a.pilotId, startDate: "2026-08-01" });
    expect(await participantRow(p.id)).toEqual({ status: "ACTIVE", version: 3 });
  });

  it("completes a paused participant, but leaves a withdrawn one withdrawn", async ({ tenants: { a } }) => {
    const paused = await register(a.coordinator, { consentFollowUp: "on" });
    const withdrawn = await register(a.coordinator, { consentFollowUp: "on" });
    const e1 = await enrol(a.coordinator, paused.id, { pilotId: a.pilotId });
    const e2 = await enrol(a.coordinator, withdrawn.id, { pilotId: a.pilotId });
    const setStatus = (id: string, status: string) =>
      updateParticipant({
        ctx: a.coordinator,
        participantId: id,
        data: form(updateParticipantSchema, { targetGroup: "IMMIGRANT", status, version: "1" }),
      });
    await setStatus(paused.id, "PAUSED");
    await setStatus(withdrawn.id, "WITHDRAWN");
    await exit(a.coordinator, paused.id, e1.id, { exitDate: "2026-04-01" });
    await exit(a.coordinator, withdrawn.id, e2.id, { exitDate: "2026-04-01", exitReason: "WITHDREW" });
    expect(await participantRow(paused.id)).toEqual({ status: "COMPLETED", version: 3 });
    expect(await participantRow(withdrawn.id)).toEqual({ status: "WITHDRAWN", version: 2 });
  });

  it("finds an enrolment only through its own participant", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const other = await register(a.coordinator, { consentFollowUp: "on" });
    const enrolment = await enrol(a.coordinator, p.id, { pilotId: a.pilotId });
    const before = await snapshot(a.tenantId);
    await expectAppError(() => exit(a.coordinator, other.id, enrolment.id, { exitDate: "2026-04-01" }), "NOT_FOUND");
    await expectAppError(() => exit(a.coordinator, p.id, "nosuchenrolment", { exitDate: "2026-04-01" }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});

describe("tenant isolation", () => {
  let bParticipantId: string;
  let bActivityId: string;
  let bEnrolmentId: string;

  it.beforeAll(async ({ tenants: { b } }) => {
    const p = await register(b.coordinator, { consentFollowUp: "on" });
    bParticipantId = p.id;
    bEnrolmentId = (await enrol(b.coordinator, p.id, { pilotId: b.pilotId })).id;
    bActivityId = (await add(b.coordinator, p.id, { organisationId: b.organisationId, enrolmentId: bEnrolmentId })).id;
  });

  it("answers every pathway and enrolment command naming another tenant's ids with NOT_FOUND or INVALID_INPUT, changing nothing", async ({
    tenants: { a, b },
  }) => {
    const own = await register(a.coordinator, { consentFollowUp: "on" });
    const ownActivity = await add(a.coordinator, own.id, {});
    const ownEnrolment = await enrol(a.coordinator, own.id, { pilotId: a.pilotId });
    const beforeA = await snapshot(a.tenantId);
    const beforeB = await snapshot(b.tenantId);
    const ctx = a.coordinator;

    // Another tenant's participant.
    await expectAppError(() => add(ctx, bParticipantId, {}), "NOT_FOUND");
    await expectAppError(() => edit(ctx, bParticipantId, bActivityId, { note: "x", version: "1" }), "NOT_FOUND");
    await expectAppError(
      () => end(ctx, bParticipantId, bActivityId, { endDate: "2026-05-01", version: "1" }),
      "NOT_FOUND",
    );
    await expectAppError(() => enrol(ctx, bParticipantId, { pilotId: b.pilotId }), "NOT_FOUND");
    await expectAppError(() => exit(ctx, bParticipantId, bEnrolmentId, { exitDate: "2026-05-01" }), "NOT_FOUND");
    // Own participant, another tenant's activity, enrolment, organisation or pilot.
    await expectAppError(() => edit(ctx, own.id, bActivityId, { note: "x", version: "1" }), "NOT_FOUND");
    await expectAppError(() => end(ctx, own.id, bActivityId, { endDate: "2026-05-01", version: "1" }), "NOT_FOUND");
    await expectAppError(() => exit(ctx, own.id, bEnrolmentId, { exitDate: "2026-05-01" }), "NOT_FOUND");
    await expectAppError(() => add(ctx, own.id, { organisationId: b.organisationId }), "INVALID_INPUT", {
      fieldErrors: { organisationId: "validation.unknownOrganisation" },
    });
    await expectAppError(() => add(ctx, own.id, { enrolmentId: bEnrolmentId }), "INVALID_INPUT", {
      fieldErrors: { enrolmentId: "validation.invalid" },
    });
    await expectAppError(
      () => edit(ctx, own.id, ownActivity.id, { organisationId: b.organisationId, version: "1" }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    await expectAppError(
      () => edit(ctx, own.id, ownActivity.id, { enrolmentId: bEnrolmentId, version: "1" }),
      "INVALID_INPUT",
      {
        fieldErrors: { enrolmentId: "validation.invalid" },
      },
    );
    await expectAppError(() => enrol(ctx, own.id, { pilotId: b.pilotId }), "INVALID_INPUT", {
      fieldErrors: { pilotId: "validation.invalid" },
    });

    expect(await snapshot(b.tenantId)).toEqual(beforeB);
    expect(await snapshot(a.tenantId)).toEqual(beforeA);
    // The participant's own enrolment is still open.
    expect(
      (await adminQuery(`select "exitDate" from "Enrolment" where id = $1`, [ownEnrolment.id]))[0].exitDate,
    ).toBeNull();
  });
});

describe("a partner viewer", () => {
  it("gets NOT_FOUND from every pathway and enrolment command, and changes nothing", async ({ tenants: { a } }) => {
    const p = await register(a.coordinator, { consentFollowUp: "on" });
    const activity = await add(a.coordinator, p.id, {});
    const enrolment = await enrol(a.coordinator, p.id, { pilotId: a.pilotId });
    const before = await snapshot(a.tenantId);
    const ctx = a.partner;
    await expectAppError(() => add(ctx, p.id, {}), "NOT_FOUND");
    await expectAppError(() => edit(ctx, p.id, activity.id, { note: "x", version: "1" }), "NOT_FOUND");
    await expectAppError(() => end(ctx, p.id, activity.id, { endDate: "2026-05-01", version: "1" }), "NOT_FOUND");
    await expectAppError(() => enrol(ctx, p.id, { pilotId: a.pilotId }), "NOT_FOUND");
    await expectAppError(() => exit(ctx, p.id, enrolment.id, { exitDate: "2026-05-01" }), "NOT_FOUND");
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});
