import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { dashboardXlsx } from "../../lib/dashboards/csv.ts";
import {
  buildTables,
  emptyRow,
  outcomeTable,
  publishRow,
  toCsv,
  type DisplayCell,
  type DisplayTable,
  type Protection,
} from "../../lib/dashboards/tables.ts";
import { filtersToSearch, periodBound, sharedFilters } from "../../lib/dashboards/filters.ts";
import { dashboardFiltersSchema } from "../../lib/dashboards/schemas.ts";
import { KEY_SPACE } from "../../lib/dashboards/protection.ts";
import { formatCell, SUPPRESSED_MARK } from "../../lib/dashboards/format.ts";
import {
  ADDITIVE,
  mapCounts,
  type Dimension,
  type IndicatorRow,
  type Point,
  type PointCounts,
} from "../../lib/dashboards/definitions.ts";
import type { GroupedRow } from "../../lib/dashboards/indicators.ts";

type Counts = Partial<Omit<PointCounts, "due">>;

/** An indicator row whose 12-month counts are given; `due` is the sum of the categories, as in the database. */
function row(
  fields: Partial<Omit<IndicatorRow, "points">>,
  at12: Counts = {},
  point: Point = "MONTHS_12",
): IndicatorRow {
  const r = emptyRow();
  Object.assign(r, fields);
  const p = { ...r.points[point], ...at12 };
  p.due = p.permanent + p.temporary + p.education + p.other + p.unknown;
  r.points[point] = p;
  return r;
}

function sum(rows: IndicatorRow[]): IndicatorRow {
  const total = emptyRow();
  for (const r of rows) {
    for (const k of ["enrolled", "active", "exited", "inActivity", "inPractice", "inJob"] as const) total[k] += r[k];
    for (const point of Object.keys(r.points) as Point[]) {
      for (const k of Object.keys(r.points[point]) as (keyof PointCounts)[])
        total.points[point][k] += r.points[point][k];
    }
  }
  return total;
}

/** Cell keys that round every count down (the largest key) or up (key 0): the perturbation made predictable. */
const DOWN = KEY_SPACE - 1;
const UP = 0;
const keyed = (r: IndicatorRow, key: number) => ({ ...r, keys: mapCounts(r, () => key) });
const PROTECTED: Protection = { threshold: 5 };
const exact = (r: IndicatorRow) => publishRow(r, undefined, null);
const protectedRow = (r: IndicatorRow, key = DOWN) =>
  publishRow(
    r,
    mapCounts(r, () => key),
    PROTECTED,
  );

const COLUMNS = [
  "enrolled",
  "due",
  "permanent",
  "temporary",
  "education",
  "other",
  "unknown",
  "shareWork",
  "sharePermanent",
  "shareWorkOrEducation",
  "shareUnknown",
];
const col = (name: string) => COLUMNS.indexOf(name);
/** A display row as text: "H" for a hidden cell, the value otherwise. */
const shown = (cells: DisplayCell[]) => cells.map((c) => (c.suppressed ? "H" : c.value));

