import { EmptyState } from "@/components/ui/EmptyState";
import type { Metadata } from "next";
import { firstValues } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { filtersToSearch, periodYears } from "@/lib/dashboards/filters";
import { dashboardFiltersSchema } from "@/lib/dashboards/schemas";
import { DIMENSIONS, type Dimension } from "@/lib/dashboards/definitions";
import { DashboardView } from "@/components/dashboards/DashboardView";
import { requestChartSizes } from "@/lib/http/client-hints";
import { DashboardFiltersForm } from "@/components/dashboards/DashboardFilters";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";
import { can } from "@/lib/auth/permissions";
import { readRelease } from "@/lib/releases/read-release";
import { getReleaseSchedule } from "@/lib/releases/get-release-schedule";
import { ReleaseView } from "@/components/releases/ReleaseView";
import { ReleaseControls } from "@/components/releases/ReleaseControls";
import { BREAKDOWNS, type Breakdown } from "@/lib/releases/table-space";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "dashboard")("title") };
}

export default async function DashboardPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "dashboard.view");
  const t = getT(locale, ["dashboard", "enums", "common"]);
  const raw = await firstValues(searchParams);
  const preferShared = raw.view === "shared";
  // Partners, and staff looking "as partners see it", read the latest published release (or an earlier one).
  if (ctx.role === "PARTNER_VIEWER" || preferShared) return <SharedDashboard locale={locale} ctx={ctx} raw={raw} />;
  // Staff's own view: exact, live figures of every pilot.
  const { pilots, tables, threshold, filters, partnerships } = await getTenantDashboard(
    ctx,
    dashboardFiltersSchema.parse(raw),
    { t },
  );
  // The breakdown on screen (one at a time; the printable report has them all), kept by every link and form.
  const by: Dimension = (DIMENSIONS as readonly string[]).includes(raw.by ?? "") ? (raw.by as Dimension) : "pilot";
  const byExtra: Record<string, string> = by === "pilot" ? {} : { by };
  const base = `/${locale}/t/${ctx.tenantSlug}/dashboard`;
  const csvHref = (table: string) =>
    `/api/t/${ctx.tenantSlug}/dashboard/${table}?${filtersToSearch({ ...filters, locale } as never)}`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("title")}>{t("intro")}</PageHeader>
        <div className="flex flex-wrap gap-2 print:hidden">
          <Link
            href={`${base}/report?${filtersToSearch(filters)}`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 text-base font-medium hover:bg-slate-50 sm:text-sm"
          >
            {t("printable")}
          </Link>
        </div>
      </div>
      <ViewSwitch t={t} base={base} shared={false} />
      {partnerships.length > 0 && (
        <p className="mb-4 text-sm print:hidden">
          {t("partnership.linkIntro")}{" "}
          {partnerships.map((p) => (
            <Link key={p.slug} href={`/${locale}/p/${p.slug}`} className="font-medium text-brand-700 underline">
              {p.name}
            </Link>
          ))}
        </p>
      )}
      <div className="mb-6">
        <DashboardFiltersForm
          action={base}
          filters={filters}
          pilots={pilots}
          t={t}
          extra={byExtra}
          wholeYears={false}
        />
      </div>
      <DashboardView
        chartSizes={await requestChartSizes()}
        tables={tables}
        locale={locale}
        t={t}
        point={filters.point}
        csvHref={csvHref}
        shared={false}
        threshold={threshold}
        country={ctx.country}
        ownLabel={ctx.tenantName}
        years={periodYears(filters)}
        pointHref={(point) => `${base}?${filtersToSearch({ ...filters, point, ...byExtra })}`}
        breakdown={{
          selected: by,
          href: (d) => `${base}?${filtersToSearch({ ...filters, by: d } as never)}`,
        }}
      />
    </>
  );
}

