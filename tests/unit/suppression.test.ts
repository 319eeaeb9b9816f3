import { describe, expect, it } from "vitest";
import { gridRelations, primarySuppress, suppressTable, type Cell, type Relation } from "../../lib/dashboards/suppression.ts";

/** The hidden-cell map of a suppressed table: "H" where hidden, the value where shown. */
const view = (cells: Cell[][]) => cells.map((row) => row.map((c) => (c.suppressed ? "H" : c.value)));

/** How many members of each relation are hidden. */
const hiddenPerRelation = (cells: Cell[][], relations: Relation[]) =>
  relations.map((r) => [r.total, ...r.parts].filter(([row, col]) => cells[row][col].suppressed).length);

/** The rule of complementary suppression: no relation with exactly one hidden member. */
function expectNoLoneHiddenCell(cells: Cell[][], relations: Relation[]) {
  for (const [i, n] of hiddenPerRelation(cells, relations).entries()) {
    expect(n === 0 || n >= 2, `relation ${i} (${JSON.stringify(relations[i])}) has ${n} hidden member(s)`).toBe(true);
  }
}

/**
 * The hidden cells whose value a reader can compute exactly from the shown cells, through any combination of
 * the relations (not only by one subtraction). Each relation gives a linear equation over its hidden members;
 * a hidden cell is determined when its unit vector lies in the row space of those equations (Gauss–Jordan).
 */
function recoverableCells(cells: Cell[][], relations: Relation[]): [number, number][] {
  const hidden: [number, number][] = [];
  const index = new Map<string, number>();
  cells.forEach((row, r) => row.forEach((c, col) => {
    if (c.suppressed) {
      index.set(`${r},${col}`, hidden.length);
      hidden.push([r, col]);
    }
  }));
  const rows: number[][] = [];
  for (const relation of relations) {
    const eq = new Array<number>(hidden.length).fill(0);
    const add = ([r, c]: [number, number], sign: number) => {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq[i] += sign;
    };
    add(relation.total, -1);
    for (const part of relation.parts) add(part, 1);
    if (eq.some((x) => x !== 0)) rows.push(eq);
  }
  // Reduced row echelon form.
  let lead = 0;
  for (let col = 0; col < hidden.length && lead < rows.length; col++) {
    const pivot = rows.findIndex((row, i) => i >= lead && Math.abs(row[col]) > 1e-9);
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot], rows[lead]];
    const p = rows[lead][col];
    rows[lead] = rows[lead].map((x) => x / p);
    for (let i = 0; i < rows.length; i++) {
      if (i !== lead && Math.abs(rows[i][col]) > 1e-9) {
        const f = rows[i][col];
        rows[i] = rows[i].map((x, j) => x - f * rows[lead][j]);
      }
    }
    lead++;
  }
  return rows
    .filter((row) => row.filter((x) => Math.abs(x) > 1e-9).length === 1)
    .map((row) => hidden[row.findIndex((x) => Math.abs(x) > 1e-9)]);
}

/** The "naive" method: one pass over the relations, never revisiting one that an earlier pass left complete. */
function naiveSinglePass(values: number[][], relations: Relation[], threshold: number): Cell[][] {
  const cells = values.map((row) => row.map((value) => ({ value, suppressed: primarySuppress(value, threshold) })));
  for (const relation of relations) {
    const members = [relation.total, ...relation.parts];
    if (members.filter(([r, c]) => cells[r][c].suppressed).length !== 1) continue;
    const candidates = members.filter(([r, c]) => !cells[r][c].suppressed && cells[r][c].value > 0).sort(([ra, ca], [rb, cb]) => cells[ra][ca].value - cells[rb][cb].value);
    if (candidates[0]) cells[candidates[0][0]][candidates[0][1]].suppressed = true;
  }
  return cells;
}

describe("primarySuppress", () => {
  it("hides 1 to threshold-1 people and shows 0 and anything from the threshold up", () => {
    expect(primarySuppress(0, 5)).toBe(false);
    for (const n of [1, 2, 3, 4]) expect(primarySuppress(n, 5), `${n}`).toBe(true);
    for (const n of [5, 6, 10, 1000]) expect(primarySuppress(n, 5), `${n}`).toBe(false);
  });

  it("follows the threshold it is given", () => {
    expect([0, 1, 2, 3, 4].map((n) => primarySuppress(n, 3))).toEqual([false, true, true, false, false]);
    expect([0, 1, 2].map((n) => primarySuppress(n, 1))).toEqual([false, false, false]);
  });

  it("applies cell by cell when a table has no relations, keeping every value", () => {
    const cells = suppressTable([[0, 1, 4, 5], [7, 3, 0, 12]], [], 5);
    expect(view(cells)).toEqual([[0, "H", "H", 5], [7, "H", 0, 12]]);
    expect(cells.flat().map((c) => c.value)).toEqual([0, 1, 4, 5, 7, 3, 0, 12]);
  });
});

