import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { SignInForm } from "@/components/auth/SignInForm";
import { currentUser } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("title") };
}

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, `/${locale}/t`);
  if (await currentUser()) redirect(callbackUrl);
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-2xl font-bold text-slate-900">{t("title")}</h1>
          <p className="mt-2 mb-6 text-slate-700">{t("intro")}</p>
          <SignInForm callbackUrl={callbackUrl} locale={locale} />
        </div>
        {process.env.SAMSPILL_DEMO === "1" && <p className="mt-6 text-sm text-slate-600">{t("demoHint")}</p>}
      </main>
    </>
  );
}
