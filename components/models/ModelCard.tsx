import Link from "next/link";
import type { TFunction } from "i18next";
import { Badge } from "@/components/ui/Badge";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/settings";
import type { LibraryEntry } from "@/lib/models/public-models";

/** One model in the library: what it is, whose it is, its pilot kinds and target groups. */
export function ModelCard({ entry, locale, t }: { entry: LibraryEntry; locale: Locale; t: TFunction }) {
  return (
    <article
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      data-testid="model-card"
    >
      <p className="text-sm font-medium text-brand-700">
        {entry.tenantName} · {t(`models:countries.${entry.country}`)}
      </p>
      <h2 className="mt-1 text-lg leading-snug font-semibold" lang={entry.language}>
        <Link
          href={`/${locale}/models/${entry.slug}`}
          className="text-slate-900 underline decoration-brand-600/40 underline-offset-4 hover:decoration-brand-600"
        >
          {entry.title}
        </Link>
      </h2>
      {entry.summary && (
        <p className="mt-2 line-clamp-4 text-sm text-slate-700" lang={entry.language}>
          {entry.summary}
        </p>
      )}
      <div className="mt-auto space-y-2 pt-4">
        <ul className="flex flex-wrap gap-1.5" aria-label={t("models:library.pilotKinds")}>
          {entry.pilotKinds.map((k) => (
            <li key={k}>
              <Badge tone="blue">{t(`enums:PilotKind.${k}`)}</Badge>
            </li>
          ))}
        </ul>
        <p className="text-xs text-slate-600">
          {t("models:library.forGroups", {
            groups: entry.targetGroups.map((g) => t(`enums:TargetGroup.${g}`)).join(", "),
          })}
        </p>
        {entry.publishedAt && (
          <p className="text-xs text-slate-600">
            {t("models:view.publishedOn", { date: formatDate(locale, entry.publishedAt) })}
          </p>
        )}
      </div>
    </article>
  );
}
