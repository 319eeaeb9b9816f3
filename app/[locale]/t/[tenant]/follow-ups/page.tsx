import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listFollowUpsDue } from "@/lib/outcomes/list-follow-ups";
import { recordOutcomeHref } from "@/lib/outcomes/follow-up-links";
import { can } from "@/lib/auth/permissions";
import { DataTable } from "@/components/ui/DataTable";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("followUps.pageTitle") };
}

export default async function FollowUpsPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "participant.view");
  const t = getT(locale, ["participants", "enums", "common"]);
  const due = await listFollowUpsDue(ctx);
  const overdue = due.filter((d) => d.overdue);
  const thisMonth = due.filter((d) => !d.overdue);
  const tenantBase = `/${locale}/t/${ctx.tenantSlug}`;
  const base = `${tenantBase}/participants`;
  const table = (rows: typeof due, caption: string) => (
    <DataTable
      caption={caption}
      columns={[
        t("fields.code"),
        t("fields.name"),
        t("fields.pilot"),
        t("fields.point"),
        t("followUps.dueDate"),
        t("fields.status"),
      ]}
      empty={t("followUps.nothing")}
      rows={rows.map((d) => ({
        key: `${d.enrolmentId}-${d.point}`,
        cells: [
          <Link
            key="c"
            href={`${base}/${d.participantId}`}
            className="font-mono font-semibold whitespace-nowrap text-brand-700 underline"
          >
            {d.code}
          </Link>,
          d.name ?? "—",
          d.pilotName,
          can(ctx.role, "participant.manage") ? (
            <Link
              key="p"
              href={recordOutcomeHref(tenantBase, d)}
              className="inline-flex min-h-11 items-center text-brand-700 underline"
            >
              {t(`enums:OutcomePoint.${d.point}`)}
            </Link>
          ) : (
            t(`enums:OutcomePoint.${d.point}`)
          ),
          formatDate(locale, d.dueDate),
          <Badge key="s" tone={d.overdue ? "red" : "amber"}>
            {t(`followUps.states.${d.overdue ? "overdue" : "dueThisMonth"}`)}
          </Badge>,
        ],
      }))}
    />
  );
  return (
    <>
      <PageHeader title={t("followUps.pageTitle")}>{t("followUps.intro")}</PageHeader>
      <section aria-labelledby="overdue-heading" className="mb-8">
        <h2 id="overdue-heading" className="mb-3 text-xl font-semibold">
          {t("followUps.overdue", { count: overdue.length })}
        </h2>
        {table(overdue, t("followUps.overdue", { count: overdue.length }))}
      </section>
      <section aria-labelledby="due-heading">
        <h2 id="due-heading" className="mb-3 text-xl font-semibold">
          {t("followUps.thisMonth", { count: thisMonth.length })}
        </h2>
        {table(thisMonth, t("followUps.thisMonth", { count: thisMonth.length }))}
      </section>
    </>
  );
}
