import "server-only";
import type { TFunction } from "i18next";
import ExcelJS from "exceljs";
import { sheetName } from "../http/xlsx.ts";
import { formatCell, SUPPRESSED_MARK } from "./format.ts";
import { toCsv, type buildTables, type DisplayCell, type DisplayTable } from "./tables.ts";
import { DIMENSIONS } from "./definitions.ts";
import type { Locale } from "../i18n/settings.ts";

export const CSV_TABLES = ["headline", "funnel", "overTime", ...DIMENSIONS] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** One dashboard table as exported: the page's labels and the page's cells (hidden ones stay hidden). */
function exportedTable(tables: ReturnType<typeof buildTables>, table: CsvTable, t: TFunction) {
  const picked: DisplayTable =
    table === "headline"
      ? tables.headline
      : table === "funnel"
        ? tables.funnel
        : table === "overTime"
          ? tables.overTime
          : tables.breakdowns[table];
  const firstColumn =
    table === "overTime" ? t("dashboard:point") : table in tables.breakdowns ? t(`dashboard:dimension.${table}`) : "";
  const rows =
    table === "overTime"
      ? { ...picked, rows: picked.rows.map((r) => ({ ...r, label: t(`enums:OutcomePoint.${r.key}`) })) }
      : picked;
  const title =
    table in tables.breakdowns
      ? t(`dashboard:by.${table}`)
      : table === "overTime"
        ? t("dashboard:overTime")
        : table === "funnel"
          ? t("dashboard:funnel")
          : t("dashboard:headline");
  return { table: rows, firstColumn, columns: picked.columns.map((c) => t(`dashboard:columns.${c}`)), title };
}

/** One dashboard table as CSV, with the same labels and the same suppression as on the page. */
export function dashboardCsv(
  tables: ReturnType<typeof buildTables>,
  table: CsvTable,
  locale: Locale,
  t: TFunction,
): string {
  const e = exportedTable(tables, table, t);
  return toCsv(e.table, { label: e.firstColumn, columns: e.columns }, (cell) => formatCell(locale, cell), locale);
}

/** A cell as a spreadsheet holds it: counts and days as numbers, shares as numbers formatted as per cent, a
 * hidden figure as the suppression mark (text), nothing as an empty cell. */
function xlsxValue(cell: DisplayCell): string | number | null {
  return cell.suppressed ? SUPPRESSED_MARK : cell.value;
}

/**
 * One dashboard table as an Excel workbook (exceljs): typed cells, the header row and label column frozen.
 * Every label is written as a text cell, so a name like `=HYPERLINK(…)` is never a formula.
 */
export async function dashboardXlsx(
  tables: ReturnType<typeof buildTables>,
  table: CsvTable,
  t: TFunction,
): Promise<Buffer> {
  return tableXlsx(exportedTable(tables, table, t));
}

/** A table with its labels as CSV (the reader's separator, formulas neutralised, hidden cells marked). */
export function tableCsv(e: { table: DisplayTable; firstColumn: string; columns: string[] }, locale: Locale): string {
  return toCsv(e.table, { label: e.firstColumn, columns: e.columns }, (cell) => formatCell(locale, cell), locale);
}

/** A table with its labels as an Excel workbook. */
export async function tableXlsx(e: {
  table: DisplayTable;
  firstColumn: string;
  columns: string[];
  title: string;
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samspill";
  const sheet = workbook.addWorksheet(sheetName(e.title), {
    views: [{ state: "frozen", xSplit: 1, ySplit: 1 }],
  });
  sheet.addRow([e.firstColumn, ...e.columns]).font = { bold: true };
  for (const row of e.table.rows) {
    const added = sheet.addRow([row.label, ...row.cells.map(xlsxValue)]);
    if (row.isTotal) added.font = { bold: true };
    row.cells.forEach((cell, i) => {
      const target = added.getCell(i + 2);
      target.alignment = { horizontal: "right" };
      if (cell.kind === "share" && typeof target.value === "number") target.numFmt = "0 %";
    });
  }
  sheet.getColumn(1).width = Math.min(60, Math.max(12, ...e.table.rows.map((r) => r.label.length + 2)));
  for (let i = 2; i <= e.columns.length + 1; i++)
    sheet.getColumn(i).width = Math.min(30, Math.max(10, e.columns[i - 2].length + 2));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
