/**
 * An XLSX is a zip: a small file can unpack to gigabytes. The import measures the zip before exceljs inflates
 * it (lib/import/read-file.ts): a file whose parts declare too much, pack too tightly, or hold more than they
 * declare is refused with a translated reason, and memory stays bounded while it is checked.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import ExcelJS from "exceljs";
import { readSpreadsheet, XLSX_MAX_UNPACKED_BYTES } from "../../lib/import/read-file.ts";
import { AppError } from "../../lib/errors.ts";

/** `size` bytes of one repeated sheet row, streamed (never held in memory). */
function repeated(size: number, chunk = Buffer.from('<row><c t="inlineStr"><is><t>0</t></is></c></row>'.repeat(1000))) {
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      this.push(piece);
    },
  });
}

async function zipOf(entries: { name: string; size: number }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addReadStream(repeated(e.size), e.name, { size: e.size });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Rewrites every central-directory entry's uncompressed size to `declared`: a zip that lies about its parts. */
function lyingAbout(zip: Buffer, declared: number): Buffer {
  const copy = Buffer.from(zip);
  for (let i = 0; i < copy.length - 4; i++) {
    if (copy.readUInt32LE(i) === 0x02014b50) copy.writeUInt32LE(declared, i + 24);
  }
  return copy;
}

const refusal = async (bytes: Uint8Array) => {
  try {
    await readSpreadsheet(bytes);
    return "read";
  } catch (error) {
    return error instanceof AppError ? error.messageKey : String(error);
  }
};

const xlsxParts = [
  { name: "[Content_Types].xml", size: 600 },
  { name: "xl/workbook.xml", size: 300 },
];

let bombOnce: Promise<Buffer> | undefined;
/** A 400 MB sheet in a file of about 2 MB, made once for the tests that need it. */
const bomb400 = () =>
  (bombOnce ??= zipOf([...xlsxParts, { name: "xl/worksheets/sheet1.xml", size: 400 * 1024 * 1024 }]));

describe("a zip bomb in an import", () => {
  it("refuses a sheet that declares 400 MB (a 2 MB file), without inflating it", async () => {
    const bomb = await bomb400();
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await refusal(bomb)).toBe("import:errors.unpackedTooLarge");
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it("refuses a part packed far tighter than any spreadsheet, even under the total", async () => {
    const tight = await zipOf([...xlsxParts, { name: "xl/worksheets/sheet1.xml", size: 100 * 1024 * 1024 }]);
    expect(XLSX_MAX_UNPACKED_BYTES).toBeGreaterThan(100 * 1024 * 1024);
    expect(await refusal(tight)).toBe("import:errors.unpackedTooLarge");
  });

  // exceljs's own zip reader happens to refuse this one too; the bound here does not depend on it.
  it("refuses a bomb that declares its 400 MB as 64 KB (caught while inflating, as a stream), memory bounded", async () => {
    const lying = lyingAbout(await bomb400(), 64 * 1024);
    const before = process.memoryUsage().rss;
    expect(await refusal(lying)).toBe("import:errors.notSpreadsheet");
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it("still reads a real workbook", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Deltakere");
    sheet.addRow(["Navn", "Fødselsår"]);
    sheet.addRow(["Ada", 1990]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readSpreadsheet(bytes)).toEqual({ headers: ["Navn", "Fødselsår"], rows: [["Ada", "1990"]] });
  });
});
