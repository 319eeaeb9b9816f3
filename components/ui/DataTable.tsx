import { EmptyState } from "@/components/ui/EmptyState";
import type { ReactNode } from "react";

/**
 * A plain, accessible table: a caption, column headers with scope, and an empty state. Below 640 px each row
 * shows as a card (its first cell as the title, the others under their column's name: `.table-cards` in
 * globals.css), so no column is cut off on a phone. One table in the page either way, with its roles written out:
 * a browser drops a table's semantics once CSS changes how its rows display.
 */
export function DataTable({
  caption,
  columns,
  rows,
  empty,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
}) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={caption}
      data-scrolls
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm max-sm:overflow-visible max-sm:border-0 max-sm:bg-transparent max-sm:shadow-none"
    >
      <table role="table" className="table-cards min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className="bg-slate-50">
          <tr role="row">
            {columns.map((c) => (
              <th key={c} role="columnheader" scope="col" className="px-4 py-3 font-semibold text-slate-700">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} role="row" className="hover:bg-slate-50">
              {r.cells.map((cell, i) => (
                <td key={i} role="cell" data-label={columns[i]} className="px-4 py-3 align-top text-slate-800">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
