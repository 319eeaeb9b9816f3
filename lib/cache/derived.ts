import "server-only";
import { noteCacheLookup } from "./lookups.ts";

/**
 * Values derived from objects that are themselves kept (the dashboard's cached figures, a translation function
 * kept per locale): found again by those objects' identity and a key, and dropped with them. A request whose
 * figures come from the cache gets the same tables and charts as the request before it, without building them.
 * Each object keeps at most `perObject` keys (the newest). `name`: reported with each hit and miss (metrics).
 */
export function derivedCache<V>(perObject = 16, name = "derived") {
  type Level = { next: WeakMap<object, Level>; values: Map<string, V> };
  const root: Level = { next: new WeakMap(), values: new Map() };
  return (objects: readonly object[], key: string, compute: () => V): V => {
    let level = root;
    for (const o of objects) {
      let next = level.next.get(o);
      if (!next) level.next.set(o, (next = { next: new WeakMap(), values: new Map() }));
      level = next;
    }
    const hit = level.values.get(key);
    noteCacheLookup(name, hit !== undefined);
    if (hit !== undefined) return hit;
    const value = compute();
    level.values.set(key, value);
    if (level.values.size > perObject) level.values.delete(level.values.keys().next().value!);
    return value;
  };
}

/** Frozen all the way down: a value shared between requests cannot be changed by one of them. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
