import { ButtonLink } from "@/components/ui/Button";
import { FilterBar, FilterField, FilterSelect, filterInputClass } from "@/components/ui/FilterBar";
import type { Metadata } from "next";
import { firstValues } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { listParticipants } from "@/lib/participants/list-participants";
import { listParticipantsSchema, TARGET_GROUPS, PARTICIPANT_STATUSES, SORTS } from "@/lib/participants/schemas";
import { participantStatusTone, outcomeStatusTone } from "@/lib/participants/tones";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Pagination } from "@/components/ui/Pagination";
import { Badge } from "@/components/ui/Badge";
import { getT } from "@/lib/i18n/instance";
import { formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params))("nav.participants") };
}

export default async function ParticipantsPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.view");
  const t = getT(locale, ["participants", "common", "enums", "import"]);
  const raw = await firstValues(searchParams);
  const erased = raw.erased === "1";
  const query = listParticipantsSchema.parse(raw);
  const result = await listParticipants(ctx, query, { withFilterOptions: true });
  const options = result.filterOptions!;
  const base = `/${locale}/t/${ctx.tenantSlug}/participants`;
  const hrefFor = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page }))
      if (v !== undefined && v !== "" && !(k === "sort" && v === "code") && !(k === "page" && v === 1))
        p.set(k, String(v));
    return `${base}${p.size ? `?${p}` : ""}`;
  };
  // The export takes the list's filters (not its page or order) and the reader's language.
  const exportHref = (format: "xlsx" | "csv") => {
    const p = new URLSearchParams({ format, locale });
    for (const k of ["q", "targetGroup", "status", "pilotId", "organisationId"] as const)
      if (query[k]) p.set(k, String(query[k]));
    return `/api/t/${ctx.tenantSlug}/participants/export?${p}`;
  };
  const select = filterInputClass;
  const active = [query.q, query.targetGroup, query.status, query.pilotId, query.organisationId].filter(Boolean).length;
  const filtered = active > 0;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("common:nav.participants")}>
          {t("list.count", { count: result.total, formatted: formatNumber(locale, result.total) })}
        </PageHeader>
        {can(ctx.role, "participant.manage") && (
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`${base}/new`}>{t("list.register")}</ButtonLink>
            <Link
              href={`/${locale}/t/${ctx.tenantSlug}/import`}
              className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
            >
              {t("import:title")}
            </Link>
          </div>
        )}
      </div>
      {erased && (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          {t("gdpr.erased")}
        </p>
      )}
      <FilterBar
        action={base}
        className="mb-6 block"
        submitLabel={t("list.apply")}
        clear={filtered ? { href: base, label: t("list.clear") } : null}
        actionsClassName="lg:col-span-5"
        fold={{ label: t("list.filters"), active: active ? t("list.filtersActive", { count: active }) : null }}
      >
        <FilterField id="q" label={t("list.search")} className="lg:col-span-2">
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("list.searchPlaceholder")}
            className={select}
          />
        </FilterField>
        <FilterSelect
          id="targetGroup"
          label={t("fields.targetGroup")}
          value={query.targetGroup}
          all={t("list.all")}
          options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`enums:TargetGroup.${g}`) }))}
        />
        <FilterSelect
          id="status"
          label={t("fields.status")}
          value={query.status}
          all={t("list.all")}
          options={PARTICIPANT_STATUSES.map((s) => ({ value: s, label: t(`enums:ParticipantStatus.${s}`) }))}
        />
        <FilterSelect
          id="pilotId"
          label={t("fields.pilot")}
          value={query.pilotId}
          all={t("list.all")}
          options={options.pilots.map((p) => ({ value: p.id, label: p.name }))}
        />
        <FilterSelect
          id="organisationId"
          label={t("fields.organisation")}
          value={query.organisationId}
          all={t("list.all")}
          options={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
        />
        <FilterSelect
          id="sort"
          label={t("list.sort")}
          value={query.sort}
          options={SORTS.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
        />
      </FilterBar>
      <DataTable
        caption={t("common:nav.participants")}
        columns={[
          t("fields.code"),
          t("fields.name"),
          t("fields.targetGroup"),
          t("list.currentStep"),
          t("list.latestOutcome"),
          t("fields.status"),
        ]}
        empty={filtered ? t("list.noMatches") : t("list.empty")}
        rows={result.rows.map((p) => ({
          key: p.id,
          cells: [
            <Link
              key="c"
              href={`${base}/${p.id}`}
              className="font-mono font-semibold whitespace-nowrap text-brand-700 underline"
            >
              {p.code}
            </Link>,
            p.anonymous ? (
              <span key="n" className="text-slate-600">
                {t("fields.anonymous")}
              </span>
            ) : (
              (p.name ?? (
                <span key="n" className="text-slate-600">
                  —
                </span>
              ))
            ),
            t(`enums:TargetGroup.${p.targetGroup}`),
            p.currentStep
              ? `${t(`enums:ActivityType.${p.currentStep.type}`)}${p.currentStep.organisation ? ` · ${p.currentStep.organisation.name}` : ""}`
              : "—",
            p.latestOutcome ? (
              <Badge key="o" tone={outcomeStatusTone[p.latestOutcome.status]}>
                {t(`enums:OutcomeStatus.${p.latestOutcome.status}`)}
              </Badge>
            ) : (
              "—"
            ),
            <Badge key="s" tone={participantStatusTone[p.status]}>
              {t(`enums:ParticipantStatus.${p.status}`)}
            </Badge>,
          ],
        }))}
      />
      <p className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm" data-testid="participant-export">
        <span className="text-slate-700">{t("import:export.hint")}</span>
        <a className="font-medium text-brand-700 underline" href={exportHref("xlsx")} download>
          {t("import:export.xlsx")}
        </a>
        <a className="font-medium text-brand-700 underline" href={exportHref("csv")} download>
          {t("import:export.csv")}
        </a>
      </p>
      <Pagination
        page={result.page}
        pages={result.pages}
        href={hrefFor}
        labels={{
          nav: t("list.pages"),
          previous: t("list.previous"),
          next: t("list.next"),
          status: t("list.pageOf", { page: result.page, pages: result.pages }),
        }}
      />
    </>
  );
}
