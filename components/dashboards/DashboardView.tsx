import type { TFunction } from "i18next";
import type { buildTables, DisplayCell } from "@/lib/dashboards/tables";
import type { Dimension, Point } from "@/lib/dashboards/definitions";
import type { Locale } from "@/lib/i18n/settings";
import type { ChartSize } from "@/lib/charts/plot";
import { FigureTable } from "./FigureTable";
import { StatCard, StatGrid } from "@/components/ui/StatCard";
import { formatCell } from "@/lib/dashboards/format";
import { Chart } from "@/components/charts/Chart";
import { NationalComparison } from "@/components/charts/NationalComparison";
import {
  breakdownChart,
  funnelChart,
  overTimeChart,
  pointsChart,
  tenantNationalCharts,
  type NationalComparison as Comparison,
  type RenderedChart,
} from "@/lib/charts/dashboard-charts";
import { deepFreeze, derivedCache } from "@/lib/cache/derived";

type Tables = ReturnType<typeof buildTables>;

/** The charts of a dashboard's tables, kept with them. */
const sameCharts = derivedCache<{
  funnel: RenderedChart;
  points: RenderedChart;
  overTime: RenderedChart;
  national: Comparison[];
  breakdowns: RenderedChart[];
}>(16, "dashboard_charts");

export const BREAKDOWNS: Dimension[] = ["pilot", "targetGroup", "organisation", "year", "quarter", "gender"];
/** The breakdowns that have a chart of their own (year has the lines over time). */
const CHARTED: Dimension[] = ["pilot", "targetGroup"];

/** Headline figures, funnel, outcomes over time and the breakdowns: shared by the tenant dashboard, the
 * printable report and the partnership dashboard. */
