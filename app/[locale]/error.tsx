"use client";

import { useTranslation } from "react-i18next";
import { PageErrorMessage } from "@/components/shell/PageErrorMessage";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { isLocale, defaultLocale } from "@/lib/i18n/settings";

/** An unexpected error in a page outside a workspace: under the site's header, like the not-found page. */
export default function PageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  const { t, i18n } = useTranslation("common");
  const locale = isLocale(i18n.language) ? i18n.language : defaultLocale;
  return (
    <>
      <PublicHeader locale={locale} appName={t("appName")} />
      <PageErrorMessage {...props} />
    </>
  );
}
