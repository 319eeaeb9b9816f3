import type { DisplayTable } from "@/lib/dashboards/tables";
import type { Locale } from "@/lib/i18n/settings";
import { formatCell } from "@/lib/dashboards/format";
import { html } from "@/lib/http/html";
import { derivedCache } from "@/lib/cache/derived";

const sameMarkup = derivedCache<string>(16, "figure_markup");

/** A dashboard table: numbers right-aligned, hidden cells marked ":" with their meaning for screen readers. */
export function FigureTable({
  table,
  locale,
  caption,
  columnLabel,
  rowLabel,
  firstColumn,
  suppressedText,
  csvHref,
  csvLabel,
  xlsxLabel,
}: {
  table: DisplayTable;
  locale: Locale;
  caption: string;
  columnLabel: (column: string) => string;
  rowLabel?: (key: string, label: string) => string;
  firstColumn: string;
  suppressedText: string;
  csvHref?: string;
  csvLabel?: string;
  /** With csvHref: also offer the table as an Excel workbook. */
  xlsxLabel?: string;
}) {
  const headers = [firstColumn, ...table.columns.map(columnLabel)];
  const rowLabels = table.rows.map((row) => (rowLabel ? rowLabel(row.key, row.label) : row.label));
  // Kept with the table (the tenant dashboard's tables are kept while its figures are unchanged).
  const markup = sameMarkup([table], JSON.stringify([locale, caption, suppressedText, headers, rowLabels]), () => {
    const hidden = html`<span title="${suppressedText}"><span aria-hidden="true">:</span><span class="sr-only">${suppressedText}</span></span>`;
    return html`<table class="figure-table min-w-full text-sm"><caption class="sr-only">${caption}</caption>${html`<thead><tr class="border-b border-slate-200">${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>`}${html`<tbody class="divide-y divide-slate-100">${table.rows.map(
      (row, r) =>
        html`<tr${row.isTotal ? html` class="total bg-slate-50 font-semibold"` : ""}><th scope="row">${rowLabels[r]}</th>${row.cells.map(
          (cell) => html`<td>${cell.suppressed ? hidden : formatCell(locale, cell)}</td>`,
        )}</tr>`,
    )}</tbody>`}</table>`.value;
  });
  return (
    <section
      data-testid={`table-${table.id}`}
      className="rounded-xl border border-slate-200 bg-white shadow-sm print:border-slate-400 print:shadow-none"
    >
      {/* The title and the CSV link stay in view above the table, however far it is scrolled sideways. */}
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-3">
        <p className="font-semibold text-slate-900">{caption}</p>
        {csvHref && (
          <span className="flex gap-3 text-sm print:hidden">
            <a href={csvHref} download data-control className="text-brand-700 underline">
              {csvLabel}
            </a>
            {xlsxLabel && (
              <a href={`${csvHref}&format=xlsx`} download data-control className="text-brand-700 underline">
                {xlsxLabel}
              </a>
            )}
          </span>
        )}
      </div>
      {/* Focusable, so keyboard users can scroll a wide table sideways; the first column stays in place. */}
      <div
        tabIndex={0}
        role="region"
        aria-label={caption}
        data-scrolls
        className="relative overflow-x-auto"
        dangerouslySetInnerHTML={{ __html: markup }}
      />
    </section>
  );
}
