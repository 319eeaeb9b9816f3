import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { wallClock, xlsxDocument } from "../../lib/http/xlsx.ts";

async function firstSheet(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe("xlsxDocument", () => {
  it("keeps text that looks like a formula as text cells, never formulas", async () => {
    const texts = ["=1+1", "+47 99", "-2+3", "@SUM(A1)", "\t=1", '=HYPERLINK("https://evil.example","x")'];
    const sheet = await firstSheet(
      await xlsxDocument([{ name: "Texts", headers: texts.map((_, i) => `h${i}`), rows: [texts, ["\r=1+1"]] }]),
    );
    texts.forEach((text, i) => {
      const cell = sheet.getRow(2).getCell(i + 1);
      expect(cell.type, text).toBe(ExcelJS.ValueType.String);
      expect(cell.formula, text).toBeUndefined();
      expect(cell.value, text).toBe(text);
    });
    // XML turns a carriage return into a line feed; the cell stays text.
    const cr = sheet.getRow(3).getCell(1);
    expect(cr.type).toBe(ExcelJS.ValueType.String);
    expect(cr.value).toMatch(/^[\r\n]=1\+1$/);
  });

  it("writes typed cells: numbers, dates (yyyy-mm-dd or the column's format), booleans, empty cells", async () => {
    const sheet = await firstSheet(
      await xlsxDocument([
        {
          name: "Typed",
          headers: ["n", "d", "t", "b", "e", "h"],
          formats: [null, null, "yyyy-mm-dd hh:mm", null, null, "0.0"],
          rows: [[42, new Date("2026-03-01T00:00:00Z"), new Date("2026-03-01T13:45:00Z"), true, null, 7.5]],
        },
      ]),
    );
    const [n, d, t, b, e, h] = [1, 2, 3, 4, 5, 6].map((i) => sheet.getRow(2).getCell(i));
    expect(n.value).toBe(42);
    expect(n.type).toBe(ExcelJS.ValueType.Number);
    expect(d.value).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(d.numFmt).toBe("yyyy-mm-dd");
    expect(t.value).toEqual(new Date("2026-03-01T13:45:00Z"));
    expect(t.numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(b.value).toBe(true);
    expect(e.value).toBeNull();
    expect(h.value).toBe(7.5);
    expect(h.numFmt).toBe("0.0");
  });

  it("drops characters that would make the file unreadable, and cuts text at Excel's limit", async () => {
    const sheet = await firstSheet(
      await xlsxDocument([{ name: "Odd", headers: ["a", "b"], rows: [["x\uFFFEy\uD800z", "a".repeat(40_000)]] }]),
    );
    expect(sheet.getRow(2).getCell(1).value).toBe("xyz");
    expect((sheet.getRow(2).getCell(2).value as string).length).toBe(32_767);
  });
});

describe("wallClock", () => {
  it("gives Oslo's time of day, in summer and in winter", () => {
    expect(wallClock(new Date("2026-06-01T10:00:00Z"))).toEqual(new Date("2026-06-01T12:00:00Z"));
    expect(wallClock(new Date("2026-01-15T23:30:05.250Z"))).toEqual(new Date("2026-01-16T00:30:05.250Z"));
  });
});
