import { PageHeader } from "@/components/ui/PageHeader";
import type { Metadata } from "next";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { firstValues } from "@/lib/http/page-helpers";
import { env } from "@/lib/env";
import { effectiveThreshold, THRESHOLD_MAX, THRESHOLD_MIN } from "@/lib/dashboards/protection";
import { ptableParams } from "@/lib/releases/ptable";
import { CARRY_FORWARD, sparsityBase } from "@/lib/releases/table-space";
import { BASE_RAMP } from "@/lib/releases/build-release";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "protection")("title") };
}

/** "How figures are protected": public, linked from every shared view (which passes its threshold). */
export default async function ProtectionPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const t = getT(locale, ["protection", "common"]);
  const raw = Number((await firstValues(searchParams)).threshold);
  const threshold =
    Number.isInteger(raw) && raw >= THRESHOLD_MIN && raw <= THRESHOLD_MAX
      ? raw
      : effectiveThreshold(null, env().SUPPRESSION_THRESHOLD);
  const sections = [
    ["releasesTitle", "releases"],
    ["tablesTitle", "tables"],
    ["sparsityTitle", "sparsity"],
    ["noiseTitle", "noise"],
    ["changesTitle", "changes"],
    ["addUpTitle", "addUp"],
    ["concludeTitle", "conclude"],
    ["exactTitle", "exact"],
  ] as const;
  const base = sparsityBase(threshold);
  const { D, js } = ptableParams(threshold);
  const values = { threshold, base, baseTop: base + BASE_RAMP - 1, D, js, carry: CARRY_FORWARD };
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <PageHeader look="public" title={t("title")}>
          {t("intro")}
        </PageHeader>
        {sections.map(([title, body]) => (
          <section key={title} className="mt-6" aria-labelledby={`protection-${title}`}>
            <h2 id={`protection-${title}`} className="text-xl font-semibold">
              {t(title, values)}
            </h2>
            <p className="mt-2 text-slate-700">{t(body, values)}</p>
          </section>
        ))}
      </main>
    </>
  );
}
