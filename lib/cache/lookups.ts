import "server-only";
/**
 * Where caches report their hits and misses: to the metrics (lib/observability/metrics.ts registers the
 * listener when the server starts). Kept free of imports so client and server code, scripts and tests can use
 * the caches without the metrics library; with no listener a look-up costs one property read.
 */
type Listener = (cache: string, hit: boolean) => void;
const key = Symbol.for("samspill.cacheLookupListener");
const store = globalThis as unknown as { [key]?: Listener };

export function noteCacheLookup(cache: string, hit: boolean): void {
  store[key]?.(cache, hit);
}

export function onCacheLookup(listener: Listener): void {
  store[key] = listener;
}
