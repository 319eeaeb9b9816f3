import Link from "next/link";
import type { TFunction } from "i18next";
import { Badge } from "@/components/ui/Badge";
import { formatDate, formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/settings";
import type { ModelContent } from "@/lib/models/schemas";
import { ModelResults } from "./ModelResults";

/** Text written in a plain text area, one paragraph per line. */
export function Paragraphs({ text, lang, className }: { text: string; lang: string; className?: string }) {
  return (
    <div className={`space-y-2 ${className ?? ""}`} lang={lang}>
      {text
        .split(/\n+/)
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line, i) => (
          <p key={i}>{line}</p>
        ))}
    </div>
  );
}

export type ModelViewData = {
  title: string;
  summary: string | null;
  tenantName: string;
  country: string;
  publishedAt: Date | null;
  content: ModelContent;
  source?: { slug: string; title: string } | null;
};

/**
 * A collaboration model as the public reads it (and as its authors preview it): goal, who does what,
 * pilots, working methods and the latest results. The model's own text is marked with its language.
 */
export function ModelView({ model, locale, t }: { model: ModelViewData; locale: Locale; t: TFunction }) {
  const { content } = model;
  const lang = content.language;
  const section = "rounded-xl border border-slate-200 bg-white p-5 shadow-sm";
  return (
    <article className="space-y-8" data-testid="model-view">
      <header>
        <p className="text-sm font-medium text-brand-700">
          {t("models:view.kicker", { tenant: model.tenantName, country: t(`models:countries.${model.country}`) })}
        </p>
        <h1 className="mt-1 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl" lang={lang}>
          {model.title}
        </h1>
        {model.summary && (
          <p className="mt-3 max-w-3xl text-lg leading-relaxed text-slate-700" lang={lang}>
            {model.summary}
          </p>
        )}
        <p className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          {model.publishedAt && (
            <span>{t("models:view.publishedOn", { date: formatDate(locale, model.publishedAt) })}</span>
          )}
          {model.source && (
            <span>
              {t("models:view.startedFrom")}{" "}
              <Link href={`/${locale}/models/${model.source.slug}`} className="text-brand-700 underline">
                {model.source.title}
              </Link>
            </span>
          )}
        </p>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="model-goal" className={section}>
            <h2 id="model-goal" className="text-xl font-semibold">
              {t("models:view.goal")}
            </h2>
            <Paragraphs text={content.goal} lang={lang} className="mt-2 leading-relaxed text-slate-800" />
          </section>

          <section aria-labelledby="model-roles" className={section}>
            <h2 id="model-roles" className="text-xl font-semibold">
              {t("models:view.partnerRoles")}
            </h2>
            <p className="mt-1 text-sm text-slate-600">{t("models:view.partnerRolesIntro")}</p>
            <dl className="mt-4 grid gap-3 sm:grid-cols-2" data-testid="model-partner-roles">
              {content.partnerRoles.map((r, i) => (
                <div key={i} className="rounded-lg border border-slate-200 bg-slate-50 p-3">
                  <dt className="font-semibold text-brand-800">{t(`enums:OrganisationType.${r.organisationType}`)}</dt>
                  <dd className="mt-1 text-sm text-slate-800" lang={lang}>
                    {r.role}
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="model-pilots" className={section}>
            <h2 id="model-pilots" className="text-xl font-semibold">
              {t("models:view.pilots")}
            </h2>
            {content.pilots.length === 0 ? (
              <p className="mt-2 text-slate-700">{t("models:view.noPilots")}</p>
            ) : (
              <ul className="mt-4 space-y-3" data-testid="model-pilots">
                {content.pilots.map((p, i) => (
                  <li key={i} className="rounded-lg border border-slate-200 p-3">
                    <h3 className="font-semibold text-slate-900" lang={lang}>
                      {p.name}
                    </h3>
                    <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
                      <Badge tone="blue">{t(`enums:PilotKind.${p.kind}`)}</Badge>
                      {p.targetSharePercent !== null && (
                        <span className="text-slate-700">
                          {t("models:view.target", { percent: formatNumber(locale, p.targetSharePercent) })}
                        </span>
                      )}
                    </p>
                    {p.goal && (
                      <p className="mt-1 text-sm text-slate-700" lang={lang}>
                        {p.goal}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {content.workingMethods && (
            <section aria-labelledby="model-methods" className={section}>
              <h2 id="model-methods" className="text-xl font-semibold">
                {t("models:view.workingMethods")}
              </h2>
              <Paragraphs text={content.workingMethods} lang={lang} className="mt-2 leading-relaxed text-slate-800" />
            </section>
          )}
        </div>

        <aside className="space-y-6" aria-label={t("models:view.factsLabel")}>
          <section aria-labelledby="model-groups" className={section}>
            <h2 id="model-groups" className="text-lg font-semibold">
              {t("models:view.targetGroups")}
            </h2>
            <ul className="mt-3 flex flex-wrap gap-2">
              {content.targetGroups.map((g) => (
                <li key={g}>
                  <Badge tone="green">{t(`enums:TargetGroup.${g}`)}</Badge>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="model-facts" className={section}>
            <h2 id="model-facts" className="text-lg font-semibold">
              {t("models:view.facts")}
            </h2>
            <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">{t("models:view.country")}</dt>
              <dd className="font-medium">{t(`models:countries.${content.country}`)}</dd>
              <dt className="text-slate-600">{t("models:view.partnerCount")}</dt>
              <dd className="font-medium">{formatNumber(locale, content.partnerRoles.length)}</dd>
              <dt className="text-slate-600">{t("models:view.pilotCount")}</dt>
              <dd className="font-medium">{formatNumber(locale, content.pilots.length)}</dd>
            </dl>
          </section>
        </aside>
      </div>

      <section aria-labelledby="model-results">
        <h2 id="model-results" className="mb-3 text-2xl font-semibold">
          {t("models:view.results")}
        </h2>
        <ModelResults results={content.results} locale={locale} t={t} tenantName={model.tenantName} />
      </section>
    </article>
  );
}
