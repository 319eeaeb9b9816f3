import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listParticipants } from "@/lib/participants/list-participants";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";

export default async function ParticipantsPage({ params }: { params: Promise<{ locale: string; tenant: string }> }) {
  const { locale, ctx } = await requireTenantPage(params, "participant.view");
  const t = getT(locale, ["common", "enums"]);
  const { rows } = await listParticipants(ctx);
  return (
    <>
      <PageHeader title={t("nav.participants")} />
      <DataTable
        caption={t("nav.participants")}
        columns={[t("table.code"), t("table.name"), t("table.targetGroup"), t("table.status")]}
        empty={t("table.empty")}
        rows={rows.map((p) => ({
          key: p.id,
          cells: [<span key="c" className="font-mono">{p.code}</span>, p.name ?? "—", t(`enums:TargetGroup.${p.targetGroup}`), t(`enums:ParticipantStatus.${p.status}`)],
        }))}
      />
    </>
  );
}
