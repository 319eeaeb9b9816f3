import "server-only";
import {
  ADDITIVE,
  CATEGORIES,
  POINTS,
  SHARES,
  mapCounts,
  zipCounts,
  type Counts,
  type Dimension,
  type IndicatorRow,
  type Point,
} from "./definitions.ts";
import { exactCount, protectCount, protectedMedianDays, protectedShare, type Cell } from "./protection.ts";
import { csvDocument } from "../http/csv.ts";
import type { Locale } from "../i18n/settings.ts";
import type { GroupedRow } from "./indicators.ts";

/**
 * The dashboard's tables, ready to show or export: exact for the tenant's own staff, protected (cell-key
 * perturbation and small counts hidden, lib/dashboards/protection.ts) for anything partners see.
 * Column keys are translation keys under dashboard:columns.
 */
export type DisplayCell =
  | { kind: "count"; value: number; suppressed: boolean }
  | { kind: "share"; value: number | null; suppressed: boolean }
  | { kind: "days"; value: number | null; suppressed: boolean };

export type DisplayRow = { key: string; label: string; isTotal?: boolean; cells: DisplayCell[] };
export type DisplayTable = { id: string; columns: string[]; rows: DisplayRow[] };

/** How figures are published: exact (null), or protected with the tenant's (or partnership's) threshold. */
export type Protection = { threshold: number } | null;

/** A row of indicators as published: every count a cell (perturbed or hidden when protected). */
export type PublishedRow = { counts: Counts<Cell>; medianDaysToJob: { value: number | null; suppressed: boolean } };

const COUNT_COLUMNS = ["due", ...CATEGORIES] as const;
const SHARE_COLUMNS = Object.keys(SHARES) as (keyof typeof SHARES)[];

/**
 * The one place a row of true counts becomes what a reader sees. Protected figures need every count's cell
 * key; without them this refuses rather than publish exact small counts.
 */
export function publishRow(row: IndicatorRow, keys: Counts<number> | undefined, protection: Protection): PublishedRow {
  if (!protection) {
    return { counts: mapCounts(row, exactCount), medianDaysToJob: { value: row.medianDaysToJob, suppressed: false } };
  }
  if (!keys) throw new Error("protected figures need cell keys (computeIndicators with keys: true)");
  const counts = zipCounts(row, keys, (n, key) => protectCount(n, key, protection.threshold));
  return { counts, medianDaysToJob: protectedMedianDays(row.medianDaysToJob, counts.inJob, protection.threshold) };
}

function shares(point: Record<(typeof COUNT_COLUMNS)[number], Cell>, protection: Protection): DisplayCell[] {
  return SHARE_COLUMNS.map((share): DisplayCell => ({
    kind: "share",
    ...protectedShare(
      SHARES[share].map((c) => point[c]),
      point.due,
      protection ? protection.threshold : null,
    ),
  }));
}

const countCell = (c: Cell): DisplayCell => ({ kind: "count", value: c.value, suppressed: c.suppressed });

/** A breakdown at one follow-up point: enrolled, then the outcome categories, then the shares. */
export function outcomeTable(
  id: string,
  rows: { key: string; label: string; isTotal?: boolean; row: PublishedRow }[],
  point: Point,
  protection: Protection,
): DisplayTable {
  return {
    id,
    columns: ["enrolled", ...COUNT_COLUMNS, ...SHARE_COLUMNS],
    rows: rows.map((r) => {
      const p = r.row.counts.points[point];
      return {
        key: r.key,
        label: r.label,
        isTotal: r.isTotal,
        cells: [
          countCell(r.row.counts.enrolled),
          ...COUNT_COLUMNS.map((c) => countCell(p[c])),
          ...shares(p, protection),
        ],
      };
    }),
  };
}

type Labeller = (dimension: Dimension, key: string | null) => string;

export function buildTables(options: {
  grouped: GroupedRow[];
  point: Point;
  protection: Protection;
  label: Labeller;
  totalLabel: string;
}): {
  headline: DisplayTable;
  funnel: DisplayTable;
  overTime: DisplayTable;
  breakdowns: Record<Dimension, DisplayTable>;
} {
  const { grouped, point, protection, label, totalLabel } = options;
  const publish = (g: GroupedRow | undefined) =>
    g ? publishRow(g.row, g.keys, protection) : publishRow(emptyRow(), zeroKeys(), protection);
  const total = publish(grouped.find((g) => g.dimension === "total"));
  const c = total.counts;

  const funnel: DisplayTable = {
    id: "funnel",
    columns: ["enrolled", "inActivity", "inPractice", "inJob"],
    rows: [
      {
        key: "total",
        label: totalLabel,
        isTotal: true,
        cells: [c.enrolled, c.inActivity, c.inPractice, c.inJob].map(countCell),
      },
    ],
  };

  const overTime: DisplayTable = {
    id: "overTime",
    columns: [...COUNT_COLUMNS, ...SHARE_COLUMNS],
    rows: POINTS.map((p) => ({
      key: p,
      label: p,
      cells: [...COUNT_COLUMNS.map((col) => countCell(c.points[p][col])), ...shares(c.points[p], protection)],
    })),
  };

  const breakdowns = {} as Record<Dimension, DisplayTable>;
  for (const dimension of Object.keys(ADDITIVE) as Dimension[]) {
    const groups = grouped
      .filter((g) => g.dimension === dimension)
      .map((g) => ({ key: g.key ?? "", label: label(dimension, g.key), row: publish(g) }))
      .sort((a, b) =>
        dimension === "year" || dimension === "quarter" ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label),
      );
    const rows = ADDITIVE[dimension]
      ? [...groups, { key: "total", label: totalLabel, isTotal: true, row: total }]
      : groups;
    breakdowns[dimension] = outcomeTable(dimension, rows, point, protection);
  }

  const headline: DisplayTable = {
    id: "headline",
    columns: ["enrolled", "active", "exited", "due", ...SHARE_COLUMNS, "medianDaysToJob"],
    rows: [
      {
        key: "total",
        label: totalLabel,
        isTotal: true,
        cells: [
          ...[c.enrolled, c.active, c.exited, c.points[point].due].map(countCell),
          ...shares(c.points[point], protection),
          { kind: "days", ...total.medianDaysToJob },
        ],
      },
    ],
  };
  return { headline, funnel, overTime, breakdowns };
}

/** Cell keys of an empty set of enrolments (all zero, as the SQL gives them). */
export function zeroKeys(): Counts<number> {
  return mapCounts(emptyRow(), () => 0);
}

export function emptyRow(): IndicatorRow {
  const zero = {
    due: 0,
    permanent: 0,
    temporary: 0,
    education: 0,
    other: 0,
    unknown: 0,
    permanentFullTime: 0,
    permanentPartTime: 0,
  };
  return {
    enrolled: 0,
    active: 0,
    exited: 0,
    inActivity: 0,
    inPractice: 0,
    inJob: 0,
    medianDaysToJob: null,
    points: { AT_EXIT: { ...zero }, MONTHS_3: { ...zero }, MONTHS_6: { ...zero }, MONTHS_12: { ...zero } },
  };
}

/** A table as CSV (lib/http/csv.ts: the reader's separator, formulas neutralised); hidden cells are written as
 * the suppression mark, never as their value. */
export function toCsv(
  table: DisplayTable,
  header: { label: string; columns: string[] },
  format: (cell: DisplayCell) => string,
  locale: Locale = "en",
): string {
  return csvDocument(
    [[header.label, ...header.columns], ...table.rows.map((r) => [r.label, ...r.cells.map(format)])],
    locale,
  );
}
