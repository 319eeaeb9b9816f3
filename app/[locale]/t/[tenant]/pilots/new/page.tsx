import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { pilotFormOptions } from "@/lib/pilots/form-options";
import { PilotForm } from "@/components/pilots/PilotForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { createPilotAction } from "../actions";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "pilots")("add") };
}

export default async function NewPilotPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "pilot.manage");
  const t = getT(locale, ["pilots", "common", "enums"]);
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/pilots`} className="text-brand-700 underline">
          ← {t("common:nav.pilots")}
        </Link>
      </p>
      <PageHeader title={t("add")}>{t("addIntro")}</PageHeader>
      <PilotForm
        action={createPilotAction.bind(null, locale, ctx.tenantSlug)}
        {...await pilotFormOptions(ctx, t)}
        submitLabel={t("add")}
      />
    </div>
  );
}
