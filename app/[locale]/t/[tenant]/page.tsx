import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { can } from "@/lib/auth/permissions";
import { getTenantOverview } from "@/lib/tenants/get-tenant-overview";
import { getT } from "@/lib/i18n/instance";
import { formatNumber } from "@/lib/i18n/format";

export default async function TenantHomePage({ params }: { params: Promise<{ locale: string; tenant: string }> }) {
  const { locale, user, ctx } = await requireTenantPage(params);
  const t = getT(locale, ["home", "common"]);
  const overview = await getTenantOverview(ctx);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const figures = [
    { id: "participants", label: t("tenant.participants"), value: overview.participants, hint: t("tenant.participantsHint", { active: formatNumber(locale, overview.activeParticipants) }) },
    { id: "active-pilots", label: t("tenant.activePilots"), value: overview.activePilots },
    { id: "partner-organisations", label: t("tenant.partnerOrganisations"), value: overview.partnerOrganisations },
  ];
  const next = [
    ...(can(ctx.role, "participant.view") ? [{ href: `${base}/participants`, label: t("tenant.nextParticipants") }] : []),
    { href: `${base}/dashboard`, label: t("tenant.nextDashboard") },
    { href: `${base}/pilots`, label: t("tenant.nextPilots") },
  ];
  return (
    <>
      <h1 className="text-3xl font-bold tracking-tight">{t("tenant.welcome", { name: user.name })}</h1>
      <p className="mt-2 text-slate-700">{t("tenant.intro", { tenant: ctx.tenantName, role: t(`common:roles.${ctx.role}`).toLowerCase() })}</p>
      <section aria-labelledby="overview-heading" className="mt-8">
        <h2 id="overview-heading" className="sr-only">{t("tenant.overviewLabel")}</h2>
        <dl className="grid gap-4 sm:grid-cols-3">
          {figures.map((f) => (
            <div key={f.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid={`count-${f.id}`}>
              <dt className="text-sm font-medium text-slate-600">{f.label}</dt>
              <dd className="mt-1 text-4xl font-bold text-brand-800" data-testid="value">{formatNumber(locale, f.value)}</dd>
              {f.hint && <dd className="mt-1 text-sm text-slate-600">{f.hint}</dd>}
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="next-heading" className="mt-10">
        <h2 id="next-heading" className="text-xl font-semibold">{t("tenant.nextTitle")}</h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-3">
          {next.map((n) => (
            <li key={n.href}>
              <Link href={n.href} className="block h-full rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium text-brand-800 shadow-sm hover:border-brand-600">
                {n.label} <span aria-hidden="true">→</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
