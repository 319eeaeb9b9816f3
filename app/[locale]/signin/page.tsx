import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { SignInForm } from "@/components/auth/SignInForm";
import { OidcSignInForm } from "@/components/auth/OidcSignInForm";
import { currentUser } from "@/lib/auth/session";
import { oidcTenants } from "@/lib/auth/oidc/flow";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("title") };
}

type Search = { callbackUrl?: string | string[]; provider?: string | string[]; reauth?: string | string[] };
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Search> };

export default async function SignInPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const search = await searchParams;
  const callbackUrl = safeCallbackUrl(search.callbackUrl, `/${locale}/t`);
  // A municipality that requires its own identity provider sends its staff here with ?provider=<slug>; a page
  // of a tenant the session does not open, with ?reauth=1. Otherwise a signed-in visitor goes straight on.
  const provider = typeof search.provider === "string" ? search.provider : undefined;
  const reauth = search.reauth === "1";
  if (!provider && !reauth && (await currentUser())) redirect(callbackUrl);
  const t = getT(locale, ["auth", "common"]);
  const municipalities = await oidcTenants();
  const required = provider ? municipalities.find((m) => m.slug === provider) : undefined;
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        {required && (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="oidc-required"
          >
            {t("oidc.required", { name: required.name })}
          </p>
        )}
        {reauth && (
          <p role="status" className="mb-4 rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900">
            {t("reauth")}
          </p>
        )}
        <Card padding={6}>
          <PageHeader look="card" title={t("title")}>
            {t("intro")}
          </PageHeader>
          <SignInForm callbackUrl={callbackUrl} locale={locale} />
        </Card>
        {municipalities.length > 0 && (
          <section
            aria-labelledby="oidc-heading"
            className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
          >
            <h2 id="oidc-heading" className="text-lg font-semibold text-slate-900">
              {t("oidc.title")}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-700">{t("oidc.intro")}</p>
            <OidcSignInForm
              municipalities={municipalities}
              chosen={required?.slug}
              callbackUrl={callbackUrl}
              locale={locale}
            />
          </section>
        )}
        {process.env.SAMSPILL_DEMO === "1" && <p className="mt-6 text-sm text-slate-600">{t("demoHint")}</p>}
      </main>
    </>
  );
}
