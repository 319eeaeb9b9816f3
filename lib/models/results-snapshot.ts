import "server-only";
import type { Tx } from "../db/tenant.ts";
import { computeIndicators } from "../dashboards/indicators.ts";
import { tenantThreshold } from "../dashboards/get-dashboard.ts";
import { buildTables, type DisplayCell, type DisplayTable } from "../dashboards/tables.ts";
import { RESULTS_POINT, resultsSnapshotSchema, type ResultCell, type ResultsSnapshot } from "./schemas.ts";

/** A table cell as it may be published: a hidden figure keeps only the fact that it is hidden. */
function publishableCell(cell: DisplayCell): ResultCell {
  return cell.suppressed
    ? { kind: cell.kind, value: null, suppressed: true }
    : { kind: cell.kind, value: cell.value, suppressed: false };
}

/** The headline and over-time tables of a shared (suppressed) dashboard, reduced to what a model publishes. */
export function toResultsSnapshot(
  tables: { headline: DisplayTable; overTime: DisplayTable },
  meta: { computedAt: Date; threshold: number },
): ResultsSnapshot {
  return resultsSnapshotSchema.parse({
    computedAt: meta.computedAt.toISOString(),
    threshold: meta.threshold,
    point: RESULTS_POINT,
    headline: { columns: tables.headline.columns, cells: tables.headline.rows[0].cells.map(publishableCell) },
    overTime: {
      columns: tables.overTime.columns,
      rows: tables.overTime.rows.map((r) => ({ point: r.key, cells: r.cells.map(publishableCell) })),
    },
  });
}

/**
 * The tenant's latest aggregated results, as a shared dashboard shows them (protected: cell-key perturbation,
 * small counts hidden, the tenant's threshold unless one is given), computed inside the caller's tenant
 * transaction.
 */
export async function computeResultsSnapshot(
  tx: Tx,
  tenantId: string,
  options: { threshold?: number; today?: Date },
): Promise<ResultsSnapshot> {
  const today = options.today ?? new Date();
  const threshold = options.threshold ?? (await tenantThreshold(tx, tenantId));
  const grouped = await computeIndicators(tx, { tenantId, filters: { point: RESULTS_POINT }, today, keys: true });
  // Labels are not published: the page labels rows and columns in the reader's language.
  const tables = buildTables({
    grouped,
    point: RESULTS_POINT,
    protection: { threshold },
    label: () => "",
    totalLabel: "",
  });
  return toResultsSnapshot(tables, { computedAt: today, threshold });
}

/** A snapshot back as display tables for the figure components (a hidden cell shows only its mark). */
export function snapshotTables(snapshot: ResultsSnapshot): { headline: DisplayTable; overTime: DisplayTable } {
  const cell = (c: ResultCell): DisplayCell =>
    c.kind === "count"
      ? { kind: "count", value: c.value ?? 0, suppressed: c.suppressed }
      : { kind: c.kind, value: c.value, suppressed: c.suppressed };
  return {
    headline: {
      id: "headline",
      columns: snapshot.headline.columns,
      rows: [{ key: "total", label: "", isTotal: true, cells: snapshot.headline.cells.map(cell) }],
    },
    overTime: {
      id: "overTime",
      columns: snapshot.overTime.columns,
      rows: snapshot.overTime.rows.map((r) => ({ key: r.point, label: r.point, cells: r.cells.map(cell) })),
    },
  };
}

/** A headline figure by column, or undefined when the snapshot has no such column. */
export function headlineCell(
  snapshot: ResultsSnapshot,
  column: ResultsSnapshot["headline"]["columns"][number],
): ResultCell | undefined {
  const index = snapshot.headline.columns.indexOf(column);
  return index < 0 ? undefined : snapshot.headline.cells[index];
}
