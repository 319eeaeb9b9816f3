import type { TFunction } from "i18next";
import type { RenderedChart } from "@/lib/charts/dashboard-charts";

function Swatch({ colour, symbol, dash }: { colour: string; symbol: string; dash?: string }) {
  const shape = {
    circle: <circle cx="14" cy="7" r="4" fill={colour} />,
    square: <rect x="10" y="3" width="8" height="8" fill={colour} />,
    triangle: <path d="M14 2 L19 11 L9 11 Z" fill={colour} />,
    diamond: <path d="M14 2 L19 7 L14 12 L9 7 Z" fill={colour} />,
  }[symbol];
  return (
    <svg width="28" height="14" aria-hidden="true" className="inline-block align-middle">
      <line x1="0" y1="7" x2="28" y2="7" stroke={colour} strokeWidth="2" strokeDasharray={dash} />
      {shape}
    </svg>
  );
}

/**
 * A chart drawn on the server (lib/charts/plot.ts) in a card: its title, legend, the picture sized for a
 * phone or a wider screen (both when the browser has not said which it is: CSS shows one), a note, the
 * national figures' source, and its numbers as a table on demand.
 */
export function Chart({ chart, t }: { chart: RenderedChart; t: TFunction }) {
  return (
    <figure
      data-testid={`chart-${chart.id}`}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:break-inside-avoid print:border-slate-400 print:shadow-none"
    >
      <figcaption className="mb-2 font-semibold text-slate-900">{chart.title}</figcaption>
      {chart.legend && (
        <ul
          className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-800"
          aria-label={t("dashboard:charts.legend")}
        >
          {chart.legend.map((l) => (
            <li key={l.label}>
              <Swatch {...l} /> {l.label}
            </li>
          ))}
        </ul>
      )}
      {chart.svg.compact !== undefined && chart.svg.wide !== undefined ? (
        <>
          <div
            className="text-slate-900 sm:hidden"
            data-size="compact"
            dangerouslySetInnerHTML={{ __html: chart.svg.compact }}
          />
          <div
            className="hidden text-slate-900 sm:block"
            data-size="wide"
            dangerouslySetInnerHTML={{ __html: chart.svg.wide }}
          />
        </>
      ) : (
        <div
          className="text-slate-900"
          data-size={chart.svg.compact !== undefined ? "compact" : "wide"}
          dangerouslySetInnerHTML={{ __html: chart.svg.compact ?? chart.svg.wide ?? "" }}
        />
      )}
      {chart.note && <p className="mt-2 text-xs text-slate-600">{chart.note}</p>}
      {chart.source && (
        <p className="mt-2 text-xs text-slate-600" data-testid="national-source">
          {t("dashboard:national.source")}: {chart.source.publisher}, «{chart.source.title}».{" "}
          {chart.source.links.map((l, i) => (
            <span key={l.url}>
              {i > 0 && " · "}
              <a href={l.url} className="text-brand-700 underline" rel="noreferrer">
                {l.label}
              </a>
            </span>
          ))}
          {chart.source.notes.length > 0 && <> ({chart.source.notes.join(" ")})</>}
        </p>
      )}
      <details className="mt-2 text-sm print:hidden">
        <summary className="cursor-pointer text-brand-700 underline">{t("dashboard:charts.showTable")}</summary>
        <div
          className="mt-2 overflow-x-auto"
          tabIndex={0}
          role="region"
          aria-label={chart.title}
          dangerouslySetInnerHTML={{ __html: chart.table }}
        />
      </details>
    </figure>
  );
}
