import type { Metadata } from "next";
import { requestChartSizes } from "@/lib/http/client-hints";
import { firstValues } from "@/lib/http/page-helpers";
import { notFound, redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { FigureTable } from "@/components/dashboards/FigureTable";
import { DashboardFiltersForm } from "@/components/dashboards/DashboardFilters";
import { currentUser } from "@/lib/auth/session";
import { getPartnershipDashboard } from "@/lib/partnerships/get-partnership-dashboard";
import { dashboardFiltersSchema, filtersToSearch, periodYears } from "@/lib/dashboards/filters";
import { NationalComparison } from "@/components/charts/NationalComparison";
import { Chart } from "@/components/charts/Chart";
import { breakdownChart, nationalChart } from "@/lib/charts/dashboard-charts";
import { POINTS } from "@/lib/dashboards/definitions";
import { ProtectionNote } from "@/components/dashboards/ProtectionNote";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string; partnership: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "dashboard")("partnership.title") };
}

/** A cross-border partnership's shared results: each member municipality side by side, and combined. */
export default async function PartnershipPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const { partnership: slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/p/${slug}`)}`);
  const t = getT(locale, ["dashboard", "enums", "common"]);
  const raw = await firstValues(searchParams);
  const filters = dashboardFiltersSchema.parse(raw);
  const data = await getPartnershipDashboard(user.id, slug, filters, { totalLabel: t("partnership.combined") });
  if (!data) notFound();
  const threshold = data.threshold;
  const columnLabel = (c: string) => t(`columns.${c}`);
  const notSharing = data.members.filter((m) => !m.sharing);
  const common = { locale, t, sizes: await requestChartSizes() };
  const table = data.byPoint[data.filters.point];
  const pointLabel = t(`enums:OutcomePoint.${data.filters.point}`).toLowerCase();
  const shareColumn = table.columns.indexOf("shareWorkOrEducation");
  const countryOf = new Map(data.members.map((m) => [m.tenantId, m.country]));
  // Each member beside its own country's national figure (the definitions differ between the countries).
  const national = [...new Set(data.members.filter((m) => m.sharing).map((m) => m.country))].map((country) =>
    nationalChart({
      country,
      ownLabel: t("partnership.member"),
      years: periodYears(data.filters),
      point: data.filters.point,
      common,
      rows: table.rows
        .filter((r) => countryOf.get(r.key) === country)
        .map((r) => ({ key: r.key, label: r.label, cell: r.cells[shareColumn] })),
    }),
  );
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <p className="text-sm text-slate-600">{t("partnership.kicker")}</p>
        <h1 className="text-3xl font-bold tracking-tight">{data.partnership.name}</h1>
        {data.partnership.description && (
          <p className="mt-2 max-w-3xl text-slate-700">{data.partnership.description}</p>
        )}
        <p className="mt-3 text-sm text-slate-700">
          {t("partnership.members")}: {data.members.map((m) => `${m.name} (${m.country})`).join(", ")}
        </p>
        <ProtectionNote locale={locale} t={t} threshold={threshold} className="mt-1 mb-6" />
        {notSharing.length > 0 && (
          <p className="mb-6 text-sm text-slate-700">
            {t("partnership.notSharing", { names: notSharing.map((m) => m.name).join(", ") })}
          </p>
        )}
        <div className="mb-6">
          <DashboardFiltersForm action={`/${locale}/p/${slug}`} filters={data.filters} pilots={[]} t={t} wholeYears />
        </div>
        <section aria-labelledby="charts-heading" className="mb-8 space-y-4">
          <h2 id="charts-heading" className="text-xl font-semibold">
            {t("charts.heading")}
          </h2>
          <div className="grid gap-4 lg:grid-cols-2 lg:items-start">
            <Chart
              chart={breakdownChart("members", t("partnership.sideBySide", { point: pointLabel }), table, common)}
              t={t}
            />
            {national.map((comparison, i) => (
              <NationalComparison
                key={i}
                comparison={comparison}
                t={t}
                href={(point) => `/${locale}/p/${slug}?${filtersToSearch({ ...data.filters, point })}`}
              />
            ))}
          </div>
        </section>
        <h2 className="mb-3 text-xl font-semibold">{t("partnership.tables")}</h2>
        <div className="space-y-6">
          {[data.filters.point, ...POINTS.filter((p) => p !== data.filters.point)].map((point) => (
            <FigureTable
              key={point}
              table={data.byPoint[point]}
              locale={locale}
              caption={t("partnership.sideBySide", { point: t(`enums:OutcomePoint.${point}`).toLowerCase() })}
              columnLabel={columnLabel}
              firstColumn={t("partnership.municipality")}
              suppressedText={t("suppressed", { threshold })}
            />
          ))}
        </div>
        <p className="mt-6 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          <strong>:</strong> {t("legend", { threshold })} {t("partnership.sameDefinitions")}
        </p>
      </main>
    </>
  );
}
