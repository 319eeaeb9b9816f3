import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listDueForRetention } from "@/lib/participants/gdpr";
import { ApplyRetentionForm } from "@/components/participants/ApplyRetentionForm";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("retention.title") };
}

/** Participants who left longer ago than the retention period: reviewed here, anonymised in bulk. */
export default async function RetentionPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.erase");
  const t = getT(locale, ["participants", "common"]);
  const due = await listDueForRetention(ctx);
  return (
    <>
      <PageHeader title={t("retention.title")}>
        {t("retention.intro", {
          months: formatNumber(locale, due.retentionMonths),
          date: formatDate(locale, due.cutoff),
        })}{" "}
        <Link href={`/${locale}/t/${ctx.tenantSlug}/settings`} className="text-brand-700 underline">
          {t("retention.change")}
        </Link>
      </PageHeader>
      <DataTable
        caption={t("retention.title")}
        columns={[t("fields.code"), t("retention.lastExit")]}
        empty={t("retention.none")}
        rows={due.participants.map((p) => ({
          key: p.id,
          cells: [
            <Link
              key="c"
              href={`/${locale}/t/${ctx.tenantSlug}/participants/${p.id}`}
              className="font-mono text-brand-700 underline"
            >
              {p.code}
            </Link>,
            formatDate(locale, p.lastExit),
          ],
        }))}
      />
      {due.participants.length > 0 && (
        <div className="mt-4">
          <ApplyRetentionForm tenant={ctx.tenantSlug} count={due.participants.length} />
        </div>
      )}
    </>
  );
}
