import type { Metadata } from "next";
import type { ReactNode } from "react";
import "../globals.css";
import { I18nProvider } from "@/components/i18n/I18nProvider";
import { SiteFooter } from "@/components/shell/SiteFooter";
import { resources } from "@/lib/i18n/resources";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { locales } from "@/lib/i18n/settings";

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const locale = await localeParam(params);
  const t = getT(locale);
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("tagline"),
    // Static files in public/ (not app/icon.*, which would be routes the isolation sweep must classify).
    icons: {
      icon: [
        { url: "/icon.svg", type: "image/svg+xml" },
        { url: "/favicon.ico", sizes: "32x32" },
      ],
    },
  };
}

export default async function LocaleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string }>;
}) {
  const locale = await localeParam(params);
  const t = getT(locale);
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          {t("skipToContent")}
        </a>
        <div className="flex-1">
          <I18nProvider locale={locale} bundle={resources[locale]}>
            {children}
          </I18nProvider>
        </div>
        <SiteFooter locale={locale} t={t} />
      </body>
    </html>
  );
}
