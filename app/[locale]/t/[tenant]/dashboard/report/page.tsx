import type { Metadata } from "next";
import { firstValues } from "@/lib/http/page-helpers";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { periodYears } from "@/lib/dashboards/filters";
import { dashboardFiltersSchema } from "@/lib/dashboards/schemas";
import { DashboardView } from "@/components/dashboards/DashboardView";
import { requestChartSizes } from "@/lib/http/client-hints";
import { PrintButton } from "@/components/dashboards/PrintButton";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";
import { readRelease } from "@/lib/releases/read-release";
import { ReleaseView } from "@/components/releases/ReleaseView";
import { notFound } from "next/navigation";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "dashboard")("reportTitle") };
}

/** A printable report for funders and boards: the dashboard without the controls, with print styles. */
export default async function DashboardReportPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "dashboard.view");
  const t = getT(locale, ["dashboard", "enums", "common"]);
  const raw = await firstValues(searchParams);
  if (ctx.role === "PARTNER_VIEWER" || raw.view === "shared") {
    // The release's report: every table of the scope, as stored.
    const read = await readRelease(ctx, { releaseId: raw.release, asOrganisation: raw.as });
    if (!read) notFound();
    return (
      <article className="mx-auto max-w-5xl">
        <header className="mb-6 border-b border-slate-300 pb-4">
          <div className="flex items-start justify-between gap-4">
            <div>
              <p className="text-sm text-slate-600">{ctx.tenantName}</p>
              <h1 className="text-3xl font-bold">{t("reportTitle")}</h1>
            </div>
            <PrintButton label={t("print")} />
          </div>
        </header>
        <ReleaseView
          read={read}
          locale={locale}
          t={t}
          pageHref={() => ""}
          selected="cohort"
          all
          country={ctx.country}
          ownLabel={ctx.tenantName}
          chartSizes={await requestChartSizes()}
        />
      </article>
    );
  }
  const { shared, pilots, tables, threshold, filters } = await getTenantDashboard(
    ctx,
    dashboardFiltersSchema.parse(raw),
    { preferShared: raw.view === "shared", asOrganisation: raw.as, t },
  );
  const pilotName = filters.pilot ? pilots.find((p) => p.id === filters.pilot)?.name : undefined;
  const scope = [
    filters.from || filters.to
      ? t("reportPeriod", { from: filters.from ?? "…", to: filters.to ?? "…" })
      : t("reportAllPeriods"),
    pilotName,
    filters.targetGroup ? t(`enums:TargetGroup.${filters.targetGroup}`) : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <article className="mx-auto max-w-5xl">
      <header className="mb-6 border-b border-slate-300 pb-4">
        <div className="flex items-start justify-between gap-4">
          <div>
            <p className="text-sm text-slate-600">{ctx.tenantName}</p>
            <h1 className="text-3xl font-bold">{t("reportTitle")}</h1>
            <p className="mt-1 text-slate-700">{scope}</p>
            <p className="text-sm text-slate-600">
              {t("reportGenerated", { date: formatDate(locale, new Date(), "long") })}
              {shared ? ` · ${t("viewShared")}` : ""}
            </p>
          </div>
          <PrintButton label={t("print")} />
        </div>
      </header>
      <DashboardView
        chartSizes={await requestChartSizes()}
        tables={tables}
        locale={locale}
        t={t}
        point={filters.point}
        shared={shared}
        threshold={threshold}
        country={ctx.country}
        ownLabel={ctx.tenantName}
        years={periodYears(filters)}
      />
    </article>
  );
}
