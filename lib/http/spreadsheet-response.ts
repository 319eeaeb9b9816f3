import { csvDocument } from "./csv.ts";
import { XLSX_TYPE, xlsxDocument, type XlsxCell } from "./xlsx.ts";
import type { Locale } from "../i18n/settings.ts";

/** A download of one table as XLSX (typed cells) or CSV (the reader's list separator, formulas neutralised). */
export async function spreadsheetResponse(
  table: { headers: string[]; rows: XlsxCell[][] },
  options: { format: "csv" | "xlsx"; locale: Locale; fileName: string; sheet: string },
): Promise<Response> {
  const headers = {
    "content-disposition": `attachment; filename="${options.fileName}.${options.format}"`,
    "cache-control": "no-store",
  };
  if (options.format === "xlsx") {
    const body = await xlsxDocument([{ name: options.sheet, headers: table.headers, rows: table.rows }]);
    return new Response(new Uint8Array(body), { headers: { ...headers, "content-type": XLSX_TYPE } });
  }
  const text = (v: XlsxCell) =>
    v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  const csv = csvDocument([table.headers, ...table.rows.map((r) => r.map(text))], options.locale);
  return new Response(csv, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
