import { headers } from "next/headers";
import { NotFoundMessage } from "@/components/shell/NotFoundMessage";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { getT } from "@/lib/i18n/instance";
import { isLocale, defaultLocale } from "@/lib/i18n/settings";

// A not-found boundary receives no params: the proxy passes the locale on as a request header.
export default async function NotFound() {
  const header = (await headers()).get("x-samspill-locale");
  const locale = isLocale(header) ? header : defaultLocale;
  const t = getT(locale);
  return (
    <>
      <PublicHeader locale={locale} appName={t("appName")} />
      <NotFoundMessage locale={locale} t={t} />
    </>
  );
}
