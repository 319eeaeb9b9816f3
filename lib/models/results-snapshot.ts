import "server-only";
import type { Tx } from "../db/tenant.ts";
import type { DisplayCell, DisplayTable } from "../dashboards/tables.ts";
import { scopeFor, selectRelease } from "../releases/read-release.ts";
import { share } from "../releases/release-tables.ts";
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
 * The tenant's results as its latest published release states them (lib/releases: all pilots, status 12 months
 * after leaving), inside the caller's tenant transaction: a model publishes what partners already see, never a
 * figure of its own. Null when nothing is published yet or the release withholds the figures.
 */
export async function computeResultsSnapshot(tx: Tx, tenantId: string): Promise<ResultsSnapshot | null> {
  const found = await selectRelease(tx, tenantId);
  const scope = found ? scopeFor(found.figures, null) : null;
  if (!found || !scope?.total || scope.withheld) return null;
  const total = scope.total;
  const o = total.outcomes;
  const count = (v: number | undefined): ResultCell =>
    o ? { kind: "count", value: v ?? 0, suppressed: false } : { kind: "count", value: null, suppressed: true };
  const ratio = (v: number | undefined): ResultCell =>
    o
      ? { kind: "share", value: share(v ?? 0, o.followedUp ?? 0), suppressed: false }
      : { kind: "share", value: null, suppressed: true };
  return resultsSnapshotSchema.parse({
    computedAt: found.release.asOf.toISOString(),
    threshold: found.figures.threshold,
    point: RESULTS_POINT,
    headline: {
      columns: ["enrolled", "due", "shareWork", "sharePermanent", "shareWorkOrEducation"],
      cells: [
        { kind: "count", value: total.enrolled, suppressed: false },
        count(o?.followedUp),
        ratio(o?.inWork),
        ratio(o?.permanent),
        ratio(o?.inWorkOrEducation),
      ],
    },
    overTime: {
      columns: ["due", "permanent", "temporary", "education", "other", "unknown", "shareWork", "shareWorkOrEducation"],
      rows: [
        {
          point: RESULTS_POINT,
          cells: [
            count(o?.followedUp),
            count(o?.permanent),
            count(o?.temporary),
            count(o?.education),
            count(o?.notInWork),
            count(o?.unknown),
            ratio(o?.inWork),
            ratio(o?.inWorkOrEducation),
          ],
        },
      ],
    },
  });
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
