import "server-only";

import type { DashboardFilters } from "./schemas.ts";

export type { DashboardFilters };

/** The first day of a period ("2006" → 2006-01-01, "2006-Q3" → 2006-07-01), or the day after it ends. */
export function periodBound(value: string, edge: "start" | "endExclusive"): Date {
  const [year, quarter] = value.split("-Q").map(Number);
  const startMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  return new Date(Date.UTC(year, startMonth + (edge === "endExclusive" ? months : 0), 1));
}

export function filtersToSearch(filters: Partial<DashboardFilters>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, String(v));
  return p.toString();
}

/**
 * Filters as a shared (protected) view applies them: period windows in whole years. Quarter-by-quarter windows
 * would give partners many nearly identical sets of people, and averaging the differences of many such pairs
 * wears perturbation down; whole years keep the sets few and large. The quarter breakdown is still shown.
 */
export function sharedFilters(filters: DashboardFilters): DashboardFilters {
  const year = (value: string | undefined) => value?.slice(0, 4);
  return { ...filters, from: year(filters.from), to: year(filters.to) };
}

/** The whole years a filtered period touches (empty when it is open at either end). */
export function periodYears(filters: Pick<DashboardFilters, "from" | "to">): number[] {
  if (!filters.from || !filters.to) return [];
  const from = Number(filters.from.slice(0, 4));
  const to = Number(filters.to.slice(0, 4));
  return to < from || to - from > 50 ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
