import {
  ADDITIVE, CATEGORIES, POINTS, type Dimension, type IndicatorRow, type Point, type PointCounts,
  shareInPermanentWork, shareInWork, shareInWorkOrEducation, shareUnknown,
} from "./definitions.ts";
import { gridRelations, suppressTable, type Cell } from "./suppression.ts";
import { csvDocument } from "../http/csv.ts";
import type { GroupedRow } from "./indicators.ts";

/**
 * The dashboard's tables, ready to show or export, with suppression applied when the view is shared.
 * Column keys are translation keys under dashboard:columns.
 */
export type DisplayCell =
  | { kind: "count"; value: number; suppressed: boolean }
  | { kind: "share"; value: number | null; suppressed: boolean }
  | { kind: "days"; value: number | null; suppressed: boolean };

export type DisplayRow = { key: string; label: string; isTotal?: boolean; cells: DisplayCell[] };
export type DisplayTable = { id: string; columns: string[]; rows: DisplayRow[] };

const COUNT_COLUMNS = ["due", ...CATEGORIES] as const;
const SHARE_COLUMNS = ["shareWork", "sharePermanent", "shareWorkOrEducation", "shareUnknown"] as const;

type Labeller = (dimension: Dimension, key: string | null) => string;

function shares(counts: Cell[], point: PointCounts): DisplayCell[] {
  // counts: [due, permanent, temporary, education, other, unknown]; a share is hidden when an input is.
  const [due, permanent, temporary, education, , unknown] = counts;
  const hidden = (...cells: Cell[]) => cells.some((c) => c.suppressed);
  return [
    { kind: "share", value: shareInWork(point), suppressed: hidden(due, permanent, temporary) },
    { kind: "share", value: shareInPermanentWork(point), suppressed: hidden(due, permanent) },
    { kind: "share", value: shareInWorkOrEducation(point), suppressed: hidden(due, permanent, temporary, education) },
    { kind: "share", value: shareUnknown(point), suppressed: hidden(due, unknown) },
  ];
}

function countValues(row: IndicatorRow, point: Point, leading: number[]): number[] {
  const p = row.points[point];
  return [...leading, ...COUNT_COLUMNS.map((c) => p[c])];
}

/** A breakdown at one follow-up point: enrolled, then the outcome categories, then the shares. */
export function outcomeTable(id: string, rows: { key: string; label: string; isTotal?: boolean; row: IndicatorRow }[], point: Point, shared: boolean, threshold: number, additive: boolean): DisplayTable {
  const values = rows.map((r) => countValues(r.row, point, [r.row.enrolled]));
  // Column 1 (due) is the total of columns 2–6 (the categories); rows add up to the total row when additive.
  const relations = gridRelations(rows.length, [2, 3, 4, 5, 6], 1, additive, [0, 1, 2, 3, 4, 5, 6]);
  const cells: Cell[][] = shared ? suppressTable(values, relations, threshold) : values.map((r) => r.map((value) => ({ value, suppressed: false })));
  return {
    id,
    columns: ["enrolled", ...COUNT_COLUMNS, ...SHARE_COLUMNS],
    rows: rows.map((r, i) => ({
      key: r.key,
      label: r.label,
      isTotal: r.isTotal,
      cells: [
        ...cells[i].map((c): DisplayCell => ({ kind: "count", ...c })),
        ...shares(cells[i].slice(1), r.row.points[point]),
      ],
    })),
  };
}

