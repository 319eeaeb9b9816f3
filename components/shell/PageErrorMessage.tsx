"use client";

import Link from "next/link";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * An unexpected error in a page (a 500): said in the page's language, with a way to try again and a way back.
 * The details stay in the server log; the reference lets support find them there. Inside a workspace the
 * layout already has the page's <main> (and its navigation), so there it is a plain block (`inMain`).
 */
export function PageErrorMessage({
  error,
  reset,
  back,
  inMain = false,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  back?: string;
  inMain?: boolean;
}) {
  const { t, i18n } = useTranslation("common");
  useEffect(() => {
    console.error(error);
  }, [error]);
  const Root = inMain ? "div" : "main";
  return (
    <Root id={inMain ? undefined : "main"} className="mx-auto max-w-xl px-4 py-16" data-testid="page-error">
      <h1 className="text-3xl font-bold">{t("pageError.title")}</h1>
      <p className="mt-3 text-slate-700">{t("pageError.body")}</p>
      {error.digest && (
        <p className="mt-2 text-sm text-slate-600">{t("pageError.reference", { digest: error.digest })}</p>
      )}
      <div className="mt-6 flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
        >
          {t("pageError.retry")}
        </button>
        <Link
          href={back ?? `/${i18n.language}`}
          className="rounded-md border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-50"
        >
          {t("notFound.back")}
        </Link>
      </div>
    </Root>
  );
}
