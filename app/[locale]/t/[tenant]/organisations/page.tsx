import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listOrganisations } from "@/lib/organisations/list-organisations";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";

export default async function OrganisationsPage({ params }: { params: Promise<{ locale: string; tenant: string }> }) {
  const { locale, ctx } = await requireTenantPage(params, "organisation.view");
  const t = getT(locale, ["common", "enums"]);
  const organisations = await listOrganisations(ctx);
  return (
    <>
      <PageHeader title={t("nav.organisations")} />
      <DataTable
        caption={t("nav.organisations")}
        columns={[t("table.name"), t("table.type"), t("table.role"), t("table.status")]}
        empty={t("table.empty")}
        rows={organisations.map((o) => ({
          key: o.id,
          cells: [<span key="n" className="font-medium">{o.name}</span>, t(`enums:OrganisationType.${o.type}`), o.partnershipRole ?? "", o.active ? t("active") : t("inactive")],
        }))}
      />
    </>
  );
}
