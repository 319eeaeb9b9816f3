import Link from "next/link";
import { headers } from "next/headers";
import { getT } from "@/lib/i18n/instance";
import { isLocale, defaultLocale } from "@/lib/i18n/settings";

// A not-found boundary receives no params: the proxy passes the locale on as a request header.
export default async function NotFound() {
  const header = (await headers()).get("x-samspill-locale");
  const locale = isLocale(header) ? header : defaultLocale;
  const t = getT(locale);
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-3xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href={`/${locale}`} className="font-medium text-brand-700 underline">{t("notFound.back")}</Link>
      </p>
    </main>
  );
}
