import "server-only";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { AppError } from "../errors.ts";

/** What an import accepts: a file of at most 10 MB with at most 100 000 rows under its header. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;
const MAX_COLUMNS = 200;
/**
 * An XLSX is a zip of XML. Before exceljs inflates it (all of it, in memory), the zip is measured: at most this
 * much XML in all (a legitimate 100 000-row, 25-column sheet is ~90 MB, 8× its zipped size), no part packed
 * tighter than 100 to 1 once it is over a megabyte (a "zip bomb" of zeros packs 1 000 to 1), and no more parts
 * than a workbook has. The sizes the zip declares are checked, then the parts are inflated as a stream and
 * counted, so a zip that declares less than it holds is caught too, without ever holding it in memory.
 */
export const XLSX_MAX_UNPACKED_BYTES = 160 * 1024 * 1024;
const XLSX_MAX_RATIO = 100;
const XLSX_MAX_ENTRIES = 2_000;

export type Table = { headers: string[]; rows: string[][] };

const refusal = (key: string, data?: Record<string, string>) =>
  new AppError("INVALID_INPUT", `import:errors.${key}`, undefined, data);
const refuse = (key: string, data?: Record<string, string>): never => {
  throw refusal(key, data);
};

/** The refusal of a file over the size limit (also given by the upload route, from the request's length). */
export const tooLargeError = () => refusal("tooLarge", { max: String(IMPORT_MAX_BYTES / 1024 / 1024) });
const tooManyRows = () => refuse("tooManyRows", { max: IMPORT_MAX_ROWS.toLocaleString("en").replace(/,/g, " ") });

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * A CSV or XLSX file as a table of text cells, or a refusal with a translated reason (empty, too large, too
 * many rows, not a spreadsheet, a header only). CSV: `,`, `;` or tab, UTF-8 with or without a byte order mark,
 * UTF-16 (Excel's "Unicode text") or Windows-1252 (what Norwegian and Swedish Excel save as "CSV"); parsed by
 * papaparse. XLSX: the first sheet, read by exceljs; a date cell becomes an ISO date, a formula stays a formula
 * (`=…`) so that the row check refuses it instead of importing a value nobody typed.
 */
export async function readSpreadsheet(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) refuse("empty");
  if (bytes.length > IMPORT_MAX_BYTES) throw tooLargeError();
  const table = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])
    ? await readXlsx(bytes)
    : startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])
      ? refuse("oldExcel")
      : readCsv(decodeText(bytes));
  return tidy(table);
}

function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  // A NUL byte or many control characters: an image, a PDF, an archive — not text.
  const head = bytes.subarray(0, 65_536);
  let control = 0;
  for (const b of head) {
    if (b === 0) refuse("notSpreadsheet");
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  }
  if (control > head.length / 100) refuse("notSpreadsheet");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

function readCsv(text: string): Table {
  const parsed = Papa.parse<string[]>(text, {
    delimitersToGuess: [";", ",", "\t"],
    skipEmptyLines: "greedy",
    // One row more than allowed tells that there are too many, without parsing a huge file to its end.
    preview: IMPORT_MAX_ROWS + 2,
  });
  const [headers = [], ...rows] = parsed.data;
  return { headers, rows };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value)
      return `=${"formula" in value ? value.formula : value.sharedFormula}`;
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value);
}

/** Refuses an XLSX whose parts would unpack to more than the import can hold (see XLSX_MAX_UNPACKED_BYTES). */
export async function checkZipBounds(bytes: Uint8Array): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, file) =>
      error ? reject(error) : resolve(file),
    ),
  ).catch(() => refuse("notSpreadsheet"));
  const unpackedTooLarge = () => refusal("unpackedTooLarge", { max: String(XLSX_MAX_UNPACKED_BYTES / 1024 / 1024) });
  let entries = 0;
  let declared = 0;
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        entries += 1;
        declared += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (entries > XLSX_MAX_ENTRIES || declared > XLSX_MAX_UNPACKED_BYTES) return reject(unpackedTooLarge());
        if (entry.uncompressedSize > 1024 * 1024 && ratio > XLSX_MAX_RATIO) return reject(unpackedTooLarge());
        if (/\/$/.test(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(error);
          stream.on("data", (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > XLSX_MAX_UNPACKED_BYTES) stream.destroy(unpackedTooLarge());
          });
          stream.on("error", reject);
          stream.on("end", () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    // A part that inflates to more than the zip said it would, or is damaged.
    refuse("notSpreadsheet");
  } finally {
    zip.close();
  }
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  await checkZipBounds(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    refuse("notSpreadsheet");
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) refuse("empty");
  if (sheet!.actualRowCount > IMPORT_MAX_ROWS + 1) tooManyRows();
  const lines: string[][] = [];
  sheet!.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    // exceljs's row values start at index 1 (column A).
    lines.push(values.slice(1).map(cellText));
  });
  const [headers = [], ...rows] = lines;
  return { headers, rows };
}

/** Trimmed cells, no empty rows, no columns without a header or a value, and the limits checked. */
function tidy(table: Table): Table {
  const rows = table.rows.map((r) => r.map((c) => (c ?? "").trim())).filter((r) => r.some((c) => c !== ""));
  const headers = table.headers.map((h) => (h ?? "").trim());
  if (headers.every((h) => h === "") && rows.length === 0) refuse("empty");
  if (rows.length === 0) refuse("headerOnly");
  if (rows.length > IMPORT_MAX_ROWS) tooManyRows();
  let width = headers.length;
  for (const r of rows) width = Math.max(width, r.length);
  if (width > MAX_COLUMNS) refuse("tooManyColumns", { max: String(MAX_COLUMNS) });
  // Keep a column that has a header or a value in any row.
  const keep: number[] = [];
  for (let i = 0; i < width; i++) if (headers[i] || rows.some((r) => r[i])) keep.push(i);
  return {
    headers: keep.map((i) => headers[i] || columnLetter(i)),
    rows: rows.map((r) => keep.map((i) => r[i] ?? "")),
  };
}

/** A, B, …, Z, AA, … as in a spreadsheet, for a column without a header. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
