"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useTranslation } from "react-i18next";
import { locales, type Locale } from "@/lib/i18n/settings";

/** Links to the same page in the other languages. */
export function LanguageSwitcher({ locale }: { locale: Locale }) {
  const { t } = useTranslation("common");
  const pathname = usePathname() ?? `/${locale}`;
  const search = useSearchParams()?.toString();
  const rest = pathname.split("/").slice(2).join("/");
  return (
    <nav aria-label={t("language.label")} className="flex items-center gap-1 text-sm">
      {locales.map((l) => (
        <Link
          key={l}
          href={`/${l}${rest ? `/${rest}` : ""}${search ? `?${search}` : ""}`}
          lang={l}
          hrefLang={l}
          aria-current={l === locale ? "true" : undefined}
          className={`rounded px-2 py-1 ${l === locale ? "bg-white/20 font-semibold" : "underline-offset-2 hover:bg-white/10 hover:underline"}`}
        >
          {t(`language.${l}`)}
        </Link>
      ))}
    </nav>
  );
}
