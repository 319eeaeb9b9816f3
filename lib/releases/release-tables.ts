import "server-only";
import type { DisplayCell, DisplayTable } from "../dashboards/tables.ts";
import type { ScopeFigures, RowFigures } from "./build-release.ts";
import type { ReleaseLabels } from "./publish-release.ts";
import { BREAKDOWNS, FUNNEL_COLUMNS, type Breakdown } from "./table-space.ts";

/** The columns of a release's outcome tables (translation keys under dashboard:release.columns). */
export const RELEASE_COLUMNS = [
  "enrolled",
  "followedUp",
  "inWork",
  "shareInWork",
  "inWorkOrEducation",
  "shareInWorkOrEducation",
  "permanent",
  "temporary",
  "education",
  "notInWork",
  "unknown",
] as const;

export const RELEASE_TABLES = ["total", "funnel", ...BREAKDOWNS] as const;
export type ReleaseTable = (typeof RELEASE_TABLES)[number];

type Translate = (key: string) => string;

const count = (value: number): DisplayCell => ({ kind: "count", value, suppressed: false });
const withheld = (kind: DisplayCell["kind"]): DisplayCell => ({ kind, value: null, suppressed: true }) as DisplayCell;

/** A share of two published cells of the same row (both protected; the share adds nothing new). */
export function share(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.min(1, numerator / denominator) : null;
}

/** The columns of a breakdown's tables: the coarse outcome only (lib/releases/table-space.ts). */
export const BREAKDOWN_COLUMNS = ["enrolled", "followedUp", "inWork", "shareInWork"] as const;

/** A row's cells in the given columns; outcomes withheld by the sparsity rule are marked, not zero. */
export function rowCells(row: RowFigures, columns: readonly string[] = RELEASE_COLUMNS): DisplayCell[] {
  const o = row.outcomes;
  return columns.map((column): DisplayCell => {
    if (column === "enrolled") return count(row.enrolled);
    const isShare = column.startsWith("share");
    if (!o) return withheld(isShare ? "share" : "count");
    if (column === "shareInWork")
      return { kind: "share", value: share(o.inWork ?? 0, o.followedUp ?? 0), suppressed: false };
    if (column === "shareInWorkOrEducation")
      return { kind: "share", value: share(o.inWorkOrEducation ?? 0, o.followedUp ?? 0), suppressed: false };
    return count(o[column as keyof typeof o] ?? 0);
  });
}

/** A group's label: pilot names from the release, the rest translated. */
export function groupLabel(breakdown: Breakdown, key: string, labels: ReleaseLabels, t: Translate): string {
  switch (breakdown) {
    case "pilot":
      return labels.pilots.find((p) => p.id === key)?.name ?? key;
    case "targetGroup":
      return t(`enums:TargetGroup.${key}`);
    case "gender":
      return key === "UNRECORDED" ? t("dashboard:genderUnrecorded") : t(`enums:Gender.${key}`);
    case "cohort":
      return key;
  }
}

/** A scope's tables, as the page, the CSV and the workbook show them: the same published cells everywhere. */
export function releaseTables(scope: ScopeFigures, labels: ReleaseLabels, t: Translate) {
  const totalLabel = t("dashboard:total");
  const total: DisplayTable = {
    id: "total",
    columns: [...RELEASE_COLUMNS],
    rows: scope.total ? [{ key: "total", label: totalLabel, isTotal: true, cells: rowCells(scope.total) }] : [],
  };
  const funnel: DisplayTable = {
    id: "funnel",
    columns: [...FUNNEL_COLUMNS],
    rows: scope.funnel
      ? [{ key: "total", label: totalLabel, isTotal: true, cells: FUNNEL_COLUMNS.map((c) => count(scope.funnel![c])) }]
      : [],
  };
  const breakdowns: Partial<Record<Breakdown, DisplayTable>> = {};
  for (const breakdown of BREAKDOWNS) {
    const figures = scope.breakdowns[breakdown];
    if (!figures?.offered) continue;
    const rows = figures.rows
      .map((r) => ({
        key: r.key,
        label: groupLabel(breakdown, r.key, labels, t),
        cells: rowCells(r.figures, BREAKDOWN_COLUMNS),
      }))
      .sort((a, b) => (breakdown === "cohort" ? a.key.localeCompare(b.key) : a.label.localeCompare(b.label)));
    breakdowns[breakdown] = { id: breakdown, columns: [...BREAKDOWN_COLUMNS], rows };
  }
  return { total, funnel, breakdowns };
}

/** One release table for export, with its title and first column, or null when the release has no such table. */
export function exportedReleaseTable(
  tables: ReturnType<typeof releaseTables>,
  table: ReleaseTable,
  t: Translate,
): { table: DisplayTable; firstColumn: string; columns: string[]; title: string } | null {
  const picked = table === "total" ? tables.total : table === "funnel" ? tables.funnel : tables.breakdowns[table];
  if (!picked || picked.rows.length === 0) return null;
  const isBreakdown = table !== "total" && table !== "funnel";
  return {
    table: picked,
    firstColumn: isBreakdown ? t(`dashboard:release.by.${table}`) : "",
    columns: picked.columns.map((c) => t(`dashboard:release.columns.${c}`)),
    title: isBreakdown
      ? t(`dashboard:release.by.${table}`)
      : t(`dashboard:release.${table === "total" ? "outcomesTitle" : "pathTitle"}`),
  };
}