async function SharedDashboard({
  locale,
  ctx,
  raw,
}: {
  locale: Awaited<ReturnType<typeof requireTenantPage>>["locale"];
  ctx: Awaited<ReturnType<typeof requireTenantPage>>["ctx"];
  raw: Record<string, string | undefined>;
}) {
  const t = getT(locale, ["dashboard", "enums", "common"]);
  const isPartner = ctx.role === "PARTNER_VIEWER";
  const read = await readRelease(ctx, { releaseId: raw.release, asOrganisation: raw.as });
  const base = `/${locale}/t/${ctx.tenantSlug}/dashboard`;
  const keep: Record<string, string> = {
    ...(isPartner ? {} : { view: "shared" }),
    ...(raw.release ? { release: raw.release } : {}),
    ...(read?.organisationId && !isPartner ? { as: read.organisationId } : {}),
  };
  const pageHref = (extra: Record<string, string>) =>
    `${base}?${new URLSearchParams({ ...keep, ...extra }).toString()}`;
  const by: Breakdown = (BREAKDOWNS as readonly string[]).includes(raw.by ?? "") ? (raw.by as Breakdown) : "cohort";
  const schedule = can(ctx.role, "release.publish") ? await getReleaseSchedule(ctx) : null;
  const organisations = read?.labels.organisations ?? [];
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("title")}>{isPartner ? t("release.partnerIntro") : t("release.staffIntro")}</PageHeader>
        {read && (
          <div className="flex flex-wrap gap-2 print:hidden">
            <Link
              href={`${base}/report?${new URLSearchParams({ ...keep, view: "shared" }).toString()}`}
              className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-4 text-base font-medium hover:bg-slate-50 sm:text-sm"
            >
              {t("printable")}
            </Link>
          </div>
        )}
      </div>
      {!isPartner && <ViewSwitch t={t} base={base} shared />}
      {schedule && (
        <section className="mb-6 rounded-xl border border-slate-200 bg-white p-4" aria-labelledby="release-admin">
          <h2 id="release-admin" className="mb-1 text-lg font-semibold">
            {t("release.adminTitle")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">
            {t("release.adminIntro", { next: formatDate(locale, schedule.next, "long") })}
          </p>
          <ReleaseControls tenant={ctx.tenantSlug} schedule={schedule.schedule} />
        </section>
      )}
      {!isPartner && organisations.length > 0 && (
        <form method="get" action={base} className="mb-6 flex flex-wrap items-end gap-2 print:hidden">
          <input type="hidden" name="view" value="shared" />
          {raw.release && <input type="hidden" name="release" value={raw.release} />}
          <div>
            <label htmlFor="as" className="block text-sm font-medium">
              {t("asOrganisation")}
            </label>
            <select
              id="as"
              name="as"
              defaultValue={read?.organisationId ?? ""}
              className="mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm"
            >
              <option value="">{t("allPartners")}</option>
              {organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 text-base font-medium hover:bg-slate-50 sm:text-sm"
          >
            {t("showAs")}
          </button>
        </form>
      )}
      {read ? (
        <ReleaseView
          country={ctx.country}
          ownLabel={ctx.tenantName}
          chartSizes={await requestChartSizes()}
          read={read}
          locale={locale}
          t={t}
          pageHref={pageHref}
          selected={by}
          csvHref={(table) =>
            `/api/t/${ctx.tenantSlug}/dashboard/${table}?${new URLSearchParams({ ...keep, view: "shared", locale }).toString()}`
          }
        />
      ) : (
        <EmptyState variant="large" data-testid="release-none">
          {t("release.none")}
        </EmptyState>
      )}
    </>
  );
}

/** Staff's switch between their exact live figures and the latest release "as partners see it". */
function ViewSwitch({ t, base, shared }: { t: (key: string) => string; base: string; shared: boolean }) {
  const pill = (current: boolean) =>
    `inline-flex min-h-11 items-center rounded-full px-4 text-base sm:text-sm ${current ? "bg-brand-700 text-white" : "border border-slate-300 bg-white"}`;
  return (
    <nav aria-label={t("viewLabel")} className="mb-4 flex flex-wrap gap-2 print:hidden">
      <Link href={base} aria-current={!shared ? "page" : undefined} className={pill(!shared)}>
        {t("viewExact")}
      </Link>
      <Link href={`${base}?view=shared`} aria-current={shared ? "page" : undefined} className={pill(shared)}>
        {t("viewShared")}
      </Link>
    </nav>
  );
}
