import "server-only";
import type { TFunction } from "i18next";
import type { DisplayCell, DisplayTable } from "../dashboards/tables.ts";
import type { Point } from "../dashboards/definitions.ts";
import { formatCell } from "../dashboards/format.ts";
import { formatPercent, formatNumber } from "../i18n/format.ts";
import type { Locale } from "../i18n/settings.ts";
import { nationalFor, nationalSeries, type NationalFigure, type NationalSeries } from "../dashboards/national.ts";
import { html } from "../http/html.ts";
import { barChart, lineChart, seriesStyle, type ChartItem, type ChartPoint, type ChartSize } from "./plot.ts";

/**
 * The dashboards' charts, drawn from the very tables shown under them (so a chart can never show a figure
 * the table does not, and a protected table gives a protected chart).
 */
export type RenderedChart = {
  id: string;
  title: string;
  /** Drawn for phones, for wider screens, or both (the page then shows one of them by the screen's width). */
  svg: Partial<Record<ChartSize, string>>;
  /** Line charts: how each series is drawn. Bar charts name their bars on the axis. */
  legend?: { label: string; colour: string; symbol: string; dash?: string }[];
  note?: string;
  /** Where the national figures come from. */
  source?: { publisher: string; title: string; links: { label: string; url: string }[]; notes: string[] };
  /** The chart's numbers: [group, series, text]. */
  data: [string, string, string][];
  /** The same numbers as a table (its markup, built once with the chart): series across, groups down. */
  table: string;
};

export const CHART_SHARES = ["shareWork", "sharePermanent", "shareWorkOrEducation"] as const;

const point = (locale: Locale, cell: DisplayCell | undefined): ChartPoint =>
  cell ? { value: cell.suppressed ? null : cell.value, text: formatCell(locale, cell) } : { value: null, text: "–" };

function cellOf(table: DisplayTable, rowKey: string, column: string): DisplayCell | undefined {
  return table.rows.find((r) => r.key === rowKey)?.cells[table.columns.indexOf(column)];
}

type Common = {
  locale: Locale;
  t: TFunction;
  /** The sizes to draw (lib/http/client-hints.ts): the one the browser needs when it says, else both. */
  sizes?: readonly ChartSize[];
};
type Value = (group: string, series: string) => ChartPoint;

export const ALL_SIZES: readonly ChartSize[] = ["compact", "wide"];

/** What every chart has: drawn at the sizes asked for, labelled for screen readers, and its numbers for the table. */
function rendered(
  {
    id,
    title,
    groups,
    series,
    value,
  }: { id: string; title: string; groups: ChartItem[]; series: ChartItem[]; value: Value },
  { t, sizes = ALL_SIZES }: Common,
  draw: (size: ChartSize, label: string) => string,
): RenderedChart {
  const label = `${title}. ${t("dashboard:charts.numbersInTable")}`;
  const text = (g: ChartItem, s: ChartItem) => value(g.key, s.key).text;
  return {
    id,
    title,
    svg: Object.fromEntries(sizes.map((size) => [size, draw(size, label)])),
    data: groups.flatMap((g) => series.map((s): [string, string, string] => [g.label, s.label, text(g, s)])),
    table:
      html`<table class="chart-table min-w-full text-sm" data-testid="chart-table"><caption class="sr-only">${title}</caption>${html`<thead><tr class="border-b border-slate-200"><td></td>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>`}${html`<tbody class="divide-y divide-slate-100">${groups.map((g) => html`<tr><th scope="row">${g.label}</th>${series.map((s) => html`<td>${text(g, s)}</td>`)}</tr>`)}</tbody>`}</table>`
        .value,
  };
}

/** A bar chart of shares (0–100 %) or of counts. */
function bars(
  chart: { id: string; title: string; groups: ChartItem[]; series: ChartItem[]; value: Value; percent: boolean },
  common: Common,
): RenderedChart {
  const { locale } = common;
  const axisFormat = chart.percent ? (v: number) => formatPercent(locale, v) : (v: number) => formatNumber(locale, v);
  return rendered(chart, common, (size, label) => barChart({ ...chart, axisFormat, size, label }));
}

