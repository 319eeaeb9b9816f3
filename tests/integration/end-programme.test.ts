import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { endProgramme } from "../../lib/enrolments/end-programme.ts";
import { endProgrammeSchema } from "../../lib/enrolments/schemas.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { addActivity } from "../../lib/pathways/add-activity.ts";
import { addActivitySchema } from "../../lib/pathways/schemas.ts";
import { suggestExitStatus } from "../../lib/enrolments/exit-suggestion.ts";
import {
  adminQuery,
  auditCount,
  createTenantWithStaff,
  day,
  expectAppError,
  form,
  register,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await createTenantWithStaff("end-a");
  b = await createTenantWithStaff("end-b");
});

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

/** A consenting participant in the pilot with an ongoing course, a job and a step planned after the exit. */
async function inProgramme(t: Tenant) {
  const { id: participantId } = await register(t.coordinator, { consentFollowUp: "on" });
  const enrolment = await enrolParticipant({
    ctx: t.coordinator,
    participantId,
    data: { pilotId: t.pilotId, startDate: day("2026-01-05") },
  });
  const add = (input: Record<string, unknown>) =>
    addActivity({ ctx: t.coordinator, participantId, data: form(addActivitySchema, input) });
  const course = await add({ type: "LANGUAGE_TRAINING", status: "ONGOING", startDate: "2026-01-10" });
  const job = await add({
    type: "EMPLOYMENT",
    status: "ONGOING",
    startDate: "2026-09-01",
    organisationId: t.organisationId,
    hoursPerWeek: "20",
  });
  const planned = await add({ type: "MENTORING", status: "PLANNED", startDate: "2027-01-10" });
  return { participantId, enrolmentId: enrolment.id, course, job, planned };
}

const input = (extra: Record<string, unknown> = {}) => ({
  exitDate: "2026-10-01",
  exitReason: "GOT_JOB",
  status: "PERMANENT_JOB",
  workingTime: "PART_TIME",
  ...extra,
});

