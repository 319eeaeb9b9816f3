import { describe, expect, it } from "vitest";
import { buildTimeline, todayIn } from "@/lib/pathways/timeline";

const activity = (id: string, status: string, startDate: string, enrolmentId: string | null = "e1") => ({
  id,
  type: "LANGUAGE_TRAINING",
  status,
  organisationId: null,
  organisationName: null,
  enrolmentId,
  startDate,
  endDate: null,
  hoursPerWeek: null,
  note: null,
  version: 1,
});

describe("the participant's timeline", () => {
  const story = buildTimeline({
    today: "2026-12-05",
    enrolments: [
      { id: "e1", pilotName: "Språk på jobb", startDate: "2026-01-10", exitDate: "2026-06-30", exitReason: "GOT_JOB" },
    ],
    activities: [
      activity("a-done", "COMPLETED", "2026-01-10"),
      activity("a-stopped", "INTERRUPTED", "2026-03-01"),
      activity("a-future", "PLANNED", "2027-01-15", null),
    ],
    outcomes: [
      {
        id: "o1",
        enrolmentId: "e1",
        point: "AT_EXIT",
        status: "PERMANENT_JOB",
        workingTime: "FULL_TIME",
        organisationName: "Coop",
        observedAt: "2026-06-30",
      },
    ],
    followUps: [
      { enrolmentId: "e1", pilotName: "Språk på jobb", point: "AT_EXIT", due: "2026-06-30", state: "recorded" },
      { enrolmentId: "e1", pilotName: "Språk på jobb", point: "MONTHS_3", due: "2026-09-30", state: "overdue" },
      { enrolmentId: "e1", pilotName: "Språk på jobb", point: "MONTHS_12", due: "2027-06-30", state: "upcoming" },
    ],
  });
  const keys = story.map((e) => e.key);

  it("tells enrolment, activities, exit, outcome and open follow-ups in one sequence, newest first", () => {
    expect(keys).toEqual([
      "follow-up-e1-MONTHS_12",
      "activity-a-future",
      "today",
      "follow-up-e1-MONTHS_3",
      "outcome-o1",
      "exit-e1",
      "activity-a-stopped",
      "activity-a-done",
      "enrolment-e1",
    ]);
  });

  it("puts what lies ahead above today and marks it as such", () => {
    const today = keys.indexOf("today");
    expect(story.slice(0, today).every((e) => e.kind !== "today" && e.future)).toBe(true);
    expect(story.slice(today + 1).every((e) => e.kind !== "today" && !e.future)).toBe(true);
  });

  it("gives planned, ongoing, done and interrupted activities different markers and names their pilot", () => {
    const markers = Object.fromEntries(
      story.flatMap((e) => (e.kind === "activity" ? [[e.activity.id, [e.marker, e.pilotName]]] : [])),
    );
    expect(markers).toEqual({
      "a-done": ["done", "Språk på jobb"],
      "a-stopped": ["interrupted", "Språk på jobb"],
      "a-future": ["planned", null],
    });
  });

  it("does not repeat a follow-up that has its outcome", () => {
    expect(keys).not.toContain("follow-up-e1-AT_EXIT");
  });

  it("is empty for a person with no steps", () => {
    expect(buildTimeline({ today: "2026-12-05", enrolments: [], activities: [], outcomes: [], followUps: [] })).toEqual(
      [],
    );
  });

  it("takes today from the municipality's clock, not UTC's", () => {
    // 23:30 UTC on 31 December is already New Year's Day in Oslo and Stockholm.
    expect(todayIn("Europe/Oslo", new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayIn("Europe/Stockholm", new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
