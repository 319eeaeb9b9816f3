import "server-only";
import type pg from "pg";

/**
 * The connection pools this process opened (lib/db/client.ts), for the metrics' in-use/idle/waiting series.
 * Free of other imports so scripts and tests that open clients do not load the metrics library.
 */
const key = Symbol.for("samspill.pgPools");
const store = globalThis as unknown as { [key]?: Set<pg.Pool> };

export function openPools(): Set<pg.Pool> {
  store[key] ??= new Set();
  return store[key];
}
