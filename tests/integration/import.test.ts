import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { appDb } from "../support/db.ts";
import { createTenantWithStaff, expectAppError, snapshot, adminQuery, type Tenant } from "./helpers/coordinator.ts";
import { demoContext, seedDemo } from "./helpers/demo.ts";
import type { TenantContext } from "../../lib/db/tenant.ts";
import { readSpreadsheet, IMPORT_MAX_ROWS } from "../../lib/import/read-file.ts";
import {
  createImportDraft,
  discardImportDraft,
  getImportDraft,
  mappingFromForm,
  runImport,
  saveImportMapping,
} from "../../lib/import/drafts.ts";
import { exportPathways } from "../../lib/pathways/export-pathways.ts";
import { importTemplate } from "../../lib/import/import-template.ts";
import { xlsxDocument } from "../../lib/http/xlsx.ts";
import { csvDocument } from "../../lib/http/csv.ts";
import { getTenantDashboard } from "../../lib/dashboards/get-dashboard.ts";
import type { DisplayTable } from "../../lib/dashboards/tables.ts";
import { normalise } from "../../lib/import/fields.ts";

const TODAY = new Date("2026-11-24");
const t = (k: string) => k;
let verdal: TenantContext;
let target: Tenant;

beforeAll(async () => {
  await seedDemo();
  verdal = await demoContext("koordinator@verdal.demo", "verdal");
  target = await createTenantWithStaff("imp");
}, 120_000);

afterAll(async () => {
  await appDb().$disconnect();
});

const encode = (text: string) => new TextEncoder().encode(text);

/** Uploads a file, applies the form's mapping choices (if any) and returns the draft as the preview shows it. */
async function upload(
  ctx: TenantContext,
  bytes: Uint8Array,
  choices?: (draft: Awaited<ReturnType<typeof getImportDraft>>) => Record<string, string>,
) {
  const id = await createImportDraft({ ctx, fileName: "test.csv", bytes });
  let draft = await getImportDraft(ctx, id);
  if (choices) {
    const form: Record<string, string> = Object.fromEntries(
      draft.mapping.columns.map((f, i) => [`column.${i}`, f ?? ""]),
    );
    Object.assign(form, choices(draft));
    await saveImportMapping({ ctx, draftId: id, mapping: mappingFromForm(form, draft.headers.length) });
    draft = await getImportDraft(ctx, id);
  }
  return draft;
}

/** Every dashboard table as label → cells, so two tenants' dashboards compare by what they show. */
const shown = (tables: Awaited<ReturnType<typeof getTenantDashboard>>["tables"]) => {
  const flat = (table: DisplayTable) =>
    Object.fromEntries(
      table.rows.map((r) => [r.isTotal ? "total" : r.label, r.cells.map((c) => (c.suppressed ? ":" : c.value))]),
    );
  return {
    headline: flat(tables.headline),
    funnel: flat(tables.funnel),
    overTime: flat(tables.overTime),
    ...Object.fromEntries(Object.entries(tables.breakdowns).map(([k, v]) => [k, flat(v)])),
  };
};

