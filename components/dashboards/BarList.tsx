import type { ReactNode } from "react";

/**
 * A horizontal bar chart that is also plain text: every bar carries its label and value in words, so the
 * chart needs neither colour nor sight to be read. The bars themselves are decoration.
 */
export function BarList({ title, items, footnote }: {
  title: string;
  items: { key: string; label: string; valueText: string; share: number | null }[];
  footnote?: ReactNode;
}) {
  return (
    <figure className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:shadow-none">
      <figcaption className="mb-3 font-semibold">{title}</figcaption>
      <ul className="space-y-2">
        {items.map((item) => (
          <li key={item.key} className="grid grid-cols-[minmax(8rem,14rem)_1fr_auto] items-center gap-3 text-sm">
            <span className="truncate" title={item.label}>{item.label}</span>
            <span aria-hidden="true" className="h-3 rounded bg-slate-100">
              <span className="block h-3 rounded bg-brand-600 print:bg-slate-700" style={{ width: `${Math.max(0, Math.min(1, item.share ?? 0)) * 100}%` }} />
            </span>
            <span className="tabular-nums text-slate-800">{item.valueText}</span>
          </li>
        ))}
      </ul>
      {footnote && <p className="mt-3 text-xs text-slate-600">{footnote}</p>}
    </figure>
  );
}
