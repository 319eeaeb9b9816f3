import Link from "next/link";
import type { Locale } from "@/lib/i18n/settings";

/** On every page: what Samspill is, and the statements public-sector services must link to. */
export function SiteFooter({ locale, t }: { locale: Locale; t: (key: string) => string }) {
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-4 text-sm text-slate-700">
        <p className="max-w-xl">{t("footer.about")}</p>
        <nav aria-label={t("footer.label")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <Link href={`/${locale}/accessibility`} className="text-brand-700 underline">
                {t("footer.accessibility")}
              </Link>
            </li>
            <li>
              <Link href={`/${locale}/protection`} className="text-brand-700 underline">
                {t("footer.protection")}
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
