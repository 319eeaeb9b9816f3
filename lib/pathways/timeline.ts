// Shared with client components, so not "server-only". Pure: the participant's story as one dated sequence.
import type { ActivityView, EnrolmentView, FollowUpView, OutcomeView } from "../../components/pathways/types.ts";

/** How an activity reads on the timeline; the shape and the word differ for each, never the colour alone. */
export type ActivityMarker = "planned" | "ongoing" | "done" | "interrupted";

type Base = { key: string; date: string; pilotName: string | null; future: boolean };
export type TimelineEntry =
  | (Base & { kind: "enrolment" })
  | (Base & { kind: "activity"; activity: ActivityView; marker: ActivityMarker })
  | (Base & { kind: "exit"; reason: string | null })
  | (Base & { kind: "outcome"; outcome: OutcomeView })
  | (Base & { kind: "followUp"; followUp: FollowUpView })
  | { kind: "today"; key: "today"; date: string };

const MARKERS: Record<string, ActivityMarker> = {
  PLANNED: "planned",
  ONGOING: "ongoing",
  COMPLETED: "done",
  INTERRUPTED: "interrupted",
};

/**
 * Within one day, the later step of a story first (the list runs newest first): an outcome follows the exit,
 * which follows the day's activities, which follow the enrolment.
 */
const SAME_DAY_ORDER: Record<TimelineEntry["kind"], number> = {
  followUp: 0,
  outcome: 1,
  exit: 2,
  activity: 3,
  enrolment: 4,
  today: 5,
};

/** Norway's and Sweden's wall clock: Europe/Stockholm has kept the same time as Europe/Oslo since 1980. */
export const MUNICIPAL_TIME_ZONE = "Europe/Oslo";

/** Today's date (YYYY-MM-DD) on the wall clock of a time zone: the municipality's, not the server's. */
export function todayIn(timeZone: string = MUNICIPAL_TIME_ZONE, now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * Enrolments, activities, exits, outcomes and the follow-ups still to record, newest first, with a "today"
 * marker between what lies ahead and what has happened. Recorded follow-ups are not repeated: their outcome is.
 */
export function buildTimeline(input: {
  today: string;
  enrolments: EnrolmentView[];
  activities: ActivityView[];
  outcomes: OutcomeView[];
  followUps: FollowUpView[];
}): TimelineEntry[] {
  const { today } = input;
  const pilotOf = new Map(input.enrolments.map((e) => [e.id, e.pilotName]));
  const pilot = (enrolmentId: string | null) => (enrolmentId ? (pilotOf.get(enrolmentId) ?? null) : null);
  const entries: Exclude<TimelineEntry, { kind: "today" }>[] = [];
  for (const e of input.enrolments) {
    entries.push({
      kind: "enrolment",
      key: `enrolment-${e.id}`,
      date: e.startDate,
      pilotName: e.pilotName,
      future: e.startDate > today,
    });
    if (e.exitDate) {
      entries.push({
        kind: "exit",
        key: `exit-${e.id}`,
        date: e.exitDate,
        pilotName: e.pilotName,
        reason: e.exitReason,
        future: e.exitDate > today,
      });
    }
  }
  for (const a of input.activities) {
    entries.push({
      kind: "activity",
      key: `activity-${a.id}`,
      date: a.startDate,
      pilotName: pilot(a.enrolmentId),
      activity: a,
      marker: MARKERS[a.status] ?? "ongoing",
      future: a.startDate > today,
    });
  }
  for (const o of input.outcomes) {
    entries.push({
      kind: "outcome",
      key: `outcome-${o.id}`,
      date: o.observedAt,
      pilotName: pilot(o.enrolmentId),
      outcome: o,
      future: false,
    });
  }
  for (const f of input.followUps) {
    if (f.state === "recorded") continue;
    entries.push({
      kind: "followUp",
      key: `follow-up-${f.enrolmentId}-${f.point}`,
      date: f.due,
      pilotName: f.pilotName,
      followUp: f,
      future: f.due > today,
    });
  }
  entries.sort((a, b) =>
    a.date === b.date ? SAME_DAY_ORDER[a.kind] - SAME_DAY_ORDER[b.kind] : a.date < b.date ? 1 : -1,
  );
  const ahead = entries.filter((e) => e.future);
  const past = entries.filter((e) => !e.future);
  if (entries.length === 0) return [];
  return [...ahead, { kind: "today", key: "today", date: today }, ...past];
}
