import { EmptyState } from "@/components/ui/EmptyState";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { Pagination } from "@/components/ui/Pagination";
import { LibraryFilters } from "@/components/models/LibraryFilters";
import { ModelCard } from "@/components/models/ModelCard";
import { listPublishedModels } from "@/lib/models/public-models";
import { librarySearchSchema } from "@/lib/models/schemas";
import { getT } from "@/lib/i18n/instance";
import { formatNumber } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = getT(await localeParam(params), "models");
  return { title: t("library.title"), description: t("library.intro") };
}

/** The public model library: published collaboration models, searchable by country, target group and pilot kind. */
export default async function ModelLibraryPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  await connection();
  const t = getT(locale, ["models", "enums", "common"]);
  const search = librarySearchSchema.parse(await searchParams);
  const result = await listPublishedModels(search);
  const base = `/${locale}/models`;
  const hrefFor = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...search, page }))
      if (v !== undefined && v !== "" && !(k === "page" && v === 1)) p.set(k, String(v));
    return `${base}${p.size ? `?${p}` : ""}`;
  };
  const filtered = Boolean(search.q || search.country || search.targetGroup || search.pilotKind);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <h1 className="text-3xl font-bold tracking-tight text-brand-800 sm:text-4xl">{t("library.title")}</h1>
        <p className="mt-2 max-w-3xl text-lg text-slate-700">{t("library.intro")}</p>
        <div className="mt-6">
          <LibraryFilters action={base} search={search} t={t} />
        </div>
        <p className="mt-6 mb-3 text-sm font-medium text-slate-700" role="status" data-testid="library-count">
          {t(filtered ? "library.countFiltered" : "library.count", {
            count: result.total,
            formatted: formatNumber(locale, result.total),
          })}
        </p>
        {result.entries.length === 0 ? (
          <EmptyState>{filtered ? t("library.noMatches") : t("library.empty")}</EmptyState>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {result.entries.map((entry) => (
              <li key={entry.slug}>
                <ModelCard entry={entry} locale={locale} t={t} />
              </li>
            ))}
          </ul>
        )}
        <Pagination
          page={result.page}
          pages={result.pages}
          href={hrefFor}
          labels={{
            nav: t("library.pages"),
            previous: t("library.previous"),
            next: t("library.next"),
            status: t("library.pageOf", { page: result.page, pages: result.pages }),
          }}
        />
        <aside className="mt-10 rounded-xl border border-brand-100 bg-brand-50 p-5" aria-labelledby="library-start">
          <h2 id="library-start" className="text-lg font-semibold text-brand-800">
            {t("library.startTitle")}
          </h2>
          <p className="mt-1 text-slate-800">{t("library.startText")}</p>
          <p className="mt-3">
            <Link href={`/${locale}/signin`} className="font-medium text-brand-700 underline">
              {t("library.signIn")}
            </Link>
          </p>
        </aside>
      </main>
    </>
  );
}
