import { EmptyState } from "@/components/ui/EmptyState";
import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { previewTenantModel } from "@/lib/models/preview-model";
import { ModelView } from "@/components/models/ModelView";
import { PublishControls } from "@/components/models/PublishControls";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { publishModelAction, unpublishModelAction } from "../actions";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "models")("preview.title") };
}

/** The model as the public page would show it if it were published now, results included. */
export default async function ModelPreviewPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "tenant.view");
  const t = getT(locale, ["models", "dashboard", "enums", "common"]);
  const preview = await previewTenantModel(ctx);
  const base = `/${locale}/t/${ctx.tenantSlug}/model`;
  if (!preview) {
    return (
      <div className="space-y-4">
        <p className="text-sm">
          <Link href={base} className="text-brand-700 underline">
            ← {t("page.title")}
          </Link>
        </p>
        <EmptyState>{t("preview.none")}</EmptyState>
      </div>
    );
  }
  const { model, tenantName } = preview;
  const published = model.status === "PUBLISHED";
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={base} className="text-brand-700 underline">
          ← {t("preview.back")}
        </Link>
      </p>
      <div
        className="flex flex-wrap items-center justify-between gap-4 rounded-xl border border-amber-300 bg-amber-50 p-4"
        data-testid="preview-banner"
      >
        <p className="max-w-2xl text-sm text-amber-950">
          <strong>{t("preview.banner")}</strong> {published ? t("preview.bannerPublished") : t("preview.bannerDraft")}
        </p>
        {can(ctx.role, "settings.manage") && (
          <PublishControls
            publish={publishModelAction.bind(null, ctx.tenantSlug)}
            unpublish={unpublishModelAction.bind(null, ctx.tenantSlug)}
            published={published}
          />
        )}
      </div>
      <ModelView
        model={{
          title: model.title,
          summary: model.summary,
          tenantName,
          country: model.content.country,
          publishedAt: model.publishedAt,
          content: model.content,
        }}
        locale={locale}
        t={t}
      />
    </div>
  );
}
