import "server-only";
// Pure rules of the follow-up schedule, shared by the participant page and the tenant's list (and its SQL).
export type OutcomePoint = "AT_EXIT" | "MONTHS_3" | "MONTHS_6" | "MONTHS_12";
export const FOLLOW_UP_MONTHS: Record<OutcomePoint, number> = { AT_EXIT: 0, MONTHS_3: 3, MONTHS_6: 6, MONTHS_12: 12 };

/** The date a follow-up point falls due: the exit date plus its months (end of month when the day does not exist). */
export function dueDate(exitDate: Date, point: OutcomePoint): Date {
  const months = FOLLOW_UP_MONTHS[point];
  const y = exitDate.getUTCFullYear();
  const m = exitDate.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(exitDate.getUTCDate(), lastDay)));
}

export type DueState = "overdue" | "dueThisMonth" | "upcoming" | "recorded";

/** Overdue: due before this month began; due this month: within the current calendar month. */
export function dueState(due: Date, recorded: boolean, today: Date = new Date()): DueState {
  if (recorded) return "recorded";
  const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const nextMonthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1);
  if (due.getTime() < monthStart) return "overdue";
  if (due.getTime() < nextMonthStart) return "dueThisMonth";
  return "upcoming";
}

export function followUpsFor(exitDate: Date, recordedPoints: Iterable<string>, today: Date = new Date()) {
  const recorded = new Set(recordedPoints);
  return (Object.keys(FOLLOW_UP_MONTHS) as OutcomePoint[]).map((point) => {
    const due = dueDate(exitDate, point);
    return { point, due, state: dueState(due, recorded.has(point), today) };
  });
}
