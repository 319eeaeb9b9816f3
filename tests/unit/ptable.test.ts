import { describe, expect, it } from "vitest";
import { PTable, ptableParams, ZERO_RATIO } from "../../lib/releases/ptable.ts";

describe("the perturbation table", () => {
  for (const threshold of [3, 5, 10]) {
    const params = ptableParams(threshold);
    const table = new PTable(params);
    it(`is unbiased, within D, never publishes 1 … js, and has variance V where a row can (T = ${threshold})`, () => {
      for (let n = 1; n <= 60; n++) {
        const { values, probabilities } = table.row(n);
        const sum = probabilities.reduce((s, p) => s + p, 0);
        const mean = values.reduce((s, v, i) => s + v * probabilities[i], 0);
        const variance = values.reduce((s, v, i) => s + (v - n) ** 2 * probabilities[i], 0);
        expect(sum).toBeCloseTo(1, 9);
        expect(mean, `mean of row ${n}`).toBeCloseTo(n, 6);
        for (const v of values) {
          expect(Math.abs(v - n)).toBeLessThanOrEqual(params.D);
          expect(v === 0 || v > params.js, `row ${n} publishes ${v}`).toBe(true);
        }
        if (n > params.js + params.D) expect(variance, `variance of row ${n}`).toBeCloseTo(params.V, 4);
      }
    });
    it(`leaves zeros ambiguous: small counts are often published as 0 (T = ${threshold})`, () => {
      for (let n = 1; n <= params.js; n++) expect(table.probability(n, 0)).toBeGreaterThan(0.1);
      // An empty cell is now and then published above 0, at most ZERO_RATIO times less often than a count of one.
      const aboveZero = (n: number) => 1 - table.probability(n, 0);
      expect(aboveZero(0)).toBeGreaterThan(0);
      expect(aboveZero(1) / aboveZero(0)).toBeCloseTo(ZERO_RATIO, 6);
    });
  }

  it("publishes the same value for the same cell key, and follows the row's distribution over keys", () => {
    const table = new PTable(ptableParams(5));
    expect(table.publish(23, 0.4242)).toBe(table.publish(23, 0.4242));
    const counts = new Map<number, number>();
    const steps = 20_000;
    for (let i = 0; i < steps; i++) {
      const v = table.publish(23, (i + 0.5) / steps);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const [v, c] of counts) expect(c / steps).toBeCloseTo(table.probability(23, v), 3);
  });
});