describe("round trip: the Verdal demo's pathways exported and imported into a new municipality", () => {
  it("gives the same dashboard figures, and importing the same file again changes nothing", async () => {
    const exported = await exportPathways(verdal, {}, "nb", "xlsx");
    expect(exported.rows.length).toBeGreaterThanOrEqual(42);
    const bytes = new Uint8Array(
      await xlsxDocument([{ name: "Deltakere", headers: exported.headers, rows: exported.rows }]),
    );

    const first = await upload(target.coordinator, bytes, (d) => ({
      // Every organisation the file names is created (as a business), every pilot with the kind in the file.
      ...Object.fromEntries(d.plan!.unknownOrganisations.map((o) => [`createOrganisation.${o.name}`, "BUSINESS"])),
    }));
    // Every column of our own export is recognised from its header.
    expect(first.mapping.columns.every((c) => c !== null)).toBe(true);
    const plan = first.plan!;
    expect(plan.issues).toEqual([]);
    expect(plan.summary.participants.create).toBe(42);
    expect(plan.summary.pilots).toBe(4);
    expect(plan.importable).toBe(true);
    const result = await runImport({ ctx: target.coordinator, draftId: first.id });
    expect(result.participants.create).toBe(42);

    const filters = { from: "2006", to: "2007", point: "MONTHS_12" as const };
    const before = await getTenantDashboard(verdal, filters, { t, today: TODAY });
    const after = await getTenantDashboard(target.coordinator, filters, { t, today: TODAY });
    expect(shown(after.tables)).toEqual(shown(before.tables));
    expect(shown(after.tables).headline.total[0]).toBe(29);

    // Audited: one event for the import, one per participant created.
    const [events] = await adminQuery<{ imports: number; created: number }>(
      `select count(*) filter (where action = 'import.completed')::int imports, count(*) filter (where action = 'participant.created' and details->>'import' = $2)::int created
       from "AuditEvent" where "tenantId" = $1`,
      [target.tenantId, first.id],
    );
    expect(events).toEqual({ imports: 1, created: 42 });

    // The same file again: nothing to do, nothing written.
    const state = await snapshot(target.tenantId);
    const again = await upload(target.coordinator, bytes);
    expect(again.plan!.issues).toEqual([]);
    expect(again.plan!.summary.participants).toEqual({ create: 0, update: 0, unchanged: 42 });
    expect(
      again.plan!.summary.activities.create +
        again.plan!.summary.outcomes.create +
        again.plan!.summary.enrolments.create,
    ).toBe(0);
    expect(again.plan!.importable).toBe(false);
    await expectAppError(() => runImport({ ctx: target.coordinator, draftId: again.id }), "INVALID_INPUT", {
      messageKey: "import:errors.nothingToImport",
    });
    const { ImportDraft: _drafts, AuditEvent: _audit, ...data } = await snapshot(target.tenantId);
    const { ImportDraft: _d, AuditEvent: _a, ...dataBefore } = state;
    expect(data).toEqual(dataBefore);

    // A changed row updates the participant (and nothing else).
    const nameColumn = exported.headers.indexOf("Navn");
    const codeColumn = exported.headers.indexOf("Deltakerkode");
    const named = exported.rows.findIndex((r) => r[nameColumn]);
    const code = exported.rows[named][codeColumn] as string;
    const changedRows = exported.rows.map((r) =>
      r[codeColumn] === code ? r.map((v, i) => (i === nameColumn ? "Nytt Navn Importsen" : v)) : r,
    );
    const changed = await upload(
      target.coordinator,
      new Uint8Array(await xlsxDocument([{ name: "x", headers: exported.headers, rows: changedRows }])),
    );
    expect(changed.plan!.summary.participants).toEqual({ create: 0, update: 1, unchanged: 41 });
    await runImport({ ctx: target.coordinator, draftId: changed.id });
    const [renamed] = await adminQuery<{ name: string; version: number }>(
      `select name, version from "Participant" where "tenantId" = $1 and code = $2`,
      [target.tenantId, code],
    );
    expect(renamed).toEqual({ name: "Nytt Navn Importsen", version: 2 });
  }, 120_000);

  it("imports the demo's own export into the demo as no change at all", async () => {
    const exported = await exportPathways(verdal, {}, "sv", "csv");
    const csv = csvDocument(
      [exported.headers, ...exported.rows.map((r) => r.map((v) => (v === null ? "" : String(v))))],
      "sv",
    );
    const draft = await upload(verdal, encode(csv));
    expect(draft.plan!.issues).toEqual([]);
    expect(draft.plan!.summary.participants.unchanged).toBe(draft.plan!.participants.length);
    expect(draft.plan!.importable).toBe(false);
  }, 60_000);
});

