import { headers } from "next/headers";
import { NotFoundMessage } from "@/components/shell/NotFoundMessage";
import { getT } from "@/lib/i18n/instance";
import { isLocale, defaultLocale } from "@/lib/i18n/settings";

/** Not found inside a workspace (an unknown path, a record that does not exist): shown under its navigation. */
export default async function WorkspaceNotFound() {
  const header = (await headers()).get("x-samspill-locale");
  const locale = isLocale(header) ? header : defaultLocale;
  return <NotFoundMessage locale={locale} t={getT(locale)} inMain />;
}
