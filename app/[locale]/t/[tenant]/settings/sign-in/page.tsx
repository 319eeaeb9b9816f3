import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { getProviderSettings } from "@/lib/auth/identity-providers/get-provider-settings";
import { getTotpRequirement } from "@/lib/auth/identity-providers/totp-requirement";
import { listDomainClaims } from "@/lib/auth/domains/list-domains";
import { redirectUri } from "@/lib/auth/oidc/flow";
import { PageHeader } from "@/components/ui/PageHeader";
import { Badge } from "@/components/ui/Badge";
import {
  ClaimDomainForm,
  RemoveDomainForm,
  VerifyDomainForm,
  ProviderForm,
  SwitchProviderForm,
  TestProviderForm,
  TotpRequirementForm,
} from "@/components/settings/IdentityProviderForms";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { intlLocale } from "@/lib/i18n/settings";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "settings")("oidc.title") };
}

/** The municipality's own identity provider: connect, test, turn on, and require it for staff. */
export default async function SignInSettingsPage({ params }: Props) {
  const { locale, ctx } = await requireTenantPage(params, "settings.manage");
  const t = getT(locale, ["settings", "common"]);
  const settings = await getProviderSettings(ctx);
  const totpRequired = await getTotpRequirement(ctx);
  const domains = await listDomainClaims(ctx);
  const status = !settings ? "none" : settings.enabled ? "on" : settings.testedAt ? "tested" : "untested";
  const card = "mb-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  return (
    <>
      <PageHeader title={t("oidc.title")} />
      <p className="mb-4 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/settings`} className="font-medium text-brand-700 underline">
          ← {t("common:nav.settings")}
        </Link>
      </p>
      <section aria-labelledby="oidc-status" className={card}>
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="oidc-status" className="text-xl font-semibold">
            {t("oidc.statusTitle")}
          </h2>
          <Badge tone={status === "on" ? "green" : status === "tested" ? "amber" : "neutral"}>
            {t(`oidc.status.${status}`)}
          </Badge>
        </div>
        <p className="mt-2 text-sm text-slate-700">{t("oidc.intro")}</p>
        {settings?.testedAt && (
          <p className="mt-2 text-sm text-slate-700">
            {t("oidc.testedAt", {
              date: settings.testedAt.toLocaleString(intlLocale[locale], { dateStyle: "medium", timeStyle: "short" }),
            })}
          </p>
        )}
        <div className="mt-3">
          <label htmlFor="redirect-uri" className="block text-sm font-medium text-slate-800">
            {t("oidc.redirectUri")}
          </label>
          <p id="redirect-uri-hint" className="text-xs text-slate-600">
            {t("oidc.redirectUriHint")}
          </p>
          <input
            id="redirect-uri"
            readOnly
            value={redirectUri()}
            aria-describedby="redirect-uri-hint"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm"
          />
        </div>
      </section>
      <section aria-labelledby="oidc-connection" className={card}>
        <h2 id="oidc-connection" className="mb-3 text-xl font-semibold">
          {t("oidc.formTitle")}
        </h2>
        <ProviderForm
          tenant={ctx.tenantSlug}
          values={settings && { ...settings, tested: Boolean(settings.testedAt) }}
        />
      </section>
      <section aria-labelledby="domains-heading" className={card}>
        <h2 id="domains-heading" className="mb-1 text-xl font-semibold">
          {t("domains.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("domains.intro")}</p>
        {domains.length > 0 && (
          <ul className="mb-4 divide-y divide-slate-200 rounded-lg border border-slate-200" data-testid="domain-claims">
            {domains.map((d) => (
              <li key={d.domain} className="space-y-2 p-3">
                <div className="flex flex-wrap items-center gap-3">
                  <span className="font-medium break-all" data-testid="domain-name">
                    {d.domain}
                  </span>
                  <Badge tone={d.verifiedAt ? "green" : "amber"}>
                    {t(d.verifiedAt ? "domains.proven" : "domains.unproven")}
                  </Badge>
                </div>
                {!d.verifiedAt && (
                  <div className="text-sm text-slate-700">
                    <p>{t("domains.publish")}</p>
                    <dl className="mt-1 grid gap-x-3 gap-y-1 sm:grid-cols-[max-content_1fr]">
                      <dt className="font-medium">{t("domains.recordName")}</dt>
                      <dd className="font-mono break-all" data-testid="record-name">
                        {d.recordName}
                      </dd>
                      <dt className="font-medium">{t("domains.recordValue")}</dt>
                      <dd className="font-mono break-all" data-testid="record-value">
                        {d.recordValue}
                      </dd>
                    </dl>
                  </div>
                )}
                <div className="flex flex-wrap gap-2">
                  {!d.verifiedAt && <VerifyDomainForm tenant={ctx.tenantSlug} domain={d.domain} />}
                  <RemoveDomainForm tenant={ctx.tenantSlug} domain={d.domain} />
                </div>
              </li>
            ))}
          </ul>
        )}
        <ClaimDomainForm tenant={ctx.tenantSlug} />
      </section>
      {settings && (
        <section aria-labelledby="oidc-switch" className={card}>
          <h2 id="oidc-switch" className="mb-1 text-xl font-semibold">
            {t("oidc.switchTitle")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t("oidc.switchIntro")}</p>
          <div className="mb-4">
            <TestProviderForm tenant={ctx.tenantSlug} />
          </div>
          <SwitchProviderForm tenant={ctx.tenantSlug} enabled={settings.enabled} requireOidc={settings.requireOidc} />
        </section>
      )}
      <section aria-labelledby="totp-heading" className={card}>
        <h2 id="totp-heading" className="mb-1 text-xl font-semibold">
          {t("totp.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("totp.intro")}</p>
        <TotpRequirementForm tenant={ctx.tenantSlug} required={totpRequired} />
      </section>
    </>
  );
}
