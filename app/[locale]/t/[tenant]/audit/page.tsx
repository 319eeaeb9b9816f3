import type { Metadata } from "next";
import { firstValues } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listAuditEvents } from "@/lib/audit/list-audit";
import { auditPageQuery, type AuditQuery } from "@/lib/audit/schemas";
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_GROUP_NAMES } from "@/lib/audit/audit-actions";
import { describeAuditEvent } from "@/lib/audit/describe-audit";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { getT } from "@/lib/i18n/instance";
import { intlLocale } from "@/lib/i18n/settings";
import { localeParam } from "@/lib/i18n/params";
import { formatNumber } from "@/lib/i18n/format";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("audit.title") };
}

/** The filters as query-string values (what is unset left out), for the export link and the pages. */
function filterParams(query: AuditQuery): Record<string, string> {
  return {
    ...(query.participant ? { participant: query.participant } : {}),
    ...(query.user ? { user: query.user } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.signIns ? { signIns: "1" } : {}),
  };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "audit.view");
  const t = getT(locale, ["participants", "common", "enums"]);
  const raw = await firstValues(searchParams);
  const query = auditPageQuery(raw);
  const result = await listAuditEvents(ctx, query);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const time = new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "Europe/Oslo",
  });
  const exportHref = `/api/t/${ctx.tenantSlug}/audit?${new URLSearchParams({ ...filterParams(query), signIns: query.signIns ? "1" : "0", locale })}`;
  const field = "mt-1 block min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";
  const groupLabel = (g: string) => t(`audit.filters.groups.${g}`);
  return (
    <>
      <PageHeader title={t("audit.title")}>{t("audit.intro")}</PageHeader>
      <div role="search" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <form method="get" action={`${base}/audit`} className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <label htmlFor="action" className="block text-sm font-medium">
              {t("audit.filters.action")}
            </label>
            <select id="action" name="action" defaultValue={query.action ?? ""} className={field}>
              <option value="">{t("audit.filters.allActions")}</option>
              {AUDIT_ACTION_GROUP_NAMES.map((g) => (
                <optgroup key={g} label={groupLabel(g)}>
                  <option value={`group:${g}`}>{t("audit.filters.wholeGroup", { group: groupLabel(g) })}</option>
                  {AUDIT_ACTION_GROUPS[g].map((code) => (
                    <option key={code} value={code}>
                      {t(`audit.actions.${code.replace(".", "_")}`, { defaultValue: code })}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="user" className="block text-sm font-medium">
              {t("audit.user")}
            </label>
            <select id="user" name="user" defaultValue={query.user ?? ""} className={field}>
              <option value="">{t("list.all")}</option>
              {result.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.email})
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="participant" className="block text-sm font-medium">
              {t("audit.participant")}
            </label>
            <input
              id="participant"
              name="participant"
              defaultValue={query.participant}
              placeholder="VER-0001"
              className={field}
            />
          </div>
          <div className="sm:pt-6">
            <div className="flex min-h-11 items-center gap-2">
              <input
                id="signIns"
                name="signIns"
                type="checkbox"
                value="1"
                defaultChecked={query.signIns}
                aria-describedby="signIns-hint"
                className="size-5 accent-brand-700"
              />
              <label htmlFor="signIns" className="text-sm font-medium">
                {t("audit.filters.signIns")}
              </label>
            </div>
            <p id="signIns-hint" className="text-xs text-slate-600">
              {t("audit.filters.signInsHint")}
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
            <button
              type="submit"
              className="min-h-11 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white"
            >
              {t("list.apply")}
            </button>
            <Link href={`${base}/audit`} className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
              {t("audit.filters.reset")}
            </Link>
          </div>
        </form>
      </div>
      <p className="mb-2 font-medium" role="status">
        {t("audit.filters.matching", { count: result.total, formatted: formatNumber(locale, result.total) })}
      </p>
      <p className="mb-3 flex gap-4 text-sm">
        <a href={exportHref} download className="font-medium text-brand-700 underline">
          {t("audit.csv")}
        </a>
        <a href={`${exportHref}&format=xlsx`} download className="font-medium text-brand-700 underline">
          {t("audit.xlsx")}
        </a>
      </p>
      <DataTable
        caption={t("audit.title")}
        columns={[t("audit.when"), t("audit.event"), t("fields.code")]}
        empty={t("audit.empty")}
        rows={result.events.map((e) => ({
          key: e.id,
          cells: [
            time.format(e.at),
            describeAuditEvent(e, t),
            e.participantId && e.participantCode ? (
              <Link
                key="p"
                href={`${base}/participants/${e.participantId}`}
                className="font-mono text-brand-700 underline"
              >
                {e.participantCode}
              </Link>
            ) : (
              "—"
            ),
          ],
        }))}
      />
      <Pagination
        page={query.page}
        pages={result.pages}
        href={(page) => `${base}/audit?${new URLSearchParams({ ...filterParams(query), page: String(page) })}`}
        labels={{
          nav: t("list.pages"),
          previous: t("list.previous"),
          next: t("list.next"),
          status: t("list.pageOf", { page: query.page, pages: result.pages }),
        }}
      />
    </>
  );
}