describe("reading files", () => {
  const header = "Referanse;Navn;Målgruppe;Samtykkedato;Samtykke til oppfølging\r\n";

  it("reads semicolons, a byte order mark and Windows-1252 as Norwegian Excel saves them", async () => {
    const latin1 = Uint8Array.from(
      [...header, ..."R1;Bjørn Ærø;Innvandrer;01.02.2024;ja\r\n"].map((c) => c.charCodeAt(0)),
    );
    const table = await readSpreadsheet(latin1);
    expect(table.headers).toEqual(["Referanse", "Navn", "Målgruppe", "Samtykkedato", "Samtykke til oppfølging"]);
    expect(table.rows).toEqual([["R1", "Bjørn Ærø", "Innvandrer", "01.02.2024", "ja"]]);
    const bom = await readSpreadsheet(
      encode(`\uFEFF${header.replace(/;/g, "\t")}R1\tÅsa\tInnvandrer\t2024-02-01\tja\r\n`),
    );
    expect(bom.headers[0]).toBe("Referanse");
    expect(bom.rows[0][1]).toBe("Åsa");
  });

  it("refuses empty, binary, old Excel, header-only and too long files with a reason", async () => {
    const refused = async (bytes: Uint8Array, key: string) =>
      expectAppError(() => readSpreadsheet(bytes), "INVALID_INPUT", { messageKey: `import:errors.${key}` });
    await refused(new Uint8Array(), "empty");
    await refused(
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      "notSpreadsheet",
    );
    await refused(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "oldExcel");
    await refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), "notSpreadsheet");
    await refused(encode(header), "headerOnly");
    await refused(encode(header + "R1;A;Innvandrer;2024-01-01;ja\r\n".repeat(IMPORT_MAX_ROWS + 1)), "tooManyRows");
    await refused(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41), "tooLarge");
  });

  it("keeps a formula in an XLSX cell a formula, so the row check refuses it", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("x");
    sheet.addRow(["Referanse", "Navn"]);
    sheet.addRow(["R1", { formula: 'HYPERLINK("http://x.test","Klikk")', result: "Klikk" }]);
    const table = await readSpreadsheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(table.rows[0][1]).toBe('=HYPERLINK("http://x.test","Klikk")');
  });
});