export function buildTables(options: {
  grouped: GroupedRow[];
  point: Point;
  shared: boolean;
  threshold: number;
  label: Labeller;
  totalLabel: string;
}): { headline: DisplayTable; funnel: DisplayTable; overTime: DisplayTable; breakdowns: Record<Dimension, DisplayTable> } {
  const { grouped, point, shared, threshold, label, totalLabel } = options;
  const total = grouped.find((g) => g.dimension === "total")?.row ?? emptyRow();
  const hide = (value: number) => shared && value > 0 && value < threshold;
  const count = (value: number): DisplayCell => ({ kind: "count", value, suppressed: hide(value) });

  const funnel: DisplayTable = {
    id: "funnel",
    columns: ["enrolled", "inActivity", "inPractice", "inJob"],
    rows: [{ key: "total", label: totalLabel, isTotal: true, cells: [total.enrolled, total.inActivity, total.inPractice, total.inJob].map(count) }],
  };

  const overTimeValues = POINTS.map((p) => COUNT_COLUMNS.map((c) => total.points[p][c]));
  const overTimeCells = shared
    ? suppressTable(overTimeValues, gridRelations(POINTS.length, [1, 2, 3, 4, 5], 0, false, []), threshold)
    : overTimeValues.map((r) => r.map((value) => ({ value, suppressed: false })));
  const overTime: DisplayTable = {
    id: "overTime",
    columns: [...COUNT_COLUMNS, ...SHARE_COLUMNS],
    rows: POINTS.map((p, i) => ({
      key: p,
      label: p,
      cells: [...overTimeCells[i].map((c): DisplayCell => ({ kind: "count", ...c })), ...shares(overTimeCells[i], total.points[p])],
    })),
  };

  const breakdowns = {} as Record<Dimension, DisplayTable>;
  for (const dimension of Object.keys(ADDITIVE) as Dimension[]) {
    const groups = grouped
      .filter((g) => g.dimension === dimension)
      .map((g) => ({ key: g.key ?? "", label: label(dimension, g.key), row: g.row }))
      .sort((a, b) => (dimension === "year" || dimension === "quarter" ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label)));
    const rows = ADDITIVE[dimension] ? [...groups, { key: "total", label: totalLabel, isTotal: true, row: total }] : groups;
    breakdowns[dimension] = outcomeTable(dimension, rows, point, shared, threshold, ADDITIVE[dimension]);
  }

  // The headline repeats the total row of the breakdowns, so it is hidden exactly where they hide it.
  const totalRow = breakdowns.pilot.rows.find((r) => r.isTotal)!;
  const [enrolledCell, dueCell] = totalRow.cells;
  // enrolled = active + exited: where one of the three is hidden, the other two would give it away, so one more
  // is hidden (of active and exited: enrolled is as the breakdowns show it), the smaller non-zero one.
  const active = count(total.active);
  const exited = count(total.exited);
  if ([enrolledCell, active, exited].filter((c) => c.suppressed).length === 1) {
    const smaller = (total.active > 0 && total.active <= total.exited) || total.exited === 0 ? active : exited;
    (active.suppressed ? exited : exited.suppressed ? active : smaller).suppressed = true;
  }
  const headline: DisplayTable = {
    id: "headline",
    columns: ["enrolled", "active", "exited", "due", ...SHARE_COLUMNS, "medianDaysToJob"],
    rows: [{
      key: "total",
      label: totalLabel,
      isTotal: true,
      cells: [
        enrolledCell, active, exited, dueCell,
        ...totalRow.cells.slice(1 + COUNT_COLUMNS.length),
        { kind: "days", value: total.medianDaysToJob, suppressed: hide(total.inJob) },
      ],
    }],
  };
  return { headline, funnel, overTime, breakdowns };
}

export function emptyRow(): IndicatorRow {
  const zero = { due: 0, permanent: 0, temporary: 0, education: 0, other: 0, unknown: 0, permanentFullTime: 0, permanentPartTime: 0 };
  return {
    enrolled: 0, active: 0, exited: 0, inActivity: 0, inPractice: 0, inJob: 0, medianDaysToJob: null,
    points: { AT_EXIT: { ...zero }, MONTHS_3: { ...zero }, MONTHS_6: { ...zero }, MONTHS_12: { ...zero } },
  };
}

/** A table as CSV (RFC 4180, UTF-8 with BOM for spreadsheet programs); hidden cells are written as the
 * suppression mark, never as their value. */
export function toCsv(table: DisplayTable, header: { label: string; columns: string[] }, format: (cell: DisplayCell) => string): string {
  return csvDocument([[header.label, ...header.columns], ...table.rows.map((r) => [r.label, ...r.cells.map(format)])]);
}
