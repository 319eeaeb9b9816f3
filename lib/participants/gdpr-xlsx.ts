import "server-only";
import { getT } from "../i18n/instance.ts";
import type { Locale } from "../i18n/settings.ts";
import { wallClock, xlsxDocument, type XlsxSheet } from "../http/xlsx.ts";
import type { exportParticipant } from "./gdpr.ts";

export type ParticipantExport = Awaited<ReturnType<typeof exportParticipant>>;

const DATE_TIME = "yyyy-mm-dd hh:mm";

/**
 * The GDPR export of one participant as sheets (participant, consents, enrolments, activities, outcomes, access
 * log), in the reader's language: sheet names, headers and coded values (enums) translated as on the pages, dates
 * as date cells (points in time in Norwegian/Swedish time), numbers as numbers, free text as text cells.
 */
export function participantSheets(data: ParticipantExport, locale: Locale): XlsxSheet[] {
  const t = getT(locale, ["participants", "enums", "common"]);
  const p = data.participant;
  const label = (type: string, value: string | null) => (value ? t(`enums:${type}.${value}`) : null);
  const moment = (value: Date | string | null) => (value ? wallClock(new Date(value)) : null);
  return [
    {
      name: t("gdpr.sheets.participant"),
      headers: [
        t("fields.code"),
        t("gdpr.columns.externalRef"),
        t("fields.name"),
        t("fields.birthYear"),
        t("fields.gender"),
        t("fields.targetGroup"),
        t("fields.arrivalYear"),
        t("fields.languages"),
        t("fields.status"),
        t("fields.anonymous"),
        t("fields.coordinator"),
        t("gdpr.columns.registeredAt"),
        t("gdpr.columns.exportedAt"),
        t("fields.legalBasis"),
        t("fields.legalBasisNote"),
      ],
      formats: [null, null, null, "0", null, null, "0", null, null, null, null, DATE_TIME, DATE_TIME, null, null],
      rows: [
        [
          p.code,
          p.externalRef,
          p.name,
          p.birthYear,
          label("Gender", p.gender),
          label("TargetGroup", p.targetGroup),
          p.arrivalYear,
          p.languages.join(", ") || null,
          label("ParticipantStatus", p.status),
          p.anonymous,
          p.coordinator,
          moment(p.registeredAt),
          moment(data.exportedAt),
          label("LegalBasis", p.legalBasis),
          p.legalBasisNote,
        ],
      ],
    },
    {
      name: t("gdpr.sheets.consents"),
      headers: [t("fields.purpose"), t("fields.partner"), t("gdpr.columns.givenAt"), t("gdpr.columns.withdrawnAt")],
      rows: data.consents.map((c) => [
        t(`consent.purposes.${c.purpose}`),
        c.partnerOrganisation?.name,
        c.givenAt,
        c.withdrawnAt,
      ]),
    },
    {
      name: t("gdpr.sheets.enrolments"),
      headers: [
        t("fields.pilot"),
        t("gdpr.columns.pilotKind"),
        t("fields.startDate"),
        t("fields.exitDate"),
        t("fields.exitReason"),
      ],
      rows: data.enrolments.map((e) => [
        e.pilot.name,
        label("PilotKind", e.pilot.kind),
        e.startDate,
        e.exitDate,
        label("ExitReason", e.exitReason),
      ]),
    },
    {
      name: t("gdpr.sheets.activities"),
      headers: [
        t("fields.activityType"),
        t("gdpr.columns.activityStatus"),
        t("fields.organisation"),
        t("fields.startDate"),
        t("fields.endDate"),
        t("fields.hoursPerWeek"),
        t("fields.note"),
      ],
      formats: [null, null, null, null, null, "0.0"],
      rows: data.activities.map((a) => [
        label("ActivityType", a.type),
        label("ActivityStatus", a.status),
        a.organisation?.name,
        a.startDate,
        a.endDate,
        a.hoursPerWeek === null ? null : Number(a.hoursPerWeek),
        a.note,
      ]),
    },
    {
      name: t("gdpr.sheets.outcomes"),
      headers: [
        t("fields.point"),
        t("fields.outcomeStatus"),
        t("fields.workingTime"),
        t("fields.employer"),
        t("fields.observedAt"),
        t("fields.note"),
      ],
      rows: data.outcomes.map((o) => [
        label("OutcomePoint", o.point),
        label("OutcomeStatus", o.status),
        label("WorkingTime", o.workingTime),
        o.organisation?.name,
        o.observedAt,
        o.note,
      ]),
    },
    {
      name: t("gdpr.sheets.accessLog"),
      headers: [t("gdpr.columns.time"), t("gdpr.columns.action"), t("gdpr.columns.userId")],
      formats: [DATE_TIME],
      rows: data.accessLog.map((e) => [
        moment(e.at),
        t(`audit.actions.${e.action.replace(".", "_")}`, { defaultValue: e.action }),
        e.actorId,
      ]),
    },
  ];
}

/** The GDPR export of one participant as an Excel workbook (see participantSheets). */
export function participantXlsx(data: ParticipantExport, locale: Locale): Promise<Buffer> {
  return xlsxDocument(participantSheets(data, locale));
}
