import type { Metadata } from "next";
import { firstValues } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listAuditEvents } from "@/lib/audit/list-audit";
import { auditQuerySchema } from "@/lib/audit/schemas";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { getT } from "@/lib/i18n/instance";
import { intlLocale } from "@/lib/i18n/settings";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("audit.title") };
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "audit.view");
  const t = getT(locale, ["participants", "common"]);
  const raw = await firstValues(searchParams);
  const query = auditQuerySchema.parse(raw);
  const result = await listAuditEvents(ctx, query);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const time = new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "short",
    timeStyle: "medium",
    timeZone: "Europe/Oslo",
  });
  const exportHref = `/api/t/${ctx.tenantSlug}/audit?${new URLSearchParams({ ...(query.participant ? { participant: query.participant } : {}), ...(query.user ? { user: query.user } : {}), locale })}`;
  const field = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";
  return (
    <>
      <PageHeader title={t("audit.title")}>{t("audit.intro")}</PageHeader>
      <div role="search" className="mb-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <form method="get" action={`${base}/audit`} className="grid gap-3 sm:grid-cols-3">
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
          <div>
            <label htmlFor="user" className="block text-sm font-medium">
              {t("audit.user")}
            </label>
            <select id="user" name="user" defaultValue={query.user ?? ""} className={field}>
              <option value="">{t("list.all")}</option>
              {result.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-end">
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white">
              {t("list.apply")}
            </button>
          </div>
        </form>
      </div>
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
        columns={[t("audit.when"), t("audit.who"), t("audit.what"), t("fields.code")]}
        empty={t("audit.empty")}
        rows={result.events.map((e) => ({
          key: e.id,
          cells: [
            time.format(e.at),
            e.actorName ?? "—",
            t(`audit.actions.${e.action.replace(".", "_")}`, { defaultValue: e.action }),
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
        href={(page) =>
          `${base}/audit?${new URLSearchParams({ ...(query.participant ? { participant: query.participant } : {}), ...(query.user ? { user: query.user } : {}), page: String(page) })}`
        }
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
