import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { summariseFollowUpsDue } from "../../lib/outcomes/summarise-follow-ups.ts";
import { presetFromQuery, recordOutcomeHref } from "../../lib/outcomes/follow-up-links.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import {
  createTenantWithStaff,
  day,
  expectAppError,
  form,
  isoDay,
  register,
  type Tenant,
} from "./helpers/coordinator.ts";

// The home page's follow-ups: overdue first, then this month's; nothing upcoming, recorded or from another tenant.

let a: Tenant;
let b: Tenant;
const today = day("2026-06-15");
const ids: Record<string, { participantId: string; enrolmentId: string }> = {};

async function exited(t: Tenant, exit: string, start = "2025-01-05") {
  const { id: participantId } = await register(t.coordinator, { consentFollowUp: "on" });
  const enrolment = await enrolParticipant({
    ctx: t.coordinator,
    participantId,
    data: { pilotId: t.pilotId, startDate: day(start) },
  });
  await exitEnrolment({
    ctx: t.coordinator,
    participantId,
    enrolmentId: enrolment.id,
    data: { exitDate: day(exit), exitReason: "GOT_JOB" },
  });
  return { participantId, enrolmentId: enrolment.id };
}

beforeAll(async () => {
  a = await createTenantWithStaff("home-a");
  b = await createTenantWithStaff("home-b");
  // Due this month early (at exit, 2 June), overdue (at exit, 20 May) and both overdue and +3 due later this month
  // (left 30 March: at exit overdue, +3 on 30 June). A later exit (1 July) is not due yet.
  ids.early = await exited(a, "2026-06-02", "2026-01-05");
  ids.overdue = await exited(a, "2026-05-20", "2026-01-05");
  ids.march = await exited(a, "2026-03-30", "2026-01-05");
  ids.recorded = await exited(a, "2026-05-25", "2026-01-05");
  await recordOutcome({
    ctx: a.coordinator,
    participantId: ids.recorded.participantId,
    data: form(recordOutcomeSchema, {
      enrolmentId: ids.recorded.enrolmentId,
      point: "AT_EXIT",
      status: "NOT_IN_WORK",
      observedAt: "2026-05-25",
    }),
  });
  // Another tenant's overdue follow-up.
  ids.other = await exited(b, "2026-04-01", "2026-01-05");
});

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

describe("summariseFollowUpsDue", () => {
  it("puts every overdue follow-up before this month's, each group by due date", async () => {
    const s = await summariseFollowUpsDue(a.coordinator, { today });
    const rows = s.items.map((r) => [r.participantId, r.point, isoDay(r.dueDate), r.overdue]);
    expect(rows).toEqual([
      [ids.march.participantId, "AT_EXIT", "2026-03-30", true],
      [ids.overdue.participantId, "AT_EXIT", "2026-05-20", true],
      [ids.early.participantId, "AT_EXIT", "2026-06-02", false],
      [ids.march.participantId, "MONTHS_3", "2026-06-30", false],
    ]);
    expect(s).toMatchObject({ overdue: 2, dueThisMonth: 2 });
  });

  it("lists only what is due: nothing recorded, nothing upcoming", async () => {
    const s = await summariseFollowUpsDue(a.coordinator, { today });
    expect(s.items.map((r) => r.participantId)).not.toContain(ids.recorded.participantId);
    // The +3 of the 20 May exit (20 August) and the +6 of March (30 September) are upcoming, not listed.
    expect(s.items.every((r) => r.dueDate < day("2026-07-01"))).toBe(true);
    // Early in the year nothing of this is due yet.
    expect(await summariseFollowUpsDue(a.coordinator, { today: day("2026-02-15") })).toEqual({
      overdue: 0,
      dueThisMonth: 0,
      items: [],
    });
  });

  it("keeps the counts whole when it shows only the first few, overdue first", async () => {
    const s = await summariseFollowUpsDue(a.coordinator, { today, show: 3 });
    expect(s).toMatchObject({ overdue: 2, dueThisMonth: 2 });
    expect(s.items.map((r) => r.overdue)).toEqual([true, true, false]);
  });

  it("shows each tenant only its own follow-ups, to the administrator as to the coordinator", async () => {
    const mine = await summariseFollowUpsDue(a.admin, { today });
    expect(mine.items.map((r) => r.participantId)).not.toContain(ids.other.participantId);
    expect(mine.overdue + mine.dueThisMonth).toBe(4);
    const theirs = await summariseFollowUpsDue(b.coordinator, { today });
    expect(theirs.items.map((r) => r.participantId)).toEqual([ids.other.participantId]);
  });

  it("refuses a partner viewer, who has no participant access (as not found)", async () => {
    await expectAppError(() => summariseFollowUpsDue(a.partner, { today }), "NOT_FOUND");
  });
});

describe("follow-up links", () => {
  it("opens the outcome form at the point, and accepts only the participant's exited enrolments", () => {
    const href = recordOutcomeHref("/nb/t/inderoy", { participantId: "p1", enrolmentId: "e1", point: "MONTHS_3" });
    expect(href).toBe("/nb/t/inderoy/participants/p1?record=MONTHS_3&enrolment=e1#outcome-form");
    const query = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(presetFromQuery(query, ["e1"])).toEqual({ enrolmentId: "e1", point: "MONTHS_3" });
    expect(presetFromQuery(query, ["e2"])).toBeNull();
    expect(presetFromQuery({ record: "MONTHS_5", enrolment: "e1" }, ["e1"])).toBeNull();
    expect(presetFromQuery({ record: ["AT_EXIT", "MONTHS_3"], enrolment: "e1" }, ["e1"])).toBeNull();
    expect(presetFromQuery({}, ["e1"])).toBeNull();
  });
});