describe("secondary suppression in a row (total = sum of parts)", () => {
  const row: Relation[] = [{ total: [0, 0], parts: [[0, 1], [0, 2], [0, 3]] }];

  it("hides a second part when exactly one is hidden: the smallest non-zero one", () => {
    const cells = suppressTable([[20, 3, 7, 10]], row, 5);
    expect(view(cells)).toEqual([[20, "H", "H", 10]]);
    expectNoLoneHiddenCell(cells, row);
  });

  it("prefers a non-zero cell over a zero, even though the zero is smaller", () => {
    const relation: Relation[] = [{ total: [0, 0], parts: [[0, 1], [0, 2], [0, 3], [0, 4]] }];
    const cells = suppressTable([[12, 3, 0, 0, 9]], relation, 5);
    expect(view(cells)).toEqual([[12, "H", 0, 0, "H"]]);
    expectNoLoneHiddenCell(cells, relation);
  });

  it("hides the total when it is the only non-zero cell left to hide", () => {
    const relation: Relation[] = [{ total: [0, 0], parts: [[0, 1], [0, 2]] }];
    // 6 = 6 + 0, and the 6 is hidden (as the complement of another relation): only the total can cover it.
    const cells = suppressTable([[6, 6, 0], [10, 4, 6]], [...relation, { total: [1, 0], parts: [[1, 1], [1, 2]] }, { total: [1, 2], parts: [[0, 1]] }], 5);
    expect(view(cells)[0]).toEqual(["H", "H", 0]);
  });

  it("leaves a row alone when two or more parts are already hidden, or none is", () => {
    expect(view(suppressTable([[10, 3, 2, 5]], row, 5))).toEqual([[10, "H", "H", 5]]);
    expect(view(suppressTable([[30, 10, 0, 20]], row, 5))).toEqual([[30, 10, 0, 20]]);
  });

  it("hides a small total together with its parts", () => {
    const cells = suppressTable([[4, 4, 0, 0]], row, 5);
    expect(view(cells)).toEqual([["H", "H", 0, 0]]);
    expectNoLoneHiddenCell(cells, row);
  });
});

