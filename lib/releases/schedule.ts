import "server-only";
/**
 * When releases are due: at 06:00 local time (Oslo and Stockholm share a clock) on the first day of each month,
 * or of each quarter (January, April, July, October). Local time through the platform's own time-zone data
 * (Intl), so summer time is right.
 */
export type Schedule = "MONTHLY" | "QUARTERLY";
export const RELEASE_TIME_ZONE = "Europe/Oslo";
const RELEASE_HOUR = 6;

/** The offset of a time zone from UTC at an instant, in minutes (e.g. 60 in winter, 120 in summer in Oslo). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((local - instant.getTime()) / 60_000);
}

/** The instant of 06:00 local time on the first day of a month (month 0–11). */
export function releaseInstant(year: number, month: number, timeZone = RELEASE_TIME_ZONE): Date {
  const guess = new Date(Date.UTC(year, month, 1, RELEASE_HOUR));
  const first = new Date(guess.getTime() - offsetMinutes(guess, timeZone) * 60_000);
  // Across a change of offset the first guess can be an hour off: settle it with the offset at the result.
  return new Date(guess.getTime() - offsetMinutes(first, timeZone) * 60_000);
}

/** The latest scheduled release time at or before `now`. */
export function latestDue(schedule: Schedule, now: Date, timeZone = RELEASE_TIME_ZONE): Date {
  const local = new Date(now.getTime() + offsetMinutes(now, timeZone) * 60_000);
  let year = local.getUTCFullYear();
  let month = local.getUTCMonth();
  if (schedule === "QUARTERLY") month -= month % 3;
  const step = schedule === "QUARTERLY" ? 3 : 1;
  for (;;) {
    const at = releaseInstant(year, month, timeZone);
    if (at.getTime() <= now.getTime()) return at;
    month -= step;
    if (month < 0) {
      month += 12;
      year -= 1;
    }
  }
}

/** The next scheduled release time after `now`. */
export function nextDue(schedule: Schedule, now: Date, timeZone = RELEASE_TIME_ZONE): Date {
  const latest = latestDue(schedule, now, timeZone);
  const local = new Date(latest.getTime() + offsetMinutes(latest, timeZone) * 60_000);
  const month = local.getUTCMonth() + (schedule === "QUARTERLY" ? 3 : 1);
  return releaseInstant(local.getUTCFullYear() + Math.floor(month / 12), month % 12, timeZone);
}
