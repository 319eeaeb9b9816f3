import { describe, expect, it } from "vitest";
import {
  cellKey,
  effectiveThreshold,
  KEY_SPACE,
  perturb,
  protectCount,
  protectedMedianDays,
  protectedShare,
  ROUNDING_BASE,
} from "../../lib/dashboards/protection.ts";

const allKeys = Array.from({ length: KEY_SPACE }, (_, k) => k);

describe("the perturbation table (random rounding to base 5 by cell key)", () => {
  it("publishes a multiple of 5 at most 4 away from the true count, and 0 for 0", () => {
    const wrong: string[] = [];
    for (let n = 0; n <= 60; n++) {
      for (const key of allKeys) {
        const p = perturb(n, key);
        if (p % ROUNDING_BASE !== 0 || Math.abs(p - n) >= ROUNDING_BASE) wrong.push(`${n}@${key}→${p}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(allKeys.every((key) => perturb(0, key) === 0)).toBe(true);
  });

  it("is unbiased: over uniformly distributed cell keys the published count averages the true count", () => {
    for (let n = 1; n <= 30; n++) {
      const mean = allKeys.reduce((sum, key) => sum + perturb(n, key), 0) / KEY_SPACE;
      expect(Math.abs(mean - n), `n=${n}`).toBeLessThan(0.002);
    }
  });

  it("rounds up exactly when cellKey / KEY_SPACE < (n mod 5) / 5", () => {
    expect(perturb(12, 0)).toBe(15);
    expect(perturb(12, KEY_SPACE - 1)).toBe(10);
    const boundary = Math.ceil((2 * KEY_SPACE) / 5); // first key that rounds 12 down
    expect(perturb(12, boundary - 1)).toBe(15);
    expect(perturb(12, boundary)).toBe(10);
    expect(perturb(15, 0)).toBe(15);
  });

  it("derives a cell key from any sum of record keys, the same sum always the same key", () => {
    expect(cellKey(0)).toBe(0);
    expect(cellKey(KEY_SPACE + 7)).toBe(7);
    expect(cellKey(3 * KEY_SPACE)).toBe(0);
    expect(cellKey(-1)).toBe(KEY_SPACE - 1);
  });
});

describe("hiding", () => {
  it("hides a true count of 1 to threshold − 1 and a count published below the threshold, never 0", () => {
    for (const key of [0, 1000, 2000, KEY_SPACE - 1]) {
      for (let n = 1; n < 5; n++) expect(protectCount(n, key, 5)).toEqual({ value: 0, suppressed: true });
      expect(protectCount(0, key, 5)).toEqual({ value: 0, suppressed: false });
    }
    expect(protectCount(6, KEY_SPACE - 1, 7)).toEqual({ value: 0, suppressed: true }); // 6 → 5 < 7
    expect(protectCount(8, 0, 7)).toEqual({ value: 10, suppressed: false });
    expect(protectCount(8, KEY_SPACE - 1, 7)).toEqual({ value: 0, suppressed: true }); // 8 → 5 < 7
  });

  it("shows a share over a published denominator of at least 4 × threshold, and never one with a hidden input", () => {
    const c = (value: number, suppressed = false) => ({ value, suppressed });
    expect(protectedShare([c(10)], c(20), 5)).toEqual({ value: 0.5, suppressed: false });
    expect(protectedShare([c(10)], c(15), 5)).toEqual({ value: null, suppressed: true });
    expect(protectedShare([c(10), c(0, true)], c(40), 5)).toEqual({ value: null, suppressed: true });
    expect(protectedShare([c(25), c(5)], c(25), 5)).toEqual({ value: 1, suppressed: false }); // capped: rounded parts may exceed
    expect(protectedShare([c(0)], c(0), 5)).toEqual({ value: null, suppressed: false });
    expect(protectedShare([c(3)], c(4), null)).toEqual({ value: 0.75, suppressed: false }); // exact view
  });

  it("rounds the median days to a job to 10 and hides it over too few jobs", () => {
    expect(protectedMedianDays(97, { value: 20, suppressed: false }, 5)).toEqual({ value: 100, suppressed: false });
    expect(protectedMedianDays(97, { value: 15, suppressed: false }, 5)).toEqual({ value: null, suppressed: true });
    expect(protectedMedianDays(null, { value: 0, suppressed: false }, 5)).toEqual({ value: null, suppressed: false });
  });

  it("keeps a tenant's threshold within 3–10, the deployment's default otherwise", () => {
    expect(effectiveThreshold(null, 5)).toBe(5);
    expect(effectiveThreshold(8, 5)).toBe(8);
    expect(effectiveThreshold(null, 1)).toBe(3);
    expect(effectiveThreshold(50, 5)).toBe(10);
  });
});