describe("outcomeTable: the share definitions", () => {
  const r = row({ enrolled: 25 }, { permanent: 8, temporary: 4, education: 3, other: 3, unknown: 2 });
  const [only] = outcomeTable("t", [{ key: "a", label: "A", row: exact(r) }], "MONTHS_12", null).rows;
  const value = (name: string) => only.cells[col(name)].value;

  it("has the columns enrolled, due, the five categories and the four shares", () => {
    expect(outcomeTable("t", [], "MONTHS_12", null).columns).toEqual(COLUMNS);
    expect(shown(only.cells).slice(0, 7)).toEqual([25, 20, 8, 4, 3, 3, 2]);
    expect(only.cells.map((c) => c.kind)).toEqual([
      ...Array<string>(7).fill("count"),
      ...Array<string>(4).fill("share"),
    ]);
  });

  it("in work = (permanent + temporary) / due", () => expect(value("shareWork")).toBeCloseTo(12 / 20, 10));
  it("in permanent work = permanent / due", () => expect(value("sharePermanent")).toBeCloseTo(8 / 20, 10));
  it("in work or education = (permanent + temporary + education or vocational) / due", () =>
    expect(value("shareWorkOrEducation")).toBeCloseTo(15 / 20, 10));
  it("unknown = unknown / due (recorded as unknown, or not recorded although due)", () =>
    expect(value("shareUnknown")).toBeCloseTo(2 / 20, 10));

  it("has no share when nobody is due yet", () => {
    const [empty] = outcomeTable(
      "t",
      [{ key: "a", label: "A", row: exact(row({ enrolled: 9 })) }],
      "MONTHS_12",
      null,
    ).rows;
    expect(shown(empty.cells)).toEqual([9, 0, 0, 0, 0, 0, 0, null, null, null, null]);
  });

  it("reads the follow-up point it is asked for", () => {
    const r3 = row({ enrolled: 10 }, { permanent: 2, temporary: 8 }, "MONTHS_3");
    const at3 = outcomeTable("t", [{ key: "a", label: "A", row: exact(r3) }], "MONTHS_3", null).rows[0];
    const at12 = outcomeTable("t", [{ key: "a", label: "A", row: exact(r3) }], "MONTHS_12", null).rows[0];
    expect(shown(at3.cells).slice(0, 8)).toEqual([10, 10, 2, 8, 0, 0, 0, 1]);
    expect(shown(at12.cells).slice(0, 8)).toEqual([10, 0, 0, 0, 0, 0, 0, null]);
  });
});

describe("outcomeTable: protected figures", () => {
  const one = (r: IndicatorRow, key = DOWN) =>
    outcomeTable("t", [{ key: "a", label: "A", row: protectedRow(r, key) }], "MONTHS_12", PROTECTED).rows[0];

  it("rounds every shown count to a multiple of 5, hides 1–4, keeps 0, and computes shares from what it shows", () => {
    const r = row({ enrolled: 27 }, { permanent: 12, temporary: 3, education: 7 });
    // Rounded down: 27 → 25, due 22 → 20, 12 → 10, 3 hidden, 7 → 5; shares over the published due of 20.
    expect(shown(one(r, DOWN).cells)).toEqual([25, 20, 10, "H", 5, 0, 0, "H", 0.5, "H", 0]);
    // Rounded up: 27 → 30, 22 → 25, 12 → 15, 7 → 10.
    expect(shown(one(r, UP).cells)).toEqual([30, 25, 15, "H", 10, 0, 0, "H", 15 / 25, "H", 0]);
  });

  it("hides every share when the published denominator is below 4 × the threshold", () => {
    const r = row({ enrolled: 30 }, { permanent: 10, temporary: 9 }); // due 19 → 15 (down) or 20 (up)
    expect(shown(one(r, DOWN).cells).slice(7)).toEqual(["H", "H", "H", "H"]);
    expect(shown(one(r, UP).cells).slice(7)).toEqual([20 / 20, 10 / 20, 20 / 20, 0]);
  });

  it("never carries a hidden count's true value, and hides all of a small group", () => {
    const small = row({ enrolled: 4 }, { permanent: 2, temporary: 1, unknown: 1 });
    const cells = one(small).cells;
    expect(cells.every((c) => c.suppressed || c.value === 0)).toBe(true);
    expect(cells.filter((c) => c.suppressed).every((c) => c.value === 0 || c.value === null)).toBe(true);
  });

  it("hides nothing in the exact view, however small the counts", () => {
    const groups = [row({ enrolled: 2 }, { permanent: 1, unknown: 1 }), row({ enrolled: 3 }, { temporary: 3 })];
    const rows = [
      ...groups.map((g, i) => ({ key: `g${i}`, label: `G${i}`, row: exact(g) })),
      { key: "total", label: "Total", isTotal: true, row: exact(sum(groups)) },
    ];
    const table = outcomeTable("t", rows, "MONTHS_12", null);
    expect(table.rows.flatMap((r) => r.cells).some((c) => c.suppressed)).toBe(false);
    expect(table.rows.map((r) => shown(r.cells).slice(0, 7))).toEqual([
      [2, 2, 1, 0, 0, 0, 1],
      [3, 3, 0, 3, 0, 0, 0],
      [5, 5, 1, 3, 0, 0, 1],
    ]);
  });

  it("refuses to publish protected figures without cell keys", () => {
    expect(() => publishRow(row({ enrolled: 12 }), undefined, PROTECTED)).toThrow(/cell keys/);
  });
});

