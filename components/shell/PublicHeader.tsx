import Link from "next/link";
import { Suspense } from "react";
import { LanguageSwitcher } from "./LanguageSwitcher";
import type { Locale } from "@/lib/i18n/settings";

export function PublicHeader({ locale, appName }: { locale: Locale; appName: string }) {
  return (
    <header className="bg-brand-800 text-white print:hidden">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={`/${locale}`} className="text-lg font-bold tracking-tight">
          {appName}
        </Link>
        <Suspense>
          <LanguageSwitcher locale={locale} />
        </Suspense>
      </div>
    </header>
  );
}