export function DashboardView({
  tables,
  locale,
  t,
  point,
  csvHref,
  shared,
  threshold,
  country,
  ownLabel,
  years,
  pointHref,
  breakdown,
  chartSizes,
}: {
  tables: Tables;
  locale: Locale;
  t: TFunction;
  point: Point;
  /** The tenant's country and name, for the national figure beside its own. */
  country: string;
  ownLabel: string;
  /** The years of the period shown. */
  years: number[];
  /** The same dashboard at another follow-up point (to offer the one the national figure is defined at). */
  pointHref?: (point: Point) => string;
  csvHref?: (table: string) => string;
  shared: boolean;
  threshold: number;
  /**
   * One breakdown at a time, chosen by links (the workspace dashboard: a page a coordinator opens often, and six
   * tables with their charts cost more to send than everything else on it). Without it, all of them (the
   * printable report, the partnership page).
   */
  breakdown?: { selected: Dimension; href: (dimension: Dimension) => string };
  /** The chart sizes the browser needs (lib/http/client-hints.ts); both when not given. */
  chartSizes?: readonly ChartSize[];
}) {
  const headline = tables.headline.rows[0];
  const cell = (column: string) => headline.cells[tables.headline.columns.indexOf(column)];
  const due = cell("due");
  const text = (c: DisplayCell) => formatCell(locale, c);
  const suppressedText = t("dashboard:suppressed", { threshold });
  const cards = [
    { id: "enrolled", label: t("dashboard:columns.enrolled"), value: text(cell("enrolled")) },
    { id: "active", label: t("dashboard:columns.active"), value: text(cell("active")) },
    {
      id: "shareWork",
      label: t("dashboard:columns.shareWork"),
      value: text(cell("shareWork")),
      sub: t("dashboard:ofDue", { due: text(due), point: t(`enums:OutcomePoint.${point}`).toLowerCase() }),
    },
    {
      id: "sharePermanent",
      label: t("dashboard:columns.sharePermanent"),
      value: text(cell("sharePermanent")),
      sub: t("dashboard:ofDue", { due: text(due), point: t(`enums:OutcomePoint.${point}`).toLowerCase() }),
    },
    {
      id: "shareWorkOrEducation",
      label: t("dashboard:columns.shareWorkOrEducation"),
      value: text(cell("shareWorkOrEducation")),
      sub: t("dashboard:ofDue", { due: text(due), point: t(`enums:OutcomePoint.${point}`).toLowerCase() }),
    },
    { id: "shareUnknown", label: t("dashboard:columns.shareUnknown"), value: text(cell("shareUnknown")) },
    { id: "medianDaysToJob", label: t("dashboard:columns.medianDaysToJob"), value: text(cell("medianDaysToJob")) },
  ];
  const common = { locale, t, sizes: chartSizes };
  // Drawn once per tables (kept while the tenant's figures are unchanged, lib/dashboards/get-dashboard.ts).
  const chartsKey = JSON.stringify([
    locale,
    chartSizes ?? null,
    country,
    ownLabel,
    years,
    point,
    breakdown?.selected ?? null,
  ]);
  const charts = sameCharts([tables, t], chartsKey, () =>
    deepFreeze({
      funnel: funnelChart(tables.funnel, common),
      points: pointsChart(tables.overTime, common),
      overTime: overTimeChart(tables.breakdowns.year, point, common),
      national: tenantNationalCharts({ tables, country, ownLabel, years, point, common }),
      breakdowns: (breakdown ? CHARTED.filter((d) => d === breakdown.selected) : CHARTED).map((d) =>
        breakdownChart(d, t(`dashboard:by.${d}`), tables.breakdowns[d], common),
      ),
    }),
  );
  const national = charts.national;
  const columnLabel = (c: string) => t(`dashboard:columns.${c}`);
  return (
    <div className="space-y-8">
      <section aria-labelledby="headline-heading">
        <h2 id="headline-heading" className="sr-only">
          {t("dashboard:headline")}
        </h2>
        <StatGrid>
          {cards.map((c) => (
            <StatCard
              key={c.id}
              data-testid={`figure-${c.id}`}
              className="print:shadow-none"
              label={c.label}
              value={c.value}
              sub={c.sub}
            />
          ))}
        </StatGrid>
      </section>

      <section aria-labelledby="charts-heading" className="space-y-4">
        <h2 id="charts-heading" className="text-xl font-semibold">
          {t("dashboard:charts.heading")}
        </h2>
        <div className="grid gap-4 lg:grid-cols-2 lg:items-start">
          <Chart chart={charts.funnel} t={t} />
          <Chart chart={charts.points} t={t} />
          <Chart chart={charts.overTime} t={t} />
          {national.map((comparison, i) => (
            <NationalComparison key={i} comparison={comparison} href={pointHref} t={t} />
          ))}
          {!breakdown && charts.breakdowns.map((chart) => <Chart key={chart.id} chart={chart} t={t} />)}
        </div>
      </section>

      <section aria-labelledby="overtime-heading">
        <h2 id="overtime-heading" className="mb-3 text-xl font-semibold">
          {t("dashboard:overTime")}
        </h2>
        <FigureTable
          table={tables.overTime}
          locale={locale}
          caption={t("dashboard:overTimeCaption")}
          columnLabel={columnLabel}
          rowLabel={(key) => t(`enums:OutcomePoint.${key}`)}
          firstColumn={t("dashboard:point")}
          suppressedText={suppressedText}
          csvHref={csvHref?.("overTime")}
          csvLabel={t("dashboard:csv")}
          xlsxLabel={t("dashboard:xlsx")}
        />
      </section>

      <section aria-labelledby="breakdowns-heading" className="space-y-6">
        <h2 id="breakdowns-heading" className="text-xl font-semibold">
          {t("dashboard:breakdowns", { point: t(`enums:OutcomePoint.${point}`).toLowerCase() })}
        </h2>
        {breakdown && (
          <nav
            aria-label={t("dashboard:breakdownBy")}
            className="flex flex-wrap items-center gap-2 text-sm print:hidden"
            data-testid="breakdown-tabs"
          >
            <span className="font-medium text-slate-700">{t("dashboard:breakdownBy")}:</span>
            {BREAKDOWNS.map((d) => (
              <a
                key={d}
                href={`${breakdown.href(d)}#breakdowns-heading`}
                aria-current={d === breakdown.selected ? "true" : undefined}
                data-control
                className={`rounded-full px-3 py-1 ${d === breakdown.selected ? "bg-brand-700 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
              >
                {t(`dashboard:dimension.${d}`)}
              </a>
            ))}
          </nav>
        )}
        {breakdown &&
          charts.breakdowns.map((chart) => (
            <div key={chart.id} className="lg:max-w-[50%]">
              <Chart chart={chart} t={t} />
            </div>
          ))}
        {(breakdown ? [breakdown.selected] : BREAKDOWNS).map((dimension) => (
          <FigureTable
            key={dimension}
            table={tables.breakdowns[dimension]}
            locale={locale}
            caption={t(`dashboard:by.${dimension}`)}
            columnLabel={columnLabel}
            firstColumn={t(`dashboard:dimension.${dimension}`)}
            suppressedText={suppressedText}
            csvHref={csvHref?.(dimension)}
            csvLabel={t("dashboard:csv")}
            xlsxLabel={t("dashboard:xlsx")}
          />
        ))}
        {(!breakdown || breakdown.selected === "organisation") && (
          <p className="text-sm text-slate-700">{t("dashboard:organisationNote")}</p>
        )}
      </section>

      <section
        aria-labelledby="definitions-heading"
        className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm print:shadow-none"
      >
        <h2 id="definitions-heading" className="mb-3 text-xl font-semibold">
          {t("dashboard:definitionsTitle")}
        </h2>
        {shared && (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <strong>:</strong> {t("dashboard:legend", { threshold })}
          </p>
        )}
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          {[
            "enrolled",
            "due",
            "shareWork",
            "sharePermanent",
            "shareWorkOrEducation",
            "shareUnknown",
            "medianDaysToJob",
            "funnel",
          ].map((k) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{k === "funnel" ? t("dashboard:funnel") : columnLabel(k)}</dt>
              <dd className="text-slate-700">{t(`dashboard:definitions.${k}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