describe("buildTables", () => {
  // Two pilots, two target groups, one gender, one cohort year; the totals are the sums, as in the database.
  const alpha = row(
    { enrolled: 14, active: 2, exited: 12, inActivity: 14, inPractice: 10, inJob: 9, medianDaysToJob: 120 },
    { permanent: 6, temporary: 3, education: 3 },
  );
  const beta = row(
    { enrolled: 16, active: 0, exited: 16, inActivity: 15, inPractice: 12, inJob: 14, medianDaysToJob: 90 },
    { permanent: 9, temporary: 5, other: 2 },
  );
  const total = { ...sum([alpha, beta]), medianDaysToJob: 100 };
  const refugees = row({ enrolled: 20, active: 2, exited: 18 }, { permanent: 10, temporary: 5, education: 3 });
  const immigrants = row({ enrolled: 10, active: 0, exited: 10 }, { permanent: 5, temporary: 3, other: 2 });
  const grouped: GroupedRow[] = (
    [
      { dimension: "total", key: null, row: total },
      { dimension: "pilot", key: "p2", row: beta },
      { dimension: "pilot", key: "p1", row: alpha },
      { dimension: "targetGroup", key: "SETTLED_REFUGEE", row: refugees },
      { dimension: "targetGroup", key: "IMMIGRANT", row: immigrants },
      { dimension: "gender", key: "FEMALE", row: total },
      { dimension: "year", key: "2007", row: beta },
      { dimension: "year", key: "2006", row: alpha },
      { dimension: "organisation", key: "o1", row: row({ enrolled: 7, exited: 7 }, { permanent: 7 }) },
      { dimension: "organisation", key: "o2", row: row({ enrolled: 12, exited: 12 }, { permanent: 8, temporary: 4 }) },
    ] as GroupedRow[]
  ).map((g) => ({ ...g, ...keyed(g.row, DOWN), row: g.row }));
  const names: Record<string, string> = {
    p1: "Beta pilot",
    p2: "Alpha pilot",
    o1: "Org One",
    o2: "Org Two",
    SETTLED_REFUGEE: "Refugees",
    IMMIGRANT: "Immigrants",
    FEMALE: "Women",
  };
  const label = (_dimension: Dimension, key: string | null) => (key === null ? "" : (names[key] ?? key));
  const build = (shared: boolean) =>
    buildTables({ grouped, point: "MONTHS_12", protection: shared ? PROTECTED : null, label, totalLabel: "Total" });

  it("has a breakdown per dimension, with a total row only where the groups add up", () => {
    const { breakdowns } = build(false);
    for (const dimension of Object.keys(ADDITIVE) as Dimension[]) {
      const rows = breakdowns[dimension].rows;
      expect(
        rows.some((r) => r.isTotal),
        dimension,
      ).toBe(ADDITIVE[dimension]);
      if (ADDITIVE[dimension]) expect(rows.at(-1)).toMatchObject({ key: "total", label: "Total", isTotal: true });
    }
    expect(breakdowns.pilot.rows.map((r) => r.label)).toEqual(["Alpha pilot", "Beta pilot", "Total"]);
    expect(breakdowns.year.rows.map((r) => r.key)).toEqual(["2006", "2007", "total"]);
    expect(breakdowns.organisation.rows.map((r) => r.label)).toEqual(["Org One", "Org Two"]);
    expect(breakdowns.quarter.rows.map((r) => r.key)).toEqual(["total"]);
  });

  it("has exact figures in the exact view", () => {
    const { headline, funnel, overTime, breakdowns } = build(false);
    expect(headline.columns).toEqual([
      "enrolled",
      "active",
      "exited",
      "due",
      "shareWork",
      "sharePermanent",
      "shareWorkOrEducation",
      "shareUnknown",
      "medianDaysToJob",
    ]);
    expect(shown(headline.rows[0].cells)).toEqual([30, 2, 28, 28, 23 / 28, 15 / 28, 26 / 28, 0, 100]);
    expect(shown(funnel.rows[0].cells)).toEqual([30, 29, 22, 23]);
    expect(overTime.rows.map((r) => r.key)).toEqual(["AT_EXIT", "MONTHS_3", "MONTHS_6", "MONTHS_12"]);
    expect(shown(overTime.rows[3].cells).slice(0, 6)).toEqual([28, 15, 8, 3, 2, 0]);
    expect(shown(breakdowns.pilot.rows[0].cells).slice(0, 7)).toEqual([16, 16, 9, 5, 0, 2, 0]);
    for (const table of [headline, funnel, overTime, ...Object.values(breakdowns)]) {
      expect(
        table.rows.flatMap((r) => r.cells).some((c) => c.suppressed),
        table.id,
      ).toBe(false);
    }
  });

  it("protects the shared view: breakdowns, over time and funnel (rounded down here)", () => {
    const { funnel, overTime, breakdowns } = build(true);
    expect(breakdowns.pilot.rows.map((r) => shown(r.cells))).toEqual([
      [15, 15, 5, 5, 0, "H", 0, "H", "H", "H", "H"],
      [10, 10, 5, "H", "H", 0, 0, "H", "H", "H", "H"],
      [30, 25, 15, 5, "H", "H", 0, 20 / 25, 15 / 25, "H", 0],
    ]);
    expect(shown(overTime.rows[3].cells)).toEqual([25, 15, 5, "H", "H", 0, 20 / 25, 15 / 25, "H", 0]);
    expect(shown(funnel.rows[0].cells)).toEqual([30, 25, 20, 20]);
    for (const table of [funnel, overTime, ...Object.values(breakdowns)]) {
      for (const c of table.rows.flatMap((r) => r.cells))
        if (c.kind === "count" && !c.suppressed) expect(c.value % 5, table.id).toBe(0);
    }
  });

  it("has a headline equal to the total row of the breakdowns", () => {
    for (const shared of [false, true]) {
      const { headline, breakdowns } = build(shared);
      const cells = headline.rows[0].cells;
      for (const dimension of ["pilot", "targetGroup", "gender", "year", "quarter"] as const) {
        const totalRow = breakdowns[dimension].rows.find((r) => r.isTotal)!;
        const label = `${dimension}, shared=${shared}`;
        expect(cells[0], label).toEqual(totalRow.cells[col("enrolled")]);
        expect(cells[3], label).toEqual(totalRow.cells[col("due")]);
        expect(cells.slice(4, 8), label).toEqual(totalRow.cells.slice(col("shareWork")));
      }
    }
  });

  it("publishes enrolled, active and exited each on its own: rounded, small ones hidden", () => {
    const { headline } = build(true);
    const [enrolled, active, exited] = headline.rows[0].cells;
    expect(enrolled).toEqual({ kind: "count", value: 30, suppressed: false });
    expect(active.suppressed).toBe(true); // 2 people
    expect(exited).toEqual({ kind: "count", value: 25, suppressed: false }); // 28, rounded down: 30 − 25 is not the 2 active
    expect(shown(build(false).headline.rows[0].cells).slice(0, 3)).toEqual([30, 2, 28]);
  });

  it("exports a table to Excel with typed cells: numbers, shares as per cent, hidden figures as ':', names as text", async () => {
    const tables = build(true);
    const nasty = '=HYPERLINK("http://evil.example","Klikk her")';
    tables.breakdowns.pilot.rows[0].label = nasty;
    const t = ((key: string) => key) as unknown as TFunction;
    const buffer = await dashboardXlsx(tables, "pilot", t);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const table = tables.breakdowns.pilot;
    expect(sheet.getRow(1).getCell(2).value).toBe("dashboard:columns.enrolled");
    table.rows.forEach((row, r) => {
      const excel = sheet.getRow(r + 2);
      expect(excel.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(excel.getCell(1).value).toBe(row.label);
      row.cells.forEach((cell, i) => {
        const target = excel.getCell(i + 2);
        if (cell.suppressed) expect(target.value).toBe(":");
        else if (cell.value === null) expect(target.value).toBeNull();
        else {
          expect(target.type).toBe(ExcelJS.ValueType.Number);
          expect(target.value).toBe(cell.value);
          expect(target.numFmt ?? "").toBe(cell.kind === "share" ? "0 %" : "");
        }
      });
    });
    expect(table.rows.some((r) => r.cells.some((c) => c.suppressed))).toBe(true);
    // The name that looks like a formula is a text cell, not a formula.
    expect(sheet.getRow(2).getCell(1).formula).toBeUndefined();
  });

  it("rounds the median time to a job to 10 days, and hides it over fewer than 4 × threshold jobs", () => {
    const few = row({
      enrolled: 12,
      active: 6,
      exited: 6,
      inActivity: 12,
      inPractice: 8,
      inJob: 3,
      medianDaysToJob: 45,
    });
    const tables = buildTables({
      grouped: [{ dimension: "total", key: null, ...keyed(few, DOWN), row: few }],
      point: "MONTHS_12",
      protection: PROTECTED,
      label,
      totalLabel: "Total",
    });
    expect(tables.headline.rows[0].cells.at(-1)).toEqual({ kind: "days", value: null, suppressed: true });
    expect(shown(tables.funnel.rows[0].cells)).toEqual([10, 10, 5, "H"]);
    const many = row({ enrolled: 40, inJob: 24, medianDaysToJob: 97 });
    const shownMedian = buildTables({
      grouped: [{ dimension: "total", key: null, ...keyed(many, DOWN), row: many }],
      point: "MONTHS_12",
      protection: PROTECTED,
      label,
      totalLabel: "Total",
    });
    expect(shownMedian.headline.rows[0].cells.at(-1)).toEqual({ kind: "days", value: 100, suppressed: false });
  });

  it("has an empty dashboard when there is nothing (no total row from the database)", () => {
    const { headline, breakdowns } = buildTables({
      grouped: [],
      point: "MONTHS_12",
      protection: PROTECTED,
      label,
      totalLabel: "Total",
    });
    expect(shown(headline.rows[0].cells)).toEqual([0, 0, 0, 0, null, null, null, null, null]);
    expect(breakdowns.pilot.rows).toHaveLength(1);
  });
});

/** RFC 4180 parsing, to read back what toCsv wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = "";
      i++;
    } else field += ch;
  }
  expect(field, "text after the last line break").toBe("");
  return rows;
}

describe("toCsv", () => {
  const groups = [
    row({ enrolled: 14 }, { permanent: 6, temporary: 3, education: 3 }),
    row({ enrolled: 1620 }, { permanent: 1509, temporary: 88, other: 2 }),
  ];
  const rows = [
    { key: "a", label: 'Alpha, "A"; team', row: protectedRow(groups[0], UP) },
    { key: "b", label: "Beta\nsecond line", row: protectedRow(groups[1], UP) },
    { key: "total", label: "Total", isTotal: true, row: protectedRow(sum(groups), UP) },
  ];
  const table: DisplayTable = outcomeTable("pilot", rows, "MONTHS_12", PROTECTED);
  const csv = toCsv(table, { label: "Pilot; name", columns: table.columns }, (cell) => formatCell("en", cell));

  it("writes UTF-8 with a byte order mark, CRLF line ends and RFC 4180 quoting", () => {
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF"Pilot; name",${COLUMNS.join(",")}`);
    expect(csv).toContain('\r\n"Alpha, ""A""; team",15,15,10,:,:,0,0,:,:,:,:\r\n');
    expect(csv).toContain('\r\n"Beta\nsecond line","1,620","1,600","1,510",90,0,:,0,100%,94%,100%,0%\r\n');
    expect(csv.endsWith('Total,"1,635","1,615","1,515",95,:,:,0,100%,94%,:,0%\r\n')).toBe(true);
  });

  it("reads back to the labels and the cells as shown", () => {
    const parsed = parseCsv(csv.slice(1));
    expect(parsed).toHaveLength(4);
    expect(parsed[0]).toEqual(["Pilot; name", ...COLUMNS]);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(['Alpha, "A"; team', "Beta\nsecond line", "Total"]);
    for (const [i, r] of table.rows.entries()) {
      expect(parsed[i + 1].slice(1)).toEqual(r.cells.map((c) => formatCell("en", c)));
    }
  });

  it("writes ':' for a hidden cell and never its value", () => {
    const parsed = parseCsv(csv.slice(1));
    let hiddenCells = 0;
    for (const [i, r] of table.rows.entries()) {
      for (const [j, cell] of r.cells.entries()) {
        if (!cell.suppressed) continue;
        hiddenCells++;
        const text = parsed[i + 1][j + 1];
        expect(text).toBe(SUPPRESSED_MARK);
        if (cell.value !== null) {
          expect(text).not.toContain(String(cell.kind === "share" ? Math.round(cell.value * 100) : cell.value));
        }
      }
    }
    expect(hiddenCells).toBe(10);
    // The hidden small counts appear nowhere in Alpha's line (3 temporary, 3 in education; 9 in work, 75 % in work).
    const alphaLine = csv.split("\r\n")[1];
    expect(alphaLine.replace('"Alpha, ""A""; team",', "").split(",")).toEqual([
      "15",
      "15",
      "10",
      ":",
      ":",
      "0",
      "0",
      ":",
      ":",
      ":",
      ":",
    ]);
    expect(alphaLine).not.toMatch(/(^|,)(3|9|75%)(,|$)/);
  });

  it("formats a hidden cell as the mark in every locale", () => {
    for (const locale of ["nb", "sv", "en"] as const) {
      expect(formatCell(locale, { kind: "count", value: 3, suppressed: true })).toBe(":");
      expect(formatCell(locale, { kind: "share", value: 0.25, suppressed: true })).toBe(":");
      expect(formatCell(locale, { kind: "days", value: 40, suppressed: true })).toBe(":");
    }
    expect(formatCell("en", { kind: "share", value: null, suppressed: false })).toBe("–");
  });

  it("quotes fields with a comma, a quote, a semicolon or a line break, and only those", () => {
    const t: DisplayTable = {
      id: "x",
      columns: ["n"],
      rows: ["plain", "a,b", 'say "hi"', "x;y", "two\r\nlines", "one\nline"].map((label, i) => ({
        key: String(i),
        label,
        cells: [{ kind: "count" as const, value: i, suppressed: false }],
      })),
    };
    const out = toCsv(t, { label: "", columns: ["n"] }, (c) => String(c.value));
    expect(out).toBe(
      `\uFEFF,n\r\nplain,0\r\n"a,b",1\r\n"say ""hi""",2\r\n"x;y",3\r\n"two\r\nlines",4\r\n"one\nline",5\r\n`,
    );
  });
});

describe("filters", () => {
  it("turns a year or a quarter into its first day, or the day after it ends", () => {
    const iso = (d: Date) => d.toISOString();
    expect(iso(periodBound("2006", "start"))).toBe("2006-01-01T00:00:00.000Z");
    expect(iso(periodBound("2006", "endExclusive"))).toBe("2007-01-01T00:00:00.000Z");
    expect(iso(periodBound("2006-Q1", "start"))).toBe("2006-01-01T00:00:00.000Z");
    expect(iso(periodBound("2006-Q1", "endExclusive"))).toBe("2006-04-01T00:00:00.000Z");
    expect(iso(periodBound("2006-Q3", "start"))).toBe("2006-07-01T00:00:00.000Z");
    expect(iso(periodBound("2006-Q4", "endExclusive"))).toBe("2007-01-01T00:00:00.000Z");
    expect(iso(periodBound("2024-Q2", "endExclusive"))).toBe("2024-07-01T00:00:00.000Z");
  });

  it("parses the URL's filters and defaults to the 12-month point", () => {
    expect(dashboardFiltersSchema.parse({})).toEqual({ point: "MONTHS_12" });
    expect(
      dashboardFiltersSchema.parse({
        from: "2006",
        to: "2007-Q4",
        pilot: "abc123",
        targetGroup: "IMMIGRANT",
        point: "AT_EXIT",
      }),
    ).toEqual({ from: "2006", to: "2007-Q4", pilot: "abc123", targetGroup: "IMMIGRANT", point: "AT_EXIT" });
  });

  it("ignores anything malformed instead of failing", () => {
    const parsed = dashboardFiltersSchema.parse({
      from: "2006-Q5",
      to: "06",
      pilot: "x' or 1=1 --",
      targetGroup: "EVERYONE",
      point: "MONTHS_24",
    });
    expect(parsed).toEqual({ point: "MONTHS_12" });
    expect(dashboardFiltersSchema.parse({ from: ["2006"], pilot: "A".repeat(10), point: 3 })).toEqual({
      point: "MONTHS_12",
    });
    expect(dashboardFiltersSchema.parse({ pilot: "a".repeat(41) }).pilot).toBeUndefined();
  });

  it("applies period windows in whole years in shared views", () => {
    expect(sharedFilters({ from: "2006-Q2", to: "2009-Q3", point: "MONTHS_12", pilot: "p1" })).toEqual({
      from: "2006",
      to: "2009",
      point: "MONTHS_12",
      pilot: "p1",
    });
    expect(sharedFilters({ point: "AT_EXIT" })).toEqual({ from: undefined, to: undefined, point: "AT_EXIT" });
  });

  it("writes the filters back as a query string, leaving out the empty ones", () => {
    expect(filtersToSearch({ from: "2006", to: undefined, pilot: "", point: "MONTHS_6" })).toBe(
      "from=2006&point=MONTHS_6",
    );
    expect(new URLSearchParams(filtersToSearch({ from: "2006-Q1", to: "2007" })).get("from")).toBe("2006-Q1");
  });
});

describe("csvDocument", () => {
  it("separates with ';' for Norwegian and Swedish Excel and ',' for English, quoting either separator", async () => {
    const { csvDocument } = await import("../../lib/http/csv.ts");
    expect(
      csvDocument(
        [
          ["a", "b, c"],
          ["1", "x; y"],
        ],
        "nb",
      ),
    ).toBe('\uFEFFa;"b, c"\r\n1;"x; y"\r\n');
    expect(
      csvDocument(
        [
          ["a", "b, c"],
          ["1", "x; y"],
        ],
        "sv",
      ),
    ).toBe('\uFEFFa;"b, c"\r\n1;"x; y"\r\n');
    expect(
      csvDocument(
        [
          ["a", "b, c"],
          ["1", "x; y"],
        ],
        "en",
      ),
    ).toBe('\uFEFFa,"b, c"\r\n1,"x; y"\r\n');
  });

  it("writes a text that a spreadsheet would evaluate as a formula so that it is only text (CSV injection)", async () => {
    const { csvDocument } = await import("../../lib/http/csv.ts");
    const attacks = [
      '=HYPERLINK("http://evil.example","Klikk her")',
      "+1+1",
      "-2+3",
      "@SUM(A1)",
      "\tx",
      "\rx",
      "=1\n+2",
    ];
    const csv = csvDocument([attacks], "nb");
    const cells = parseCsv(csv.replace(/^\uFEFF/, "").replace(/;/g, ","))[0];
    expect(cells).toEqual(attacks.map((a) => `'${a}`));
    // What is not a formula is written as it is: counts, shares, the suppression mark, a dash for nothing.
    expect(csvDocument([["15", "86 %", ":", "–", "Verdal"]], "nb")).toBe("\uFEFF15;86 %;:;–;Verdal\r\n");
  });
});
