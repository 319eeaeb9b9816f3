import "server-only";
import { getT } from "../i18n/instance.ts";
import type { Locale } from "../i18n/settings.ts";
import type { XlsxCell } from "../http/xlsx.ts";
import { FIELD_KEYS, fieldLabel, type FieldKey } from "./fields.ts";
import type { PathwayTable } from "../pathways/export-pathways.ts";

/** An empty import template in one language: the headers and one example row. */
export function importTemplate(locale: Locale, format: "csv" | "xlsx"): PathwayTable {
  const t = getT(locale, ["import", "enums"]);
  const example: Partial<Record<FieldKey, XlsxCell>> = {
    reference: "2024-017",
    name: t("import:template.name"),
    birthYear: 1990,
    gender: t("enums:Gender.FEMALE"),
    targetGroup: t("enums:TargetGroup.SETTLED_REFUGEE"),
    arrivalYear: 2022,
    languages: "ti, ar",
    anonymous: t("import:no"),
    consentDate: "2024-01-15",
    consentFollowUp: t("import:yes"),
    consentStatistics: t("import:yes"),
    pilot: t("import:template.pilot"),
    pilotKind: t("enums:PilotKind.WORKLIFE_LANGUAGE"),
    startDate: "2024-01-15",
    exitDate: "2024-12-20",
    exitReason: t("enums:ExitReason.GOT_JOB"),
    activityType: t("enums:ActivityType.WORK_PRACTICE"),
    activityStatus: t("enums:ActivityStatus.COMPLETED"),
    activityOrganisation: t("import:template.organisation"),
    activityStart: "2024-03-01",
    activityEnd: "2024-08-31",
    hoursPerWeek: 30,
    outcomeExitStatus: t("enums:OutcomeStatus.PERMANENT_JOB"),
    outcomeExitWorkingTime: t("enums:WorkingTime.FULL_TIME"),
    outcomeExitEmployer: t("import:template.organisation"),
  };
  const typed = (v: XlsxCell) =>
    format === "xlsx" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
  return { headers: FIELD_KEYS.map((f) => fieldLabel(t, f)), rows: [FIELD_KEYS.map((f) => typed(example[f] ?? null))] };
}
