import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listTenantPartnerships } from "@/lib/partnerships/list-tenant-partnerships";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import { SharingToggle } from "@/components/settings/SharingToggle";
import { CreatePartnership, InvitePartner, RespondToPartnership } from "@/components/settings/PartnershipForms";
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
      <section
        aria-labelledby="general-heading"
        className="mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      >
        <h2 id="general-heading" className="mb-3 text-xl font-semibold">
          {t("settings:generalTitle")}
        </h2>
        {settings.logoMimeType && (
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={`/api/t/${ctx.tenantSlug}/logo`}
            alt={t("settings:logoAlt", { name: settings.name })}
            className="mb-3 h-12 w-auto"
          />
        )}
        <TenantSettingsForm tenant={ctx.tenantSlug} values={settings} hasLogo={!!settings.logoMimeType} />
        <p className="mt-4 text-sm">
          <Link href={`/${locale}/t/${ctx.tenantSlug}/retention`} className="font-medium text-brand-700 underline">
            {t("common:nav.retention")}
          </Link>{" "}
          · {t("settings:retentionLink")}
        </p>
        <p className="mt-2 text-sm">
          <Link
            href={`/${locale}/t/${ctx.tenantSlug}/settings/sign-in`}
            className="font-medium text-brand-700 underline"
          >
            {t("settings:oidc.title")}
          </Link>{" "}
          · {t("settings:oidc.link")}
        </p>
      </section>
      <Card as="section" aria-labelledby="partnerships-heading">
        <h2 id="partnerships-heading" className="text-xl font-semibold">
          {t("dashboard:partnership.settingsTitle")}
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-700">{t("dashboard:partnership.settingsIntro")}</p>
        {partnerships.length === 0 ? (
          <p className="text-sm text-slate-700">{t("dashboard:partnership.none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {partnerships.map((m) => (
              <li key={m.partnershipId} className="py-3" data-testid="partnership-item">
                <div className="flex flex-wrap items-center justify-between gap-3">
                  <div>
                    {m.status === "ACTIVE" ? (
                      <Link
                        href={`/${locale}/p/${m.partnership.slug}`}
                        className="font-medium text-brand-700 underline"
                      >
                        {m.partnership.name}
                      </Link>
                    ) : (
                      <span className="font-medium">{m.partnership.name}</span>
                    )}
                    <p className="text-sm text-slate-700">
                      {m.partnership.members.map((x) => `${x.tenant.name} (${x.tenant.country})`).join(", ")}
                    </p>
                  </div>
                  {m.status === "INVITED" ? (
                    <div className="flex items-center gap-3">
                      <Badge tone="amber">{t("dashboard:partnership.invitedBadge")}</Badge>
                      <RespondToPartnership
                        tenant={ctx.tenantSlug}
                        partnershipId={m.partnershipId}
                        answers={["accept", "decline"]}
                      />
                    </div>
                  ) : (
                    <div className="flex items-center gap-3">
                      <Badge tone={m.sharesIndicators ? "green" : "neutral"}>
                        {m.sharesIndicators
                          ? t("dashboard:partnership.sharing")
                          : t("dashboard:partnership.notSharingBadge")}
                      </Badge>
                      <SharingToggle
                        tenant={ctx.tenantSlug}
                        partnershipId={m.partnershipId}
                        sharing={m.sharesIndicators}
                      />
                      <RespondToPartnership
                        tenant={ctx.tenantSlug}
                        partnershipId={m.partnershipId}
                        answers={["leave"]}
                      />
                    </div>
                  )}
                </div>
                {m.status === "ACTIVE" && <InvitePartner tenant={ctx.tenantSlug} partnershipId={m.partnershipId} />}
              </li>
            ))}
          </ul>
        )}
        <details className="mt-4">
          <summary className="cursor-pointer font-medium text-brand-800">
            {t("dashboard:partnership.createTitle")}
          </summary>
          <div className="mt-3">
            <CreatePartnership tenant={ctx.tenantSlug} />
          </div>
        </details>
      </Card>
    </>
  );
}
