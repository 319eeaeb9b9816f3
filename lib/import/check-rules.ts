import "server-only";
import { JOB_STATUSES } from "../outcomes/schemas.ts";
import { POINT_KEYS, POINT_MONTHS, type FieldKey } from "./fields.ts";
import type { Issue } from "./plan.ts";
import { ACTIVITY_FIELDS, PILOT_FIELDS, today, type ParsedRow } from "./read-rows.ts";

/** The rules of one row that need no database: dates in order and not in the future, what needs what. */
export function checkRules(p: ParsedRow) {
  const v = p.values;
  const at = (field: FieldKey) => p.columnOf[field] ?? null;
  const issue = (field: FieldKey, key: string, params?: Issue["params"]) =>
    p.errors.push({ row: p.row, column: at(field), key, params });
  const now = today();
  const year = now.getUTCFullYear();
  const future = (field: FieldKey) => v[field] instanceof Date && v[field] > now && issue(field, "future");

  if (v.reference === undefined && v.code === undefined) issue("reference", "keyRequired");
  const birthYear = v.birthYear as number | undefined;
  const arrivalYear = v.arrivalYear as number | undefined;
  if (birthYear !== undefined && (birthYear > year - 14 || birthYear < year - 90)) issue("birthYear", "birthYear");
  if (arrivalYear !== undefined && arrivalYear > year) issue("arrivalYear", "future");
  if (arrivalYear !== undefined && birthYear !== undefined && arrivalYear < birthYear)
    issue("arrivalYear", "arrivalBeforeBirth");
  future("consentDate");

  const hasPilot = v.pilot !== undefined;
  if (!hasPilot && PILOT_FIELDS.some((f) => v[f] !== undefined)) issue("pilot", "pilotRequired");
  if (hasPilot) {
    if (!v.startDate) issue("startDate", "required");
    future("startDate");
    future("exitDate");
    if (v.startDate && v.exitDate && (v.exitDate as Date) < (v.startDate as Date)) issue("exitDate", "endBeforeStart");
    if (v.exitDate && !v.exitReason) issue("exitReason", "exitReasonRequired");
    if (v.exitReason && !v.exitDate) issue("exitDate", "exitDateRequired");
  }

  if (v.activityType === undefined && ACTIVITY_FIELDS.some((f) => v[f] !== undefined))
    issue("activityType", "activityTypeRequired");
  if (v.activityType !== undefined) {
    if (!v.activityStart) issue("activityStart", "required");
    v.activityStatus ??= v.activityEnd ? "COMPLETED" : "ONGOING";
    if (v.activityStart && v.activityEnd && (v.activityEnd as Date) < (v.activityStart as Date))
      issue("activityEnd", "endBeforeStart");
    if ((v.activityStatus === "COMPLETED" || v.activityStatus === "INTERRUPTED") && !v.activityEnd)
      issue("activityEnd", "endDateRequired");
    if (v.activityStatus !== "PLANNED") future("activityStart");
    future("activityEnd");
  }

  for (const [point, key] of Object.entries(POINT_KEYS) as [keyof typeof POINT_KEYS, string][]) {
    const f = (part: string) => `outcome${key}${part}` as FieldKey;
    const given = ["Status", "WorkingTime", "Employer", "Date"].some((part) => v[f(part)] !== undefined);
    if (!given) continue;
    if (!hasPilot) issue(f("Status"), "pilotRequired");
    const status = v[f("Status")] as string | undefined;
    if (!status) issue(f("Status"), "required");
    const job = status !== undefined && (JOB_STATUSES as readonly string[]).includes(status);
    if (job && !v[f("WorkingTime")]) issue(f("WorkingTime"), "workingTimeRequired");
    if (!job && v[f("WorkingTime")]) issue(f("WorkingTime"), "workingTimeOnlyForJobs");
    // The date it was observed: given, or the exit date plus the point's months.
    if (!v[f("Date")] && v.exitDate instanceof Date) {
      const d = new Date(v.exitDate);
      d.setUTCMonth(d.getUTCMonth() + POINT_MONTHS[point]);
      if (d > now) issue(f("Status"), "outcomeNotYet");
      else v[f("Date")] = d;
    } else if (!v[f("Date")]) issue(f("Date"), "outcomeDateRequired");
    future(f("Date"));
  }
}
