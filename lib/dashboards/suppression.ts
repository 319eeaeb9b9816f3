/**
 * Small-count suppression for shared dashboards, the way statistics offices do it.
 *
 * Primary: a count of 1 to threshold-1 people is hidden (0 is shown: it singles nobody out).
 * Secondary (complementary): a table has additive relations — the parts of a row add up to the row's total,
 * and the rows of a partition add up to the total row. Where a relation has exactly one hidden cell, that
 * cell could be recovered by subtraction, so one more cell of the relation is hidden (the smallest non-zero
 * one). This repeats until no relation has exactly one hidden cell — and until no hidden cell can be computed
 * from the shown ones through several relations together either (two blocks of hidden cells joined by one
 * cell give that cell away although every relation has two or more hidden cells).
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
  // The smallest visible member (preferring a non-zero one): the least information lost.
  const smallestVisible = (members: [number, number][]) => members
    .filter((m) => !at(m).suppressed)
    .sort((a, b) => (at(a).value === 0 ? 1 : 0) - (at(b).value === 0 ? 1 : 0) || at(a).value - at(b).value)[0];
  for (;;) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const relation of relations) {
        const members = [relation.total, ...relation.parts];
        const hidden = members.filter((m) => at(m).suppressed);
        if (hidden.length !== 1) continue;
        const candidate = smallestVisible(members);
        if (!candidate) continue;
        at(candidate).suppressed = true;
        changed = true;
      }
    }
    const exposed = determinedHiddenCell(cells, relations);
    if (!exposed) return cells;
    const same = (m: [number, number]) => m[0] === exposed[0] && m[1] === exposed[1];
    const members = (r: Relation) => [r.total, ...r.parts];
    const candidate = smallestVisible(relations.filter((r) => members(r).some(same)).flatMap(members)) ?? smallestVisible(relations.flatMap(members));
    if (!candidate) return cells;
    at(candidate).suppressed = true;
  }
}

/** A hidden cell whose value follows from the shown cells through the relations together, if there is one:
 * each relation is a linear equation over its hidden members, and a cell is determined when its unit vector
 * is in the row space of those equations (one row of the reduced row echelon form). */
function determinedHiddenCell(cells: Cell[][], relations: Relation[]): [number, number] | undefined {
  const hidden: [number, number][] = [];
  const index = new Map<string, number>();
  cells.forEach((row, r) => row.forEach((cell, c) => {
    if (!cell.suppressed) return;
    index.set(`${r},${c}`, hidden.length);
    hidden.push([r, c]);
  }));
  const rows = relations.map((relation) => {
    const equation = new Array<number>(hidden.length).fill(0);
    const add = ([r, c]: [number, number], sign: number) => {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) equation[i] += sign;
    };
    add(relation.total, -1);
    for (const part of relation.parts) add(part, 1);
    return equation;
  });
  const nonZero = (x: number) => Math.abs(x) > 1e-9;
  let lead = 0;
  for (let col = 0; col < hidden.length && lead < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= lead && nonZero(row[col]));
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot], rows[lead]];
    const p = rows[lead][col];
    rows[lead] = rows[lead].map((x) => x / p);
    for (let i = 0; i < rows.length; i++) {
      const f = rows[i][col];
      if (i !== lead && nonZero(f)) rows[i] = rows[i].map((x, j) => x - f * rows[lead][j]);
    }
    lead++;
  }
  const single = rows.find((row) => row.filter(nonZero).length === 1);
  return single && hidden[single.findIndex(nonZero)];
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
