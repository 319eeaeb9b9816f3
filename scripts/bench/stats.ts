/** Timing helpers for `npm run bench`. */

/** Nearest-rank percentile (p in 0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export type Timings = { app: number[]; floor: number[] };

/**
 * Runs the function and its floor `warmup` times unmeasured, then `runs` times measured, interleaved (and in
 * alternating order) so that both see the same caches and the same background load.
 */
export async function measurePair(
  app: () => Promise<unknown>,
  floor: () => Promise<unknown>,
  options: { runs: number; warmup: number },
): Promise<Timings> {
  for (let i = 0; i < options.warmup; i++) {
    await app();
    await floor();
  }
  const timings: Timings = { app: [], floor: [] };
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < options.runs; i++) {
    if (i % 2 === 0) {
      await time(app, timings.app);
      await time(floor, timings.floor);
    } else {
      await time(floor, timings.floor);
      await time(app, timings.app);
    }
  }
  return timings;
}

export type Summary = { p50: number; p95: number; min: number; max: number };

export function summarise(values: number[]): Summary {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