/** Bars of one table: its rows as groups, the chosen columns as series. */
function tableBars(
  id: string,
  title: string,
  table: DisplayTable,
  columns: readonly string[],
  common: Common,
  rowLabel?: (key: string, label: string) => string,
): RenderedChart {
  const { locale, t } = common;
  return bars(
    {
      id,
      title,
      percent: true,
      groups: table.rows.map((r) => ({ key: r.key, label: rowLabel ? rowLabel(r.key, r.label) : r.label })),
      series: columns.map((c) => ({ key: c, label: t(`dashboard:charts.short.${c}`) })),
      value: (g, s) => point(locale, cellOf(table, g, s)),
    },
    common,
  );
}

/** The pathway funnel: enrolled → in an activity → in work practice → in a job. */
export function funnelChart(funnel: DisplayTable, common: Common): RenderedChart {
  const { locale, t } = common;
  const title = t("dashboard:funnel");
  return bars(
    {
      id: "funnel",
      title,
      percent: false,
      groups: funnel.columns.map((c) => ({ key: c, label: t(`dashboard:columns.${c}`) })),
      series: [{ key: "n", label: title }],
      value: (g) => point(locale, funnel.rows[0].cells[funnel.columns.indexOf(g)]),
    },
    common,
  );
}

/** The three shares at each follow-up point (at exit, 3, 6 and 12 months), as grouped bars. */
export function pointsChart(overTime: DisplayTable, common: Common): RenderedChart {
  const { t } = common;
  return tableBars("points", t("dashboard:charts.byPoint"), overTime, CHART_SHARES, common, (key) =>
    t(`enums:OutcomePoint.${key}`),
  );
}

/** The three shares by year of enrolment, as lines. */
export function overTimeChart(byYear: DisplayTable, pointKey: Point, common: Common): RenderedChart {
  const { locale, t } = common;
  const years: ChartItem[] = byYear.rows.filter((r) => !r.isTotal).map((r) => ({ key: r.key, label: r.label }));
  const series: ChartItem[] = CHART_SHARES.map((c) => ({ key: c, label: t(`dashboard:columns.${c}`) }));
  const value = (x: string, s: string) => point(locale, cellOf(byYear, x, s));
  const title = t("dashboard:charts.overTime", { point: t(`enums:OutcomePoint.${pointKey}`).toLowerCase() });
  const axisFormat = (v: number) => formatPercent(locale, v);
  return {
    ...rendered({ id: "overTime", title, groups: years, series, value }, common, (size, label) =>
      lineChart({ x: years, series, value, size, label, axisFormat }),
    ),
    legend: series.map((s, i) => ({ label: s.label, ...seriesStyle(i) })),
    note: t("dashboard:charts.overTimeNote"),
  };
}

/** The shares by pilot or target group (with the total), as grouped bars. */
export function breakdownChart(id: string, title: string, table: DisplayTable, common: Common): RenderedChart {
  return tableBars(id, title, table, CHART_SHARES, common);
}

function sourceOf(series: NationalSeries, figures: NationalFigure[], t: TFunction): RenderedChart["source"] {
  const links = new Map<string, number[]>();
  for (const f of figures) links.set(f.url, [...(links.get(f.url) ?? []), f.year]);
  return {
    publisher: series.publisher,
    title: series.title,
    links: [
      ...(series.url ? [{ label: series.publisher, url: series.url }] : []),
      ...[...links].map(([url, years]) => ({
        label: t("dashboard:national.figuresFor", { years: years.join(", ") }),
        url,
      })),
    ],
    notes: figures.filter((f) => f.note).map((f) => `${f.year}: ${f.note}`),
  };
}

/**
 * Share in work or education beside the national figure, at the follow-up point whose definition matches
 * the national one: by year (the year of enrolment here, the year the programme ended there; the note says
 * so), or per member municipality against the latest national figure of the period. Null when there is no
 * national figure for the country; the point to choose when the chosen one does not match.
 */
