import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listPilots } from "@/lib/pilots/list-pilots";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";

export default async function PilotsPage({ params }: { params: Promise<{ locale: string; tenant: string }> }) {
  const { locale, ctx } = await requireTenantPage(params, "pilot.view");
  const t = getT(locale, ["common", "enums"]);
  const pilots = await listPilots(ctx);
  return (
    <>
      <PageHeader title={t("nav.pilots")} />
      <DataTable
        caption={t("nav.pilots")}
        columns={[t("table.name"), t("table.kind"), t("table.period"), t("table.partners"), t("table.status")]}
        empty={t("table.empty")}
        rows={pilots.map((p) => ({
          key: p.id,
          cells: [
            <div key="n"><div className="font-medium">{p.name}</div>{p.goal && <div className="text-slate-600">{p.goal}</div>}</div>,
            t(`enums:PilotKind.${p.kind}`),
            `${formatDate(locale, p.startDate)} – ${p.endDate ? formatDate(locale, p.endDate) : t("ongoing")}`,
            p.organisations.map((o) => o.organisation.name).join(", "),
            t(`enums:PilotStatus.${p.status}`),
          ],
        }))}
      />
    </>
  );
}
