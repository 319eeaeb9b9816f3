import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { ORGANISATION_TYPES } from "@/lib/organisations/schemas";
import { OrganisationForm } from "@/components/organisations/OrganisationForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { createOrganisationAction } from "../actions";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "organisations")("add") };
}

export default async function NewOrganisationPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "organisation.manage");
  const t = getT(locale, ["organisations", "common", "enums"]);
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/organisations`} className="text-brand-700 underline">
          ← {t("common:nav.organisations")}
        </Link>
      </p>
      <PageHeader title={t("add")} />
      <OrganisationForm
        action={createOrganisationAction.bind(null, locale, ctx.tenantSlug)}
        types={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`enums:OrganisationType.${v}`) }))}
        submitLabel={t("add")}
      />
    </div>
  );
}
