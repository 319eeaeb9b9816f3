import type { TFunction } from "i18next";
import { formatCell } from "./format.ts";
import { toCsv, type buildTables, type DisplayTable } from "./tables.ts";
import { DIMENSIONS } from "./definitions.ts";
import type { Locale } from "../i18n/settings.ts";

export const CSV_TABLES = ["headline", "funnel", "overTime", ...DIMENSIONS] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** One dashboard table as CSV, with the same labels and the same suppression as on the page. */
export function dashboardCsv(tables: ReturnType<typeof buildTables>, table: CsvTable, locale: Locale, t: TFunction): string {
  const picked: DisplayTable =
    table === "headline" ? tables.headline : table === "funnel" ? tables.funnel : table === "overTime" ? tables.overTime : tables.breakdowns[table];
  const firstColumn = table === "overTime" ? t("dashboard:point") : table in tables.breakdowns ? t(`dashboard:dimension.${table}`) : "";
  const rows = table === "overTime" ? { ...picked, rows: picked.rows.map((r) => ({ ...r, label: t(`enums:OutcomePoint.${r.key}`) })) } : picked;
  return toCsv(rows, { label: firstColumn, columns: picked.columns.map((c) => t(`dashboard:columns.${c}`)) }, (cell) => formatCell(locale, cell), locale);
}