export function nationalChart(options: {
  country: string;
  /**
   * The bar groups: a year of enrolment (with `year`), a member municipality, or women and men (with `field`:
   * the national figure for them), and the tenant's cell for it.
   */
  rows: { key: string; label: string; cell: DisplayCell | undefined; year?: number; field?: "men" | "women" }[];
  ownLabel: string;
  /** The years of the period shown (for groups without a year of their own). */
  years: number[];
  point: Point;
  common: Common;
}): RenderedChart | { mismatch: Point; publisher: string } | null {
  const { country, rows, ownLabel, common } = options;
  const { locale, t } = common;
  const series = nationalSeries(country);
  if (!series || rows.length === 0) return null;
  if (options.point !== series.point) return { mismatch: series.point, publisher: series.publisher };
  const rowYears = rows.flatMap((r) => (r.year ? [r.year] : []));
  // By sex: only the years SSB published by sex, and none later than the period shown.
  const bySex = rows.some((r) => r.field);
  const candidates = bySex
    ? { ...series, figures: series.figures.filter((f) => f.men !== undefined && f.women !== undefined) }
    : series;
  const period = rowYears.length ? rowYears : options.years.length ? options.years : [new Date().getUTCFullYear()];
  if (bySex && !candidates.figures.some((f) => f.year <= Math.max(...period))) return null;
  const figures = nationalFor(candidates, period);
  const latest = figures[figures.length - 1];
  // By year when the national series has the same years; else every group against the latest figure.
  const byYear = figures.some((f) => rowYears.includes(f.year));
  const figureFor = (row: (typeof rows)[number]) => (byYear ? figures.find((f) => f.year === row.year) : latest);
  const nationalLabel = t("dashboard:national.label");
  const groups: ChartItem[] = rows.map((r) => ({ key: r.key, label: r.label }));
  const value = (g: string, s: string): ChartPoint => {
    const row = rows.find((r) => r.key === g)!;
    if (s === "own") return point(locale, row.cell);
    const f = figureFor(row);
    const percent = f ? f[row.field ?? "total"] : undefined;
    return percent !== undefined
      ? { value: percent / 100, text: formatPercent(locale, percent / 100) }
      : { value: null, text: "–" };
  };
  const seriesItems: ChartItem[] = [
    { key: "own", label: ownLabel },
    { key: "national", label: byYear ? nationalLabel : `${nationalLabel} ${latest.year}` },
  ];
  const title = t(bySex ? "dashboard:national.titleBySex" : "dashboard:national.title", {
    point: t(`enums:OutcomePoint.${series.point}`).toLowerCase(),
  });
  return {
    ...bars(
      { id: `national-${country}${bySex ? "-sex" : ""}`, title, groups, series: seriesItems, value, percent: true },
      common,
    ),
    note: t(`dashboard:national.note.${country}`),
    source: sourceOf(series, byYear ? figures : [latest], t),
  };
}

export type NationalComparison = ReturnType<typeof nationalChart>;

/**
 * A municipality's own dashboard against the national figure: its share in work or education by year of
 * enrolment, and women and men (when the national series has them for the period), from its tables.
 */
export function tenantNationalCharts(options: {
  tables: { breakdowns: Record<"year" | "gender", DisplayTable> };
  country: string;
  ownLabel: string;
  years: number[];
  point: Point;
  common: Common;
}): NationalComparison[] {
  const { tables, country, ownLabel, years, point, common } = options;
  const byYear = tables.breakdowns.year.rows.filter((r) => !r.isTotal);
  const share = (table: DisplayTable, key: string) => cellOf(table, key, "shareWorkOrEducation");
  const national = nationalChart({
    country,
    ownLabel,
    years,
    point,
    common,
    rows: byYear.map((r) => ({
      key: r.key,
      label: r.label,
      year: Number(r.key),
      cell: share(tables.breakdowns.year, r.key),
    })),
  });
  // The comparison by sex only where there is one by year (the same country and follow-up point).
  if (!national || "mismatch" in national) return [national];
  const gender = tables.breakdowns.gender;
  const bySex = nationalChart({
    country,
    ownLabel,
    years: years.length ? years : byYear.map((r) => Number(r.key)),
    point,
    common,
    rows: (
      [
        ["FEMALE", "women"],
        ["MALE", "men"],
      ] as const
    ).flatMap(([key, field]) => {
      const row = gender.rows.find((r) => r.key === key);
      return row ? [{ key, label: row.label, field, cell: share(gender, key) }] : [];
    }),
  });
  return [national, bySex];
}
