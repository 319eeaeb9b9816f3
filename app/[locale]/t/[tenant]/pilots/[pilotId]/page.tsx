import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { orNotFound } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { getPilot } from "@/lib/pilots/get-pilot";
import { getTenantDashboard } from "@/lib/dashboards/get-dashboard";
import { ProtectionNote } from "@/components/dashboards/ProtectionNote";
import { FigureTable } from "@/components/dashboards/FigureTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { getT } from "@/lib/i18n/instance";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";
import { readRelease } from "@/lib/releases/read-release";
import { BREAKDOWN_COLUMNS, rowCells } from "@/lib/releases/release-tables";
import type { DisplayTable } from "@/lib/dashboards/tables";

type Props = { params: Promise<{ locale: string; tenant: string; pilotId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params))("nav.pilots") };
}

/** A pilot: its purpose, partners and enrolments, and its own indicators (suppressed for partners). */
export default async function PilotPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "pilot.view");
  const { pilotId } = await params;
  const t = getT(locale, ["pilots", "dashboard", "common", "enums"]);
  const { pilot, enrolments } = await orNotFound(getPilot(ctx, pilotId));
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  if (ctx.role === "PARTNER_VIEWER") {
    // A partner reads the pilot's row of the published release, never live counts.
    const read = await readRelease(ctx);
    const scope = read?.scope && !read.scope.withheld ? read.scope : null;
    const row =
      scope?.pilotIds.length === 1 && scope.pilotIds[0] === pilot.id
        ? scope.total
        : (scope?.breakdowns.pilot?.rows.find((r) => r.key === pilot.id)?.figures ?? null);
    const table: DisplayTable | null = row
      ? {
          id: "pilot",
          columns: [...BREAKDOWN_COLUMNS],
          rows: [{ key: pilot.id, label: pilot.name, cells: rowCells(row, BREAKDOWN_COLUMNS) }],
        }
      : null;
    return (
      <>
        <p className="mb-2 text-sm">
          <Link href={`${base}/pilots`} className="inline-flex min-h-11 items-center text-brand-700 underline">
            ← {t("common:nav.pilots")}
          </Link>
        </p>
        <PageHeader title={pilot.name}>
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="blue">{t(`enums:PilotKind.${pilot.kind}`)}</Badge>
            <span>
              {formatDate(locale, pilot.startDate)} –{" "}
              {pilot.endDate ? formatDate(locale, pilot.endDate) : t("common:ongoing")}
            </span>
          </span>
        </PageHeader>
        <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          {pilot.goal && (
            <p>
              <strong>{t("fields.goal")}:</strong> {pilot.goal}
            </p>
          )}
          <p className="mt-2">
            <strong>{t("fields.organisations")}:</strong>{" "}
            {pilot.organisations.map((o) => o.organisation.name).join(", ")}
          </p>
        </section>
        <section aria-labelledby="indicators-heading" className="mt-8 space-y-3">
          <h2 id="indicators-heading" className="text-xl font-semibold">
            {read
              ? t("dashboard:release.asOf", { date: formatDate(locale, read.release.asOf, "long") })
              : t("indicators")}
          </h2>
          {table ? (
            <FigureTable
              table={table}
              locale={locale}
              caption={t("dashboard:release.outcomesTitle")}
              columnLabel={(c) => t(`dashboard:release.columns.${c}`)}
              firstColumn={t("dashboard:release.dimension.pilot")}
              suppressedText={t("dashboard:release.withheldCell", { base: read?.figures.base ?? 0 })}
            />
          ) : (
            <p className="rounded-md bg-slate-100 px-3 py-2" data-testid="pilot-not-published">
              {read ? t("pilotNotPublished", { base: read.figures.base }) : t("dashboard:release.none")}
            </p>
          )}
          <p className="text-sm">
            <Link href={`${base}/dashboard`} className="inline-flex min-h-11 items-center text-brand-700 underline">
              {t("fullDashboard")}
            </Link>
          </p>
        </section>
      </>
    );
  }
  const { tables, shared, threshold } = await getTenantDashboard(ctx, { pilot: pilot.id, point: "MONTHS_12" }, { t });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`${base}/pilots`} className="text-brand-700 underline">
          ← {t("common:nav.pilots")}
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={pilot.name}>
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="blue">{t(`enums:PilotKind.${pilot.kind}`)}</Badge>
            <Badge tone={pilot.status === "ACTIVE" ? "green" : "neutral"}>
              {t(`enums:PilotStatus.${pilot.status}`)}
            </Badge>
            <span>
              {formatDate(locale, pilot.startDate)} –{" "}
              {pilot.endDate ? formatDate(locale, pilot.endDate) : t("common:ongoing")}
            </span>
          </span>
        </PageHeader>
        {can(ctx.role, "pilot.manage") && (
          <Link
            href={`${base}/pilots/${pilot.id}/edit`}
            className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            {t("edit")}
          </Link>
        )}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card as="section" aria-labelledby="about-heading" className="lg:col-span-2">
          <h2 id="about-heading" className="mb-2 text-lg font-semibold">
            {t("about")}
          </h2>
          {pilot.goal && (
            <p>
              <strong>{t("fields.goal")}:</strong> {pilot.goal}
            </p>
          )}
          {pilot.targetSharePercent !== null && (
            <p>
              <strong>{t("fields.target")}:</strong> {formatNumber(locale, pilot.targetSharePercent)} %
            </p>
          )}
          {pilot.description && <p className="mt-2 whitespace-pre-line text-slate-700">{pilot.description}</p>}
          <h3 className="mt-4 mb-1 font-semibold">{t("fields.organisations")}</h3>
          <ul className="list-inside list-disc text-slate-800">
            {pilot.organisations.map((o) => (
              <li key={o.organisationId}>
                {o.organisation.name}{" "}
                <span className="text-slate-600">· {t(`enums:OrganisationType.${o.organisation.type}`)}</span>
              </li>
            ))}
          </ul>
        </Card>
        <Card as="section" aria-labelledby="enrolled-heading">
          <h2 id="enrolled-heading" className="mb-2 text-lg font-semibold">
            {t("enrolled", { count: pilot._count.enrolments })}
          </h2>
          {enrolments.length > 0 && (
            <ul className="max-h-72 space-y-1 overflow-y-auto text-sm">
              {enrolments.map((e) => (
                <li key={e.id}>
                  <Link
                    href={`${base}/participants/${e.participant.id}`}
                    className="font-mono text-brand-700 underline"
                  >
                    {e.participant.code}
                  </Link>{" "}
                  <span className="text-slate-600">
                    {formatDate(locale, e.startDate, "short")}
                    {e.exitDate ? ` – ${formatDate(locale, e.exitDate, "short")}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <section aria-labelledby="indicators-heading" className="mt-8">
        <h2 id="indicators-heading" className="mb-3 text-xl font-semibold">
          {t("indicators")}
        </h2>
        <FigureTable
          table={tables.overTime}
          locale={locale}
          caption={t("dashboard:overTimeCaption")}
          columnLabel={(c) => t(`dashboard:columns.${c}`)}
          rowLabel={(key) => t(`enums:OutcomePoint.${key}`)}
          firstColumn={t("dashboard:point")}
          suppressedText={t("dashboard:suppressed", { threshold })}
        />
        {shared && (
          <p className="mt-2 text-sm text-slate-700">
            <strong>:</strong> {t("dashboard:legend", { threshold })}
          </p>
        )}
        {shared && <ProtectionNote locale={locale} t={t} threshold={threshold} className="mt-2" />}
        <p className="mt-2 text-sm">
          <Link href={`${base}/dashboard?pilot=${pilot.id}`} className="text-brand-700 underline">
            {t("fullDashboard")}
          </Link>
        </p>
      </section>
    </>
  );
}
