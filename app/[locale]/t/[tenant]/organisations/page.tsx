import { ButtonLink } from "@/components/ui/Button";
import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { listOrganisations } from "@/lib/organisations/list-organisations";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params))("nav.organisations") };
}

export default async function OrganisationsPage({ params, searchParams }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "organisation.view");
  const t = getT(locale, ["organisations", "common", "enums"]);
  const organisations = await listOrganisations(ctx);
  const manage = can(ctx.role, "organisation.manage");
  const base = `/${locale}/t/${ctx.tenantSlug}/organisations`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("common:nav.organisations")}>{t("intro")}</PageHeader>
        {manage && <ButtonLink href={`${base}/new`}>{t("add")}</ButtonLink>}
      </div>
      {(await searchParams).saved && (
        <p
          role="status"
          className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          {t("created")}
        </p>
      )}
      <DataTable
        caption={t("common:nav.organisations")}
        columns={[
          t("fields.name"),
          t("fields.type"),
          t("fields.partnershipRole"),
          t("fields.agreement"),
          t("fields.status"),
        ]}
        empty={t("common:table.empty")}
        rows={organisations.map((o) => ({
          key: o.id,
          cells: [
            manage ? (
              <Link key="n" href={`${base}/${o.id}`} className="font-medium text-brand-700 underline">
                {o.name}
              </Link>
            ) : (
              <span key="n" className="font-medium">
                {o.name}
              </span>
            ),
            t(`enums:OrganisationType.${o.type}`),
            o.partnershipRole ?? "",
            o.agreementStart
              ? `${formatDate(locale, o.agreementStart)} – ${o.agreementEnd ? formatDate(locale, o.agreementEnd) : ""}`
              : "—",
            <Badge key="s" tone={o.active ? "green" : "neutral"}>
              {o.active ? t("common:active") : t("common:inactive")}
            </Badge>,
          ],
        }))}
      />
    </>
  );
}
