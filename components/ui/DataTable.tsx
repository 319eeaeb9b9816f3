import { EmptyState } from "@/components/ui/EmptyState";
import { Fragment, type ReactNode } from "react";

/**
 * A plain, accessible table: a caption, column headers with scope, and an empty state. Below 640 px each row is a
 * card instead (its first cell as the title, the others under their column's name), so no column is cut off on a
 * phone. `cards={false}` for a table whose cells hold form fields, which must exist once.
 */
export function DataTable({
  caption,
  columns,
  rows,
  empty,
  cards = true,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  empty: string;
  cards?: boolean;
}) {
  if (rows.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      {cards && (
        <ul aria-label={caption} className="space-y-3 sm:hidden" data-testid="table-cards">
          {rows.map((r) => (
            <li key={r.key} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div className="font-semibold">{r.cells[0]}</div>
              <dl className="mt-2 grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-x-3 gap-y-1.5 text-sm">
                {r.cells.slice(1).map((cell, i) => (
                  <Fragment key={i}>
                    <dt className="text-slate-600">{columns[i + 1]}</dt>
                    <dd className="text-slate-900">{cell}</dd>
                  </Fragment>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
      <TableRegion caption={caption} columns={columns} rows={rows} className={cards ? "hidden sm:block" : ""} />
    </>
  );
}

function TableRegion({
  caption,
  columns,
  rows,
  className,
}: {
  caption: string;
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
  className: string;
}) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={caption}
      data-scrolls
      className={`relative overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}
    >
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-4 py-3 font-semibold text-slate-700">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.key} className="hover:bg-slate-50">
              {r.cells.map((cell, i) => (
                <td key={i} className="px-4 py-3 align-top text-slate-800">
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
