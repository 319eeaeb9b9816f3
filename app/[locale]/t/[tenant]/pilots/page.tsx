import { ButtonLink } from "@/components/ui/Button";
import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { listPilots } from "@/lib/pilots/list-pilots";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { getT } from "@/lib/i18n/instance";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params))("nav.pilots") };
}

export default async function PilotsPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "pilot.view");
  const t = getT(locale, ["pilots", "common", "enums"]);
  const pilots = await listPilots(ctx);
  const base = `/${locale}/t/${ctx.tenantSlug}/pilots`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeader title={t("common:nav.pilots")}>{t("intro")}</PageHeader>
        {can(ctx.role, "pilot.manage") && <ButtonLink href={`${base}/new`}>{t("add")}</ButtonLink>}
      </div>
      <DataTable
        caption={t("common:nav.pilots")}
        columns={[
          t("fields.name"),
          t("fields.kind"),
          t("fields.period"),
          t("fields.organisations"),
          t("fields.enrolments"),
          t("fields.status"),
        ]}
        empty={t("common:table.empty")}
        rows={pilots.map((p) => ({
          key: p.id,
          cells: [
            <div key="n">
              <Link href={`${base}/${p.id}`} className="font-medium text-brand-700 underline">
                {p.name}
              </Link>
              {p.goal && <div className="text-slate-600">{p.goal}</div>}
            </div>,
            t(`enums:PilotKind.${p.kind}`),
            `${formatDate(locale, p.startDate)} – ${p.endDate ? formatDate(locale, p.endDate) : t("common:ongoing")}`,
            p.organisations.map((o) => o.organisation.name).join(", "),
            p.enrolled === null ? "–" : formatNumber(locale, p.enrolled),
            <Badge key="s" tone={p.status === "ACTIVE" ? "green" : "neutral"}>
              {t(`enums:PilotStatus.${p.status}`)}
            </Badge>,
          ],
        }))}
      />
    </>
  );
}
