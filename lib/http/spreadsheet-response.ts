import "server-only";
import { csvDocument } from "./csv.ts";
import { XLSX_TYPE, xlsxDocument, type XlsxCell } from "./xlsx.ts";
import type { Locale } from "../i18n/settings.ts";

export const CSV_TYPE = "text/csv; charset=utf-8";

/**
 * A file to download: the one place a route writes download headers (attachment with its name, never cached, as
 * the type it is).
 */
export function downloadResponse(
  body: string | Uint8Array | Buffer,
  options: { fileName: string; contentType: string },
): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "content-type": options.contentType,
      "content-disposition": `attachment; filename="${options.fileName}"`,
      "cache-control": "no-store",
    },
  });
}

/** A download of one table as XLSX (typed cells) or CSV (the reader's list separator, formulas neutralised). */
export async function spreadsheetResponse(
  table: { headers: string[]; rows: XlsxCell[][] },
  options: { format: "csv" | "xlsx"; locale: Locale; fileName: string; sheet: string },
): Promise<Response> {
  const fileName = `${options.fileName}.${options.format}`;
  if (options.format === "xlsx") {
    const body = await xlsxDocument([{ name: options.sheet, headers: table.headers, rows: table.rows }]);
    return downloadResponse(body, { fileName, contentType: XLSX_TYPE });
  }
  const text = (v: XlsxCell) =>
    v === null || v === undefined ? "" : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  const csv = csvDocument([table.headers, ...table.rows.map((r) => r.map(text))], options.locale);
  return downloadResponse(csv, { fileName, contentType: CSV_TYPE });
}
