import Link from "next/link";
import type { Locale } from "@/lib/i18n/settings";

/**
 * "Page not found" with a way back: the shared body of every not-found boundary. Inside a workspace the layout
 * already has the page's <main>, so there it is a plain block (`inMain`).
 */
export function NotFoundMessage({
  locale,
  t,
  back,
  inMain = false,
}: {
  locale: Locale;
  t: (key: string) => string;
  back?: string;
  inMain?: boolean;
}) {
  const Root = inMain ? "div" : "main";
  return (
    <Root id={inMain ? undefined : "main"} className="mx-auto max-w-xl px-4 py-16" data-testid="not-found">
      <p className="text-sm font-semibold tracking-wide text-brand-700 uppercase">404</p>
      <h1 className="mt-1 text-3xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("notFound.body")}</p>
      <p className="mt-6">
        <Link href={back ?? `/${locale}`} className="font-medium text-brand-700 underline">
          {t("notFound.back")}
        </Link>
      </p>
    </Root>
  );
}
