import { EmptyState } from "@/components/ui/EmptyState";
import Link from "next/link";
import type { TFunction } from "i18next";
import type { Locale } from "@/lib/i18n/settings";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import type { ReadRelease } from "@/lib/releases/read-release";
import type { ScopeFigures } from "@/lib/releases/build-release";
import { releaseTables, share, type ReleaseTable } from "@/lib/releases/release-tables";
import { BREAKDOWNS, CARRY_FORWARD, type Breakdown } from "@/lib/releases/table-space";
import { ptableParams } from "@/lib/releases/ptable";
import { FigureTable } from "@/components/dashboards/FigureTable";
import { StatCard, StatGrid } from "@/components/ui/StatCard";
import { NationalComparison } from "@/components/charts/NationalComparison";
import { nationalChart } from "@/lib/charts/dashboard-charts";
import type { ChartSize } from "@/lib/charts/plot";

/**
 * What partners see: one published release of protected figures, read as stored. It opens with what the
 * release says in a sentence and whose figures these are, shows each quantity once (the headline, the path,
 * the table and the breakdown read the same published cells), draws no empty chart, and says where a figure
 * is withheld and why.
 */
export function ReleaseView({
  read,
  locale,
  t,
  pageHref,
  csvHref,
  selected,
  all = false,
  country,
  ownLabel,
  chartSizes,
}: {
  read: ReadRelease;
  locale: Locale;
  t: TFunction;
  /** The same page with other search parameters (another release, another breakdown). */
  pageHref: (params: Record<string, string>) => string;
  csvHref?: (table: ReleaseTable) => string;
  selected: Breakdown;
  /** Every breakdown at once (the printable report). */
  all?: boolean;
  /** The municipality's country and name, for the national figure beside its own. */
  country: string;
  ownLabel: string;
  chartSizes?: readonly ChartSize[];
}) {
  const { release, releases, figures, labels, scope, organisationId } = read;
  const asOf = formatDate(locale, release.asOf, "long");
  const organisation = labels.organisations.find((o) => o.id === organisationId)?.name;
  const pilots = labels.pilots.filter((p) => scope?.pilotIds.includes(p.id));
  const { D, js } = ptableParams(figures.threshold);
  const n = (value: number) => formatNumber(locale, value);
  const withheldText = t("dashboard:release.withheldCell", { base: figures.base });

  const header = (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-2xl font-semibold" data-testid="release-as-of">
          {t("dashboard:release.asOf", { date: asOf })}
          {release.kind === "MANUAL" && (
            <span className="ml-2 align-middle text-base font-normal text-slate-600">
              ({t("dashboard:release.manual")})
            </span>
          )}
        </h2>
        {releases.length > 1 && (
          <form method="get" className="flex flex-wrap items-end gap-2 print:hidden">
            <div>
              <label htmlFor="release" className="block text-sm font-medium">
                {t("dashboard:release.earlier")}
              </label>
              <select
                id="release"
                name="release"
                defaultValue={release.id}
                className="mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 text-base sm:text-sm"
              >
                {releases.map((r) => (
                  <option key={r.id} value={r.id}>
                    {formatDate(locale, r.asOf, "long")}
                  </option>
                ))}
              </select>
            </div>
            {organisationId && <input type="hidden" name="as" value={organisationId} />}
            <input type="hidden" name="view" value="shared" />
            <button
              type="submit"
              className="min-h-11 rounded-md border border-slate-400 bg-white px-4 py-2 text-base font-medium hover:bg-slate-50 sm:text-sm"
            >
              {t("dashboard:release.show")}
            </button>
          </form>
        )}
      </div>
      <p className="text-slate-700" data-testid="release-scope">
        {scope === null
          ? t("dashboard:release.noPilots", { organisation: organisation ?? "" })
          : organisation
            ? t("dashboard:release.scopeOrganisation", {
                organisation,
                pilots: pilots.map((p) => p.name).join(", "),
              })
            : t("dashboard:release.scopeAll", { pilots: pilots.map((p) => p.name).join(", ") })}
      </p>
    </div>
  );

  const protection = (
    <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="protection-note">
      {t("dashboard:release.howProtected", { D, js, base: figures.base, carry: CARRY_FORWARD })}{" "}
      <Link href={`/${locale}/protection`} className="font-medium underline">
        {t("dashboard:protectionLink")}
      </Link>
    </p>
  );

  if (scope === null || scope.withheld || !scope.total || !scope.funnel) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState variant="large" data-testid="release-withheld">
          {scope === null
            ? t("dashboard:release.noPilotsLong")
            : t(`dashboard:release.withheld.${scope.withheld ?? "tooFew"}`, { base: figures.base })}
        </EmptyState>
        {protection}
      </div>
    );
  }

  const total = scope.total;
  const outcomes = total.outcomes;
  const years = yearsOf(scope);
  const tables = releaseTables(scope, labels, t);
  // A published 0 can be a true 0 or a small count (the perturbation never shows 1 … js): said as "under js+1".
  const few = (value: number) => (value === 0 ? t("dashboard:release.under", { limit: n(js + 1) }) : n(value));
  const ofFollowedUp = (value: number | undefined) =>
    outcomes && value
      ? t("dashboard:release.shareOf", {
          share: formatPercent(locale, share(value, outcomes.followedUp ?? 0) ?? 0),
          followedUp: n(outcomes.followedUp ?? 0),
        })
      : outcomes
        ? t("dashboard:release.ofFollowedUp", { followedUp: n(outcomes.followedUp ?? 0) })
        : undefined;
  const sentence = [
    years
      ? t("dashboard:release.sentence.enrolled", { count: total.enrolled, n: n(total.enrolled), years: years.text })
      : t("dashboard:release.sentence.enrolledNoYears", { count: total.enrolled, n: n(total.enrolled) }),
    !outcomes
      ? t("dashboard:release.sentence.notYet", { base: figures.base })
      : outcomes.inWork
        ? t("dashboard:release.sentence.atTwelve", {
            inWork: n(outcomes.inWork),
            followedUp: n(outcomes.followedUp ?? 0),
            share: formatPercent(locale, share(outcomes.inWork, outcomes.followedUp ?? 0) ?? 0),
          })
        : t("dashboard:release.sentence.atTwelveFew", {
            limit: n(js + 1),
            followedUp: n(outcomes.followedUp ?? 0),
          }),
  ].join(" ");
  const cards = [
    { id: "enrolled", label: t("dashboard:release.columns.enrolled"), value: n(total.enrolled) },
    {
      id: "followedUp",
      label: t("dashboard:release.columns.followedUp"),
      value: outcomes ? n(outcomes.followedUp ?? 0) : "–",
      sub: outcomes ? t("dashboard:release.twelveMonths") : t("dashboard:release.notYetShort", { base: figures.base }),
    },
    {
      id: "inWork",
      label: t("dashboard:release.columns.inWork"),
      value: outcomes ? few(outcomes.inWork ?? 0) : "–",
      sub: ofFollowedUp(outcomes?.inWork),
    },
    {
      id: "inWorkOrEducation",
      label: t("dashboard:release.columns.inWorkOrEducation"),
      value: outcomes ? few(outcomes.inWorkOrEducation ?? 0) : "–",
      sub: ofFollowedUp(outcomes?.inWorkOrEducation),
    },
  ];
  const funnel = scope.funnel;
  const steps = (["enrolled", "inActivity", "inPractice", "inJob"] as const).map((k) => ({ k, value: funnel[k] }));
  const widest = Math.max(1, ...steps.map((s) => s.value));
  const offered = BREAKDOWNS.filter((b) => tables.breakdowns[b]);
  const notOffered = BREAKDOWNS.filter((b) => !tables.breakdowns[b]);
  const shown = all ? offered : offered.includes(selected) ? [selected] : offered.slice(0, 1);
  const columnLabel = (c: string) => t(`dashboard:release.columns.${c}`);
  // The municipality's share in work or education 12 months after leaving beside the national figure measured
  // the same way (a statistic of the same country at the same point; else a sentence saying which point it is).
  const national =
    outcomes && outcomes.inWorkOrEducation !== undefined
      ? nationalChart({
          country,
          ownLabel,
          years: years?.list ?? [],
          point: figures.point,
          common: { locale, t, sizes: chartSizes },
          rows: [
            {
              key: "total",
              label: ownLabel,
              cell: {
                kind: "share",
                value: share(outcomes.inWorkOrEducation, outcomes.followedUp ?? 0),
                suppressed: false,
              },
            },
          ],
        })
      : null;

  return (
    <div className="space-y-8">
      {header}
      <p className="text-xl leading-relaxed text-slate-900" data-testid="release-sentence">
        {sentence}
      </p>
      <StatGrid layout="pairs">
        {cards.map((c) => (
          <StatCard
            key={c.id}
            data-testid={`figure-${c.id}`}
            subSize="sm"
            label={c.label}
            value={c.value}
            sub={c.sub}
          />
        ))}
      </StatGrid>
      {protection}

      <section aria-labelledby="path-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h3 id="path-heading" className="mb-1 text-xl font-semibold">
          {t("dashboard:release.pathTitle")}
        </h3>
        <p className="mb-4 text-sm text-slate-600">{t("dashboard:release.funnelNote")}</p>
        <ol className="space-y-3" data-testid="release-path">
          {steps.map((s) => (
            <li key={s.k}>
              <div className="flex justify-between gap-3 text-sm sm:text-base">
                <span>{t(`dashboard:release.columns.${s.k}`)}</span>
                <span className="font-semibold tabular-nums">{s.k === "enrolled" ? n(s.value) : few(s.value)}</span>
              </div>
              <div className="mt-1 h-3 rounded bg-slate-100" aria-hidden="true">
                <div className="h-3 rounded bg-brand-700" style={{ width: `${(100 * s.value) / widest}%` }} />
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="outcomes-heading" className="space-y-3">
        <h3 id="outcomes-heading" className="text-xl font-semibold">
          {t("dashboard:release.outcomesTitle")}
        </h3>
        <FigureTable
          table={tables.total}
          locale={locale}
          caption={t("dashboard:release.tableCaption")}
          columnLabel={columnLabel}
          firstColumn=""
          suppressedText={withheldText}
          csvHref={csvHref?.("total")}
          csvLabel={t("dashboard:csv")}
          xlsxLabel={t("dashboard:xlsx")}
        />
        <p className="text-sm text-slate-600">{t("dashboard:release.tableNote")}</p>
      </section>

      {national && (
        <section aria-labelledby="national-heading" className="space-y-3 lg:max-w-[60%]">
          <h3 id="national-heading" className="text-xl font-semibold">
            {t("dashboard:release.nationalTitle")}
          </h3>
          <NationalComparison comparison={national} t={t} />
        </section>
      )}

      <section aria-labelledby="breakdown-heading" className="space-y-3">
        <h3 id="breakdown-heading" className="text-xl font-semibold">
          {t("dashboard:release.breakdownTitle")}
        </h3>
        {!all && offered.length > 1 && (
          <nav
            aria-label={t("dashboard:breakdownBy")}
            className="flex flex-wrap gap-2 print:hidden"
            data-testid="breakdown-tabs"
          >
            {offered.map((b) => (
              <a
                key={b}
                href={`${pageHref({ by: b })}#breakdown-heading`}
                aria-current={shown.includes(b) ? "true" : undefined}
                className={`inline-flex min-h-11 items-center rounded-full px-4 text-base sm:text-sm ${shown.includes(b) ? "bg-brand-700 text-white" : "border border-slate-300 bg-white hover:bg-slate-50"}`}
              >
                {t(`dashboard:release.by.${b}`)}
              </a>
            ))}
          </nav>
        )}
        {shown.map((b) => (
          <FigureTable
            key={b}
            table={tables.breakdowns[b]!}
            locale={locale}
            caption={t(`dashboard:release.by.${b}`)}
            columnLabel={columnLabel}
            firstColumn={t(`dashboard:release.dimension.${b}`)}
            suppressedText={withheldText}
            csvHref={csvHref?.(b)}
            csvLabel={t("dashboard:csv")}
            xlsxLabel={t("dashboard:xlsx")}
          />
        ))}
        {notOffered.length > 0 && (
          <p className="text-sm text-slate-700" data-testid="not-offered">
            {t("dashboard:release.notOffered", {
              breakdowns: notOffered.map((b) => t(`dashboard:release.dimension.${b}`).toLowerCase()).join(", "),
              base: figures.base,
            })}
          </p>
        )}
      </section>
    </div>
  );
}

/**
 * The years the figures cover, from the release's own cohort groups when it publishes them (each holds enough
 * people to be shown); otherwise none are named, since the first and last year of enrolment could single out
 * the few people enrolled in them.
 */
function yearsOf(scope: ScopeFigures): { text: string; list: number[] } | null {
  const cohorts = scope.breakdowns.cohort;
  if (!cohorts?.offered || cohorts.rows.length === 0) return null;
  const keys = cohorts.rows.map((r) => r.key).sort();
  const first = Number(keys[0].split("–")[0]);
  const last = Number(keys[keys.length - 1].split("–").at(-1));
  return {
    text: first === last ? String(first) : `${first}–${last}`,
    list: Array.from({ length: last - first + 1 }, (_, i) => first + i),
  };
}
