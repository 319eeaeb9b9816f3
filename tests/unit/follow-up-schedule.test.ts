import { describe, expect, it } from "vitest";
import { dueDate, dueState, followUpsFor, FOLLOW_UP_MONTHS } from "../../lib/outcomes/follow-up-schedule.ts";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe("dueDate", () => {
  it("adds the point's months to the exit date", () => {
    expect(FOLLOW_UP_MONTHS).toEqual({ AT_EXIT: 0, MONTHS_3: 3, MONTHS_6: 6, MONTHS_12: 12 });
    const exit = day("2026-03-10");
    expect(iso(dueDate(exit, "AT_EXIT"))).toBe("2026-03-10");
    expect(iso(dueDate(exit, "MONTHS_3"))).toBe("2026-06-10");
    expect(iso(dueDate(exit, "MONTHS_6"))).toBe("2026-09-10");
    expect(iso(dueDate(exit, "MONTHS_12"))).toBe("2027-03-10");
  });

  it("falls back to the end of the month when the day does not exist there", () => {
    expect(iso(dueDate(day("2026-01-31"), "MONTHS_3"))).toBe("2026-04-30");
    expect(iso(dueDate(day("2026-08-31"), "MONTHS_6"))).toBe("2027-02-28");
    expect(iso(dueDate(day("2027-08-31"), "MONTHS_6"))).toBe("2028-02-29");
    expect(iso(dueDate(day("2024-02-29"), "MONTHS_12"))).toBe("2025-02-28");
    expect(iso(dueDate(day("2026-05-31"), "MONTHS_6"))).toBe("2026-11-30");
  });

  it("crosses into the next year", () => {
    expect(iso(dueDate(day("2026-11-15"), "MONTHS_3"))).toBe("2027-02-15");
    expect(iso(dueDate(day("2026-12-31"), "MONTHS_12"))).toBe("2027-12-31");
  });

  it("leaves the exit date itself untouched", () => {
    const exit = day("2026-01-31");
    dueDate(exit, "MONTHS_12");
    expect(iso(exit)).toBe("2026-01-31");
  });
});

describe("dueState", () => {
  const today = day("2026-06-15");

  it("is recorded whenever the point has an outcome, whatever the date", () => {
    expect(dueState(day("2020-01-01"), true, today)).toBe("recorded");
    expect(dueState(day("2030-01-01"), true, today)).toBe("recorded");
  });

  it("is overdue before the current month began", () => {
    expect(dueState(day("2026-05-31"), false, today)).toBe("overdue");
    expect(dueState(day("2025-06-15"), false, today)).toBe("overdue");
  });

  it("is due this month from its first to its last day, before or after today", () => {
    expect(dueState(day("2026-06-01"), false, today)).toBe("dueThisMonth");
    expect(dueState(day("2026-06-15"), false, today)).toBe("dueThisMonth");
    expect(dueState(day("2026-06-30"), false, today)).toBe("dueThisMonth");
  });

  it("is upcoming from next month on", () => {
    expect(dueState(day("2026-07-01"), false, today)).toBe("upcoming");
    expect(dueState(day("2027-01-01"), false, today)).toBe("upcoming");
  });

  it("handles the turn of the year", () => {
    const december = day("2026-12-31");
    expect(dueState(day("2026-11-30"), false, december)).toBe("overdue");
    expect(dueState(day("2026-12-01"), false, december)).toBe("dueThisMonth");
    expect(dueState(day("2027-01-01"), false, december)).toBe("upcoming");
    const january = day("2027-01-01");
    expect(dueState(day("2026-12-31"), false, january)).toBe("overdue");
  });

  it("reads dates in UTC, whatever the time of day", () => {
    expect(dueState(day("2026-06-30"), false, new Date("2026-06-30T23:59:59Z"))).toBe("dueThisMonth");
    expect(dueState(day("2026-06-30"), false, new Date("2026-07-01T00:00:00Z"))).toBe("overdue");
  });
});

describe("followUpsFor", () => {
  it("lists the four points in order with their due dates and states", () => {
    const result = followUpsFor(day("2026-01-31"), ["AT_EXIT"], day("2026-06-15"));
    expect(result.map((r) => ({ point: r.point, due: iso(r.due), state: r.state }))).toEqual([
      { point: "AT_EXIT", due: "2026-01-31", state: "recorded" },
      { point: "MONTHS_3", due: "2026-04-30", state: "overdue" },
      { point: "MONTHS_6", due: "2026-07-31", state: "upcoming" },
      { point: "MONTHS_12", due: "2027-01-31", state: "upcoming" },
    ]);
  });

  it("accepts any iterable of recorded points and ignores unknown ones", () => {
    const result = followUpsFor(day("2025-06-15"), new Set(["MONTHS_6", "SOMETHING_ELSE"]), day("2026-06-15"));
    expect(result.map((r) => r.state)).toEqual(["overdue", "overdue", "recorded", "dueThisMonth"]);
  });
});