describe("secondary suppression in columns (rows add up to a total row)", () => {
  it("protects a small cell in its row and in its column", () => {
    // Columns: due (total of the row) | a | b; rows: two groups and their total.
    const values = [[8, 3, 5], [10, 6, 4], [18, 9, 9]];
    const relations = gridRelations(3, [1, 2], 0, true, [0, 1, 2]);
    const cells = suppressTable(values, relations, 5);
    expect(view(cells)).toEqual([[8, "H", "H"], [10, "H", "H"], [18, 9, 9]]);
    expectNoLoneHiddenCell(cells, relations);
    expect(recoverableCells(cells, relations)).toEqual([]);
  });

  it("hides a second group in a column when only the column is a relation", () => {
    // Only the columns add up here (one column of counts, e.g. enrolled per pilot, plus a total row).
    const values = [[3], [12], [7], [22]];
    const relations: Relation[] = [{ total: [3, 0], parts: [[0, 0], [1, 0], [2, 0]] }];
    const cells = suppressTable(values, relations, 5);
    expect(view(cells)).toEqual([["H"], [12], ["H"], [22]]);
  });

  it("iterates until stable, where one pass would let a hidden cell be recovered by subtraction", () => {
    const values = [
      [9, 3, 6],
      [25, 5, 20],
      [12, 6, 6],
      [46, 14, 32],
    ];
    const relations = gridRelations(4, [1, 2], 0, true, [0, 1, 2]);

    // One pass over the relations (rows first, then columns) hides a[1] and b[2] in the column pass, after
    // their rows were dealt with: each of those rows then has one hidden cell, and 25 - 20 gives a[1] = 5,
    // which gives the primary cell a[0] = 14 - 5 - 6 = 3.
    const naive = naiveSinglePass(values, relations, 5);
    expect(view(naive)).toEqual([[9, "H", "H"], [25, "H", 20], [12, 6, "H"], [46, 14, 32]]);
    expect(hiddenPerRelation(naive, relations)).toContain(1);
    expect(recoverableCells(naive, relations)).toEqual(expect.arrayContaining([[0, 1], [1, 1]]));

    const cells = suppressTable(values, relations, 5);
    expect(view(cells)).toEqual([[9, "H", "H"], [25, "H", "H"], [12, "H", "H"], [46, 14, 32]]);
    expectNoLoneHiddenCell(cells, relations);
    expect(recoverableCells(cells, relations)).toEqual([]);
    expect(cells.map((row) => row.map((c) => c.value))).toEqual(values);
  });

  it("does not let a hidden cell be computed through a chain of relations", () => {
    // Nine small cells in two blocks joined by one cell (row 0, column c): every row and column has 0, 2 or 3
    // hidden cells, yet rows 0 and 1 with columns a and b give x[0][a] + x[0][b] = 3, and row 0 then gives
    // x[0][c] = 6 - 3 = 3. A table must not publish that.
    //          due  a  b  c   d
    const values = [
      [16, 1, 2, 3, 10],
      [13, 2, 1, 0, 10],
      [13, 10, 0, 1, 2],
      [13, 0, 10, 2, 1],
      [55, 13, 13, 6, 23],
    ];
    const relations = gridRelations(5, [1, 2, 3, 4], 0, true, [0, 1, 2, 3, 4]);
    const cells = suppressTable(values, relations, 5);
    for (const [r, row] of values.entries()) {
      for (const [c, value] of row.entries()) if (primarySuppress(value, 5)) expect(cells[r][c].suppressed, `[${r}][${c}]`).toBe(true);
    }
    expectNoLoneHiddenCell(cells, relations);
    expect(recoverableCells(cells, relations)).toEqual([]);
  });

  it("holds on many generated tables: primary cells hidden, values kept, nothing recoverable", () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let run = 0; run < 300; run++) {
      const groups = 1 + Math.floor(rnd() * 5);
      const parts = 2 + Math.floor(rnd() * 4);
      // Group rows: [enrolled, due, ...parts]; then the total row.
      const rows = Array.from({ length: groups }, () => {
        const p = Array.from({ length: parts }, () => (rnd() < 0.3 ? 0 : Math.floor(rnd() * (rnd() < 0.5 ? 6 : 25))));
        const due = p.reduce((a, b) => a + b, 0);
        return [due + Math.floor(rnd() * 8), due, ...p];
      });
      const total = rows[0].map((_, c) => rows.reduce((sum, row) => sum + row[c], 0));
      const values = [...rows, total];
      const partColumns = Array.from({ length: parts }, (_, i) => i + 2);
      const relations = gridRelations(values.length, partColumns, 1, true, [0, 1, ...partColumns]);
      const cells = suppressTable(values, relations, 5);
      const label = `run ${run}: ${JSON.stringify(values)}`;
      expect(cells.map((row) => row.map((c) => c.value)), label).toEqual(values);
      for (const [r, row] of values.entries()) {
        for (const [c, value] of row.entries()) if (primarySuppress(value, 5)) expect(cells[r][c].suppressed, label).toBe(true);
      }
      for (const n of hiddenPerRelation(cells, relations)) expect(n === 0 || n >= 2, label).toBe(true);
      expect(recoverableCells(cells, relations), label).toEqual([]);
    }
  });
});

describe("gridRelations", () => {
  it("gives one relation per row (total column = sum of the part columns) and one per column for the total row", () => {
    expect(gridRelations(3, [2, 3], 1, true, [0, 1, 2, 3])).toEqual([
      { total: [0, 1], parts: [[0, 2], [0, 3]] },
      { total: [1, 1], parts: [[1, 2], [1, 3]] },
      { total: [2, 1], parts: [[2, 2], [2, 3]] },
      { total: [2, 0], parts: [[0, 0], [1, 0]] },
      { total: [2, 1], parts: [[0, 1], [1, 1]] },
      { total: [2, 2], parts: [[0, 2], [1, 2]] },
      { total: [2, 3], parts: [[0, 3], [1, 3]] },
    ]);
  });

  it("has only row relations when the rows are not a partition, or there is a single row", () => {
    expect(gridRelations(2, [1, 2], 0, false, [0, 1, 2])).toEqual([
      { total: [0, 0], parts: [[0, 1], [0, 2]] },
      { total: [1, 0], parts: [[1, 1], [1, 2]] },
    ]);
    expect(gridRelations(1, [1], 0, true, [0, 1])).toEqual([{ total: [0, 0], parts: [[0, 1]] }]);
    expect(gridRelations(0, [1], 0, true, [0, 1])).toEqual([]);
  });
});
