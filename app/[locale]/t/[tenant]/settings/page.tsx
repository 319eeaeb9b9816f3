import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listTenantPartnerships } from "@/lib/partnerships/partnerships";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { SharingToggle } from "@/components/settings/SharingToggle";
import { TenantSettingsForm } from "@/components/settings/TenantSettingsForm";
import { getTenantSettings } from "@/lib/tenants/tenant-settings";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params))("nav.settings") };
}

export default async function SettingsPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "settings.manage");
  const t = getT(locale, ["common", "dashboard", "settings"]);
  const partnerships = await listTenantPartnerships(ctx);
  const settings = await getTenantSettings(ctx);
  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <section aria-labelledby="general-heading" className="mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="general-heading" className="mb-3 text-xl font-semibold">{t("settings:generalTitle")}</h2>
        {settings.logoMimeType && (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={`/api/t/${ctx.tenantSlug}/logo`} alt={t("settings:logoAlt", { name: settings.name })} className="mb-3 h-12 w-auto" />
        )}
        <TenantSettingsForm tenant={ctx.tenantSlug} values={settings} hasLogo={!!settings.logoMimeType} />
        <p className="mt-4 text-sm"><Link href={`/${locale}/t/${ctx.tenantSlug}/retention`} className="font-medium text-brand-700 underline">{t("common:nav.retention")}</Link> · {t("settings:retentionLink")}</p>
      </section>
      <section aria-labelledby="partnerships-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="partnerships-heading" className="text-xl font-semibold">{t("dashboard:partnership.settingsTitle")}</h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">{t("dashboard:partnership.settingsIntro")}</p>
        {partnerships.length === 0 ? <p className="text-sm text-slate-700">{t("dashboard:partnership.none")}</p> : (
          <ul className="divide-y divide-slate-100">
            {partnerships.map((m) => (
              <li key={m.partnershipId} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="partnership-item">
                <div>
                  <Link href={`/${locale}/p/${m.partnership.slug}`} className="font-medium text-brand-700 underline">{m.partnership.name}</Link>
                  <p className="text-sm text-slate-700">{m.partnership.members.map((x) => `${x.tenant.name} (${x.tenant.country})`).join(", ")}</p>
                </div>
                <div className="flex items-center gap-3">
                  <Badge tone={m.sharesIndicators ? "green" : "neutral"}>{m.sharesIndicators ? t("dashboard:partnership.sharing") : t("dashboard:partnership.notSharingBadge")}</Badge>
                  {m.status === "ACTIVE" && <SharingToggle tenant={ctx.tenantSlug} partnershipId={m.partnershipId} sharing={m.sharesIndicators} />}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
