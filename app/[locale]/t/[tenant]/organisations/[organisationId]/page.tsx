import type { Metadata } from "next";
import { orNotFound } from "@/lib/http/page-helpers";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { ORGANISATION_TYPES } from "@/lib/organisations/schemas";
import { getOrganisation } from "@/lib/organisations/organisations";
import { OrganisationForm } from "@/components/organisations/OrganisationForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { updateOrganisationAction } from "../actions";

type Props = { params: Promise<{ locale: string; tenant: string; organisationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "organisations")("edit") };
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export default async function EditOrganisationPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "organisation.manage");
  const { organisationId } = await params;
  const t = getT(locale, ["organisations", "common", "enums"]);
  const o = await orNotFound(getOrganisation(ctx, organisationId));
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/organisations`} className="text-brand-700 underline">
          ← {t("common:nav.organisations")}
        </Link>
      </p>
      <PageHeader title={o.name} />
      <OrganisationForm
        action={updateOrganisationAction.bind(null, ctx.tenantSlug, o.id)}
        types={ORGANISATION_TYPES.map((v) => ({ value: v, label: t(`enums:OrganisationType.${v}`) }))}
        values={{ ...o, agreementStart: day(o.agreementStart), agreementEnd: day(o.agreementEnd) }}
        submitLabel={t("save")}
      />
    </div>
  );
}
