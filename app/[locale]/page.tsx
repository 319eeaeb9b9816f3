import Link from "next/link";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

export default async function LandingPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await localeParam(params);
  const t = getT(locale, ["home", "common"]);
  const points = ["landing.coordinators", "landing.partners", "landing.municipalities"];
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-12">
        <h1 className="text-4xl font-bold tracking-tight text-brand-800">{t("landing.title")}</h1>
        <p className="mt-2 text-lg text-slate-700">{t("common:tagline")}</p>
        <p className="mt-6 text-lg leading-relaxed">{t("landing.lead")}</p>
        <ul className="mt-6 space-y-3">
          {points.map((key) => (
            <li key={key} className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
              {t(key)}
            </li>
          ))}
        </ul>
        <p className="mt-8 flex flex-wrap gap-3">
          <Link
            href={`/${locale}/signin`}
            className="inline-block rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800"
          >
            {t("landing.cta")}
          </Link>
          <Link
            href={`/${locale}/onboarding`}
            className="inline-block rounded-md border border-brand-700 bg-white px-5 py-2.5 font-semibold text-brand-800 hover:bg-brand-50"
          >
            {t("landing.onboard")}
          </Link>
        </p>
        <p className="mt-8 text-sm text-slate-600">
          {t("landing.examples")}{" "}
          <Link href={`/${locale}/models`} className="font-medium text-brand-700 underline">
            {t("landing.library")}
          </Link>
        </p>
      </main>
    </>
  );
}
