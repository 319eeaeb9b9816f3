import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { getTenantModel } from "@/lib/models/tenant-model";
import { suggestModelDraft } from "@/lib/models/suggest-model";
import { listAdoptableModels } from "@/lib/models/public-models";
import { ORGANISATION_TYPES } from "@/lib/organisations/schemas";
import { PILOT_KINDS } from "@/lib/pilots/schemas";
import { TARGET_GROUPS } from "@/lib/participants/schemas";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { ModelForm, type ModelFormValues } from "@/components/models/ModelForm";
import { AdoptModelForm } from "@/components/models/AdoptModelForm";
import { PublishControls } from "@/components/models/PublishControls";
import { PartnerChecklist } from "@/components/models/PartnerChecklist";
import { getT } from "@/lib/i18n/instance";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";
import { adoptModelAction, publishModelAction, saveModelAction, unpublishModelAction } from "./actions";

type Props = {
  params: Promise<{ locale: string; tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "models")("page.title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The municipality's collaboration model: its status and public address, the partner checklist, and for
 * administrators the form, publishing, and starting from a published model.
 */
export default async function TenantModelPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "tenant.view");
  const t = getT(locale, ["models", "common", "enums"]);
  const query = await searchParams;
  const from = first(query.from);
  const adopted = first(query.adopted);
  const pilotsCreated = Number(first(query.pilots) ?? 0) || 0;
  const admin = can(ctx.role, "settings.manage");
  const data = await getTenantModel(ctx);
  const model = data?.model ?? null;
  const adoptable = admin ? await listAdoptableModels(ctx.tenantId) : [];
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const publicHref = model ? `/${locale}/models/${model.slug}` : null;

  let values: ModelFormValues | null = null;
  if (admin) {
    if (model) {
      values = {
        title: model.title,
        summary: model.summary,
        slug: model.slug,
        goal: model.content.goal,
        targetGroups: model.content.targetGroups,
        partnerRoles: model.content.partnerRoles,
        pilots: model.content.pilots,
        workingMethods: model.content.workingMethods,
      };
    } else {
      const suggestion = await suggestModelDraft(ctx);
      values = {
        title: t("form.defaultTitle", { tenant: ctx.tenantName }),
        summary: null,
        slug: ctx.tenantSlug,
        goal: "",
        targetGroups: [],
        partnerRoles: suggestion.partnerRoles,
        pilots: suggestion.pilots,
        workingMethods: null,
      };
    }
  }

  const adoptPanel = admin && (
    <section
      aria-labelledby="adopt-heading"
      className={`rounded-xl border p-5 shadow-sm ${from ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}
    >
      <h2 id="adopt-heading" className="text-xl font-semibold">
        {t("adopt.title")}
      </h2>
      <p className="mt-1 mb-4 text-sm text-slate-700">
        {t("adopt.intro")}{" "}
        <Link href={`/${locale}/models`} className="font-medium text-brand-700 underline">
          {t("adopt.browse")}
        </Link>
      </p>
      {model?.status === "PUBLISHED" ? (
        <p className="text-sm text-slate-700">{t("adopt.unpublishFirst")}</p>
      ) : (
        <AdoptModelForm
          action={adoptModelAction.bind(null, locale, ctx.tenantSlug)}
          models={adoptable}
          preselected={from}
          hasDraft={Boolean(model)}
        />
      )}
    </section>
  );

  return (
    <div className="space-y-6">
      <PageHeader title={t("page.title")}>{t("page.intro")}</PageHeader>

      {adopted && model && (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
          data-testid="adopted-message"
        >
          {t("adopt.done", { count: pilotsCreated, formatted: formatNumber(locale, pilotsCreated) })}
        </p>
      )}

      <Card as="section" aria-labelledby="status-heading">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="space-y-1">
            <h2 id="status-heading" className="flex flex-wrap items-center gap-3 text-xl font-semibold">
              {t("status.title")}
              {model && (
                <Badge tone={model.status === "PUBLISHED" ? "green" : "amber"}>
                  {model.status === "PUBLISHED" ? t("status.published") : t("status.draft")}
                </Badge>
              )}
            </h2>
            {!model && <p className="text-slate-700">{admin ? t("status.noneAdmin") : t("status.none")}</p>}
            {model?.status === "DRAFT" && <p className="text-slate-700">{t("status.draftText")}</p>}
            {model?.status === "PUBLISHED" && publicHref && (
              <p className="text-slate-700">
                {t("status.publishedText", { date: model.publishedAt ? formatDate(locale, model.publishedAt) : "" })}{" "}
                <Link href={publicHref} className="font-medium text-brand-700 underline" data-testid="public-link">
                  {publicHref}
                </Link>
              </p>
            )}
            {data?.source && (
              <p className="text-sm text-slate-600">
                {t("view.startedFrom")}{" "}
                <Link href={`/${locale}/models/${data.source.slug}`} className="text-brand-700 underline">
                  {data.source.title}
                </Link>
              </p>
            )}
          </div>
          {model && (
            <div className="flex flex-col items-end gap-3">
              <Link
                href={`${base}/model/preview`}
                className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50"
              >
                {t("status.preview")}
              </Link>
            </div>
          )}
        </div>
        {admin && model && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <p className="mb-3 text-sm text-slate-700">
              {model.status === "PUBLISHED" ? t("status.republishHint") : t("status.publishHint")}
            </p>
            <PublishControls
              publish={publishModelAction.bind(null, ctx.tenantSlug)}
              unpublish={unpublishModelAction.bind(null, ctx.tenantSlug)}
              published={model.status === "PUBLISHED"}
            />
          </div>
        )}
      </Card>

      {(from || !model) && adoptPanel}

      {data && data.checklist.length > 0 && (
        <PartnerChecklist
          items={data.checklist}
          t={t}
          lang={data.model.content.language}
          addHref={can(ctx.role, "organisation.manage") ? `${base}/organisations/new` : undefined}
        />
      )}

      {values && (
        <section aria-labelledby="edit-heading" className="space-y-3">
          <h2 id="edit-heading" className="text-2xl font-semibold">
            {model ? t("form.editTitle") : t("form.newTitle")}
          </h2>
          <p className="text-sm text-slate-700">
            {model
              ? model.status === "PUBLISHED"
                ? t("form.editPublishedIntro")
                : t("form.editIntro")
              : t("form.newIntro")}
          </p>
          <ModelForm
            // A new adoption replaces the text: start the form afresh (a save keeps the form, and its message).
            key={`${adopted ?? ""}:${first(query.at) ?? ""}`}
            action={saveModelAction.bind(null, ctx.tenantSlug)}
            values={values}
            options={{
              targetGroups: [...TARGET_GROUPS],
              organisationTypes: [...ORGANISATION_TYPES],
              pilotKinds: [...PILOT_KINDS],
            }}
            submitLabel={model?.status === "PUBLISHED" ? t("form.savePublished") : t("form.save")}
            addressPrefix={`/${locale}/models/`}
          />
        </section>
      )}

      {model && !from && adoptPanel}
    </div>
  );
}