describe("endProgramme", () => {
  it("exits, records the status at exit and closes the chosen activities in one go", async () => {
    const p = await inProgramme(a);
    await endProgramme({
      ctx: a.coordinator,
      participantId: p.participantId,
      enrolmentId: p.enrolmentId,
      data: form(
        endProgrammeSchema,
        input({ organisationId: a.organisationId, closeActivityIds: [p.course.id, p.planned.id] }),
      ),
    });
    const [enrolment] = await adminQuery<{ exitDate: Date; exitReason: string }>(
      `select "exitDate", "exitReason" from "Enrolment" where id = $1`,
      [p.enrolmentId],
    );
    expect(enrolment).toEqual({ exitDate: day("2026-10-01"), exitReason: "GOT_JOB" });
    const outcomes = await adminQuery(
      `select point, status, "workingTime", "organisationId", "observedAt" from "Outcome" where "enrolmentId" = $1`,
      [p.enrolmentId],
    );
    expect(outcomes).toEqual([
      {
        point: "AT_EXIT",
        status: "PERMANENT_JOB",
        workingTime: "PART_TIME",
        organisationId: a.organisationId,
        observedAt: day("2026-10-01"),
      },
    ]);
    const activities = await adminQuery<{ id: string; status: string; endDate: Date | null }>(
      `select id, status, "endDate" from "Activity" where "participantId" = $1`,
      [p.participantId],
    );
    const byId = Object.fromEntries(activities.map((x) => [x.id, x]));
    expect(byId[p.course.id]).toMatchObject({ status: "COMPLETED", endDate: day("2026-10-01") });
    // Planned after the exit: interrupted, ending the day it would have started.
    expect(byId[p.planned.id]).toMatchObject({ status: "INTERRUPTED", endDate: day("2027-01-10") });
    // Not chosen: the job goes on.
    expect(byId[p.job.id]).toMatchObject({ status: "ONGOING", endDate: null });
    const [participant] = await adminQuery<{ status: string }>(`select status from "Participant" where id = $1`, [
      p.participantId,
    ]);
    expect(participant.status).toBe("COMPLETED");
    expect(await auditCount(a.tenantId, "enrolment.exited", p.participantId)).toBe(1);
    expect(await auditCount(a.tenantId, "outcome.recorded", p.participantId)).toBe(1);
    expect(await auditCount(a.tenantId, "activity.ended", p.participantId)).toBe(2);
  });

  it("changes nothing when a later part is refused (one transaction)", async () => {
    const p = await inProgramme(a);
    const other = await inProgramme(a);
    const before = await snapshot(a.tenantId);
    // Another participant's activity among those to close: refused after the checks of the exit passed.
    await expectAppError(
      () =>
        endProgramme({
          ctx: a.coordinator,
          participantId: p.participantId,
          enrolmentId: p.enrolmentId,
          data: form(endProgrammeSchema, input({ closeActivityIds: [p.course.id, other.course.id] })),
        }),
      "INVALID_INPUT",
      { fieldErrors: { closeActivityIds: "validation.invalid" } },
    );
    // An organisation of another tenant as employer.
    await expectAppError(
      () =>
        endProgramme({
          ctx: a.coordinator,
          participantId: p.participantId,
          enrolmentId: p.enrolmentId,
          data: form(endProgrammeSchema, input({ organisationId: b.organisationId, closeActivityIds: [p.course.id] })),
        }),
      "INVALID_INPUT",
    );
    // An exit before the enrolment began.
    await expectAppError(
      () =>
        endProgramme({
          ctx: a.coordinator,
          participantId: p.participantId,
          enrolmentId: p.enrolmentId,
          data: form(endProgrammeSchema, input({ exitDate: "2025-12-01" })),
        }),
      "INVALID_INPUT",
      { fieldErrors: { exitDate: "validation.exitBeforeStart" } },
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });

  it("validates the form with translation keys", () => {
    const parse = (extra: Record<string, unknown>) => endProgrammeSchema.safeParse(input(extra));
    const keys = (r: ReturnType<typeof parse>) =>
      r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    expect(keys(parse({ workingTime: "" }))).toEqual({ workingTime: "validation.workingTimeRequired" });
    expect(keys(parse({ status: "EDUCATION" }))).toEqual({ workingTime: "validation.workingTimeOnlyForJobs" });
    expect(keys(parse({ exitDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }))).toEqual({
      exitDate: "validation.future",
    });
    expect(parse({ exitReason: "" }).success).toBe(false);
    expect(parse({ closeActivityIds: "abc" }).data?.closeActivityIds).toEqual(["abc"]);
    expect(parse({ closeActivityIds: ["Not an id!"] }).success).toBe(false);
  });

  it("refuses a partner and another tenant's enrolment, writing nothing", async () => {
    const p = await inProgramme(a);
    const before = await snapshot(a.tenantId);
    const data = form(endProgrammeSchema, input());
    await expectAppError(
      () => endProgramme({ ctx: a.partner, participantId: p.participantId, enrolmentId: p.enrolmentId, data }),
      "NOT_FOUND",
    );
    await expectAppError(
      () => endProgramme({ ctx: b.coordinator, participantId: p.participantId, enrolmentId: p.enrolmentId, data }),
      "NOT_FOUND",
    );
    expect(await snapshot(a.tenantId)).toEqual(before);
  });
});

describe("suggestExitStatus", () => {
  const act = (type: string, extra: Partial<Parameters<typeof suggestExitStatus>[1][number]> = {}) => ({
    type,
    status: "ONGOING",
    startDate: "2026-01-01",
    endDate: null,
    organisationId: null,
    hoursPerWeek: null,
    ...extra,
  });
  it("takes the job and its employer from the latest employment", () => {
    expect(
      suggestExitStatus("GOT_JOB", [
        act("WORK_PRACTICE", { organisationId: "o1", hoursPerWeek: 22.5 }),
        act("EMPLOYMENT", { startDate: "2026-05-01", organisationId: "o2", hoursPerWeek: 37.5 }),
      ]),
    ).toEqual({ status: "PERMANENT_JOB", workingTime: "FULL_TIME", organisationId: "o2" });
    expect(
      suggestExitStatus("GOT_JOB", [
        act("EMPLOYMENT", { endDate: "2027-01-01", organisationId: "o2", hoursPerWeek: 20 }),
      ]),
    ).toEqual({ status: "TEMPORARY_JOB", workingTime: "PART_TIME", organisationId: "o2" });
  });
  it("takes education from the latest school step, and leaves the rest to the coordinator", () => {
    expect(suggestExitStatus("STARTED_EDUCATION", [act("VOCATIONAL_TRAINING", { organisationId: "s" })])).toEqual({
      status: "VOCATIONAL_TRAINING",
      workingTime: null,
      organisationId: "s",
    });
    expect(suggestExitStatus("MOVED", [act("EMPLOYMENT")]).status).toBe("UNKNOWN");
  });
});
