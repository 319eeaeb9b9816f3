import "server-only";
import type { DisplayCell } from "./tables.ts";
import { formatNumber, formatPercent } from "../i18n/format.ts";
import type { Locale } from "../i18n/settings.ts";

export const SUPPRESSED_MARK = ":";

/** A cell as text: a hidden cell is the suppression mark, never its value. */
export function formatCell(locale: Locale, cell: DisplayCell): string {
  if (cell.suppressed) return SUPPRESSED_MARK;
  if (cell.value === null) return "–";
  if (cell.kind === "share") return formatPercent(locale, cell.value);
  return formatNumber(locale, cell.value);
}
