import "server-only";
import ExcelJS from "exceljs";

export type XlsxCell = string | number | boolean | Date | null | undefined;
/**
 * One sheet. `formats` optionally gives a column's number format (Excel's codes), used for its date and number
 * cells: e.g. "yyyy-mm-dd hh:mm" for a point in time, "0.0" for one decimal. A date cell without one is shown
 * as yyyy-mm-dd.
 */
export type XlsxSheet = {
  name: string;
  headers: string[];
  rows: XlsxCell[][];
  formats?: (string | null | undefined)[];
};

/** Excel's longest text in one cell. */
const MAX_TEXT = 32_767;

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , not empty. */
export function sheetName(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Samspill"
  );
}

/**
 * A text as a cell can hold it: without the characters XML cannot carry (exceljs drops the control characters
 * itself, but U+FFFE, U+FFFF and lone surrogates would make the file unreadable) and at most 32 767 long.
 */
function cellText(value: string): string {
  const clean = value.replace(
    /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "",
  );
  return clean.length > MAX_TEXT ? clean.slice(0, MAX_TEXT) : clean;
}

/**
 * The wall-clock time in a time zone, as a Date whose UTC fields hold it: what a spreadsheet cell (which has no
 * time zone) should show for a point in time, e.g. 2026-06-01T10:00Z → 12:00 in Oslo in summer.
 */
export function wallClock(date: Date, timeZone = "Europe/Oslo"): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return new Date(
    Date.UTC(
      +parts.year,
      +parts.month - 1,
      +parts.day,
      +parts.hour,
      +parts.minute,
      +parts.second,
      date.getUTCMilliseconds(),
    ),
  );
}

/**
 * A workbook of typed cells (exceljs): numbers as numbers, dates as dates (yyyy-mm-dd, or the column's format),
 * booleans as booleans, everything else as text cells, so a text like `=HYPERLINK(…)` stays text and is never
 * evaluated (exceljs writes a formula only when given a `{ formula }` object, which this never passes). The
 * header row is bold and frozen; columns are as wide as their content (within reason).
 */
export async function xlsxDocument(sheets: XlsxSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Samspill";
  const used = new Set<string>();
  for (const s of sheets) {
    let name = sheetName(s.name);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${sheetName(s.name).slice(0, 27)} (${i})`;
    used.add(name.toLowerCase());
    const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(s.headers.map(cellText)).font = { bold: true };
    const widths = s.headers.map((h) => h.length + 2);
    for (const row of s.rows) {
      const added = sheet.addRow(row.map((v) => (v === undefined ? null : typeof v === "string" ? cellText(v) : v)));
      row.forEach((v, i) => {
        const format = s.formats?.[i] ?? undefined;
        if (v instanceof Date) added.getCell(i + 1).numFmt = format ?? "yyyy-mm-dd";
        else if (typeof v === "number" && format) added.getCell(i + 1).numFmt = format;
        widths[i] = Math.max(
          widths[i] ?? 8,
          v instanceof Date ? (format?.length ?? 10) + 2 : String(v ?? "").length + 2,
        );
      });
    }
    widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.min(50, Math.max(8, w))));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
