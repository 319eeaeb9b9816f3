/**
 * Small-count suppression for shared dashboards, the way statistics offices do it.
 *
 * Primary: a count of 1 to threshold-1 people is hidden (0 is shown: it singles nobody out).
 * Secondary (complementary): a table has additive relations — the parts of a row add up to the row's total,
 * and the rows of a partition add up to the total row. Where a relation has exactly one hidden cell, that
 * cell could be recovered by subtraction, so one more cell of the relation is hidden (the smallest non-zero
 * one). This repeats until no relation has exactly one hidden cell.
 * Derived figures (shares) are hidden when any count they are computed from is hidden.
 */
export type Cell = { value: number; suppressed: boolean };

/** A relation: `total` equals the sum of `parts` (cells are addressed as [row, column]). */
export type Relation = { total: [number, number]; parts: [number, number][] };

export function primarySuppress(value: number, threshold: number): boolean {
  return value > 0 && value < threshold;
}

export function suppressTable(values: number[][], relations: Relation[], threshold: number): Cell[][] {
  const cells: Cell[][] = values.map((row) => row.map((value) => ({ value, suppressed: primarySuppress(value, threshold) })));
  const at = ([r, c]: [number, number]) => cells[r][c];
  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of relations) {
      const members = [relation.total, ...relation.parts];
      const hidden = members.filter((m) => at(m).suppressed);
      if (hidden.length !== 1) continue;
      // Hide the smallest visible member (preferring a non-zero one): the least information lost.
      const candidates = members
        .filter((m) => !at(m).suppressed)
        .sort((a, b) => (at(a).value === 0 ? 1 : 0) - (at(b).value === 0 ? 1 : 0) || at(a).value - at(b).value);
      if (candidates.length === 0) continue;
      at(candidates[0]).suppressed = true;
      changed = true;
    }
  }
  return cells;
}

/** Relations of a table whose last column is each row's total of the other columns, and whose last row is
 * the total of the others (when `rowsAddUp`: the rows are a partition, e.g. target groups). */
export function gridRelations(rows: number, partColumns: number[], totalColumn: number, rowsAddUp: boolean, columns: number[]): Relation[] {
  const relations: Relation[] = [];
  for (let r = 0; r < rows; r++) relations.push({ total: [r, totalColumn], parts: partColumns.map((c) => [r, c]) });
  if (rowsAddUp && rows > 1) {
    const totalRow = rows - 1;
    for (const c of columns) relations.push({ total: [totalRow, c], parts: Array.from({ length: totalRow }, (_, r) => [r, c]) });
  }
  return relations;
}