describe("the preview", () => {
  it("names every problem by row and column, lets the user map values and skip rows, and writes only on import", async () => {
    const future = `${new Date().getUTCFullYear() + 1}-05-01`;
    const csv = [
      "\uFEFFReferanse;Navn;Målgruppe;Tiltak;Innskrevet;Samtykkedato;Samtykke til oppfølging;Aktivitet;Aktivitetens organisasjon;Aktivitet start",
      "M1;Anna Test;Bosatt flyktning;Norsk på arbeidsplassen;2024-01-10;2024-01-10;ja;Arbeidspraksis;Nytt Verksted AS;2024-02-01",
      "M2;Bo Test;Flykting;Norsk på arbeidsplassen;2024-01-10;2024-01-10;ja;;;",
      `M3;Cy Test;Innvandrer;Norsk på arbeidsplassen;${future};2024-01-10;ja;;;`,
      "M4;Di Test;Innvandrer;;;;;;;",
      "M1;Anna Test;Bosatt flyktning;Norsk på arbeidsplassen;2024-01-10;2024-01-10;ja;Arbeidspraksis;Nytt Verksted AS;2024-02-01",
    ].join("\r\n");
    const before = await snapshot(target.tenantId);
    const draft = await upload(target.coordinator, encode(csv));
    const plan = draft.plan!;
    // "Tiltak" is a synonym of the pilot; the rest are our own labels.
    expect(draft.mapping.columns).toEqual([
      "reference",
      "name",
      "targetGroup",
      "pilot",
      "startDate",
      "consentDate",
      "consentFollowUp",
      "activityType",
      "activityOrganisation",
      "activityStart",
    ]);
    const issue = (row: number) => plan.issues.filter((i) => i.row === row).map((i) => `${i.column}:${i.key}`);
    expect(issue(2)).toEqual(["3:unknownPilot", "8:unknownOrganisation"]);
    expect(issue(3)).toEqual(["2:unknownValue", "3:unknownPilot"]);
    expect(issue(4)).toEqual(["3:unknownPilot", "4:future"]);
    expect(issue(5)).toEqual(["5:consentMissing"]);
    expect(plan.rows.find((r) => r.row === 6)!.action).toBe("duplicate");
    expect(plan.unknownPilots.map((p) => p.name)).toEqual(["Norsk på arbeidsplassen"]);
    expect(plan.importable).toBe(false);
    await expectAppError(() => runImport({ ctx: target.coordinator, draftId: draft.id }), "INVALID_INPUT", {
      messageKey: "import:errors.fixFirst",
    });

    // Map the unknown value, create the organisation and the pilot, leave out what is still wrong.
    const fixed = await upload(target.coordinator, encode(csv), () => ({
      [`value.targetGroup.${normalise("Flykting")}`]: "SETTLED_REFUGEE",
      "createOrganisation.Nytt Verksted AS": "BUSINESS",
      "createPilot.Norsk på arbeidsplassen": "WORKLIFE_LANGUAGE",
      skipInvalid: "on",
    }));
    expect(fixed.plan!.issues.map((i) => `${i.row}:${i.key}`)).toEqual(["4:future", "5:consentMissing"]);
    expect(fixed.plan!.summary.participants.create).toBe(2);
    expect(fixed.plan!.summary.rowsSkipped).toBe(2);
    const afterPreview = await snapshot(target.tenantId);
    expect({ ...afterPreview, ImportDraft: [] }).toEqual({ ...before, ImportDraft: [] });

    const result = await runImport({ ctx: target.coordinator, draftId: fixed.id });
    expect(result.participants.create).toBe(2);
    const rows = await adminQuery<{ externalRef: string; targetGroup: string; activities: number }>(
      `select p."externalRef", p."targetGroup", (select count(*)::int from "Activity" a where a."participantId" = p.id) activities
       from "Participant" p where p."tenantId" = $1 and p."externalRef" in ('M1','M2','M3','M4') order by 1`,
      [target.tenantId],
    );
    expect(rows).toEqual([
      { externalRef: "M1", targetGroup: "SETTLED_REFUGEE", activities: 1 },
      { externalRef: "M2", targetGroup: "SETTLED_REFUGEE", activities: 0 },
    ]);
    // The imported draft keeps its result, not its rows.
    const [kept] = await adminQuery<{ rows: unknown[] }>(`select rows from "ImportDraft" where id = $1`, [fixed.id]);
    expect(kept.rows).toEqual([]);
  }, 60_000);

  it("refuses a file of formulas row by row and writes nothing", async () => {
    const row = ["=1+1", '=HYPERLINK("http://x.test","Klikk her")', "=A1", "@SUM(1)"];
    const csv = `Referanse;Navn;Målgruppe;Samtykkedato\r\n${Array<string>(5)
      .fill(row.join(";"))
      .map((r, i) => r.replace("=1+1", `=${i}+1`))
      .join("\r\n")}`;
    const before = await snapshot(target.tenantId);
    const draft = await upload(target.coordinator, encode(csv));
    expect(draft.plan!.issues.filter((i) => i.key === "formula")).toHaveLength(15);
    expect(draft.plan!.importable).toBe(false);
    await expectAppError(() => runImport({ ctx: target.coordinator, draftId: draft.id }), "INVALID_INPUT");
    const after = await snapshot(target.tenantId);
    expect({ ...after, ImportDraft: [] }).toEqual({ ...before, ImportDraft: [] });
  });

  it("keeps another tenant's draft out of reach", async () => {
    const other = await createTenantWithStaff("imp-other");
    const id = await createImportDraft({
      ctx: target.coordinator,
      fileName: "x.csv",
      bytes: encode("Referanse;Målgruppe\r\nX1;Innvandrer\r\n"),
    });
    await expectAppError(() => getImportDraft(other.coordinator, id), "NOT_FOUND");
    await expectAppError(() => runImport({ ctx: other.coordinator, draftId: id }), "NOT_FOUND");
    await expectAppError(
      () =>
        saveImportMapping({ ctx: other.coordinator, draftId: id, mapping: mappingFromForm({ "column.0": "code" }, 2) }),
      "NOT_FOUND",
    );
    await expectAppError(() => discardImportDraft({ ctx: other.coordinator, draftId: id }), "NOT_FOUND");
    await expectAppError(() => getImportDraft(target.partner, id), "NOT_FOUND");
    // Untouched: its own mapping, and still there for its own tenant.
    expect((await getImportDraft(target.coordinator, id)).mapping.columns).toEqual(["reference", "targetGroup"]);
    await discardImportDraft({ ctx: target.coordinator, draftId: id });
    await expectAppError(() => discardImportDraft({ ctx: target.coordinator, draftId: id }), "NOT_FOUND");
  });

  it("serves templates whose headers it recognises in every language", async () => {
    for (const locale of ["nb", "sv", "en"] as const) {
      const template = importTemplate(locale, "xlsx");
      const bytes = new Uint8Array(await xlsxDocument([{ name: "t", headers: template.headers, rows: template.rows }]));
      const draft = await upload(target.coordinator, bytes);
      expect(draft.mapping.columns.every((c) => c !== null)).toBe(true);
      // The example row is valid apart from the organisation and the pilot that do not exist yet.
      expect(new Set(draft.plan!.issues.map((i) => i.key))).toEqual(new Set(["unknownOrganisation"]));
    }
  });
});
