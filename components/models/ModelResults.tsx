import { EmptyState } from "@/components/ui/EmptyState";
import { StatCard, StatGrid } from "@/components/ui/StatCard";
import type { TFunction } from "i18next";
import { FigureTable } from "@/components/dashboards/FigureTable";
import { ProtectionNote } from "@/components/dashboards/ProtectionNote";
import { formatCell } from "@/lib/dashboards/format";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/settings";
import type { ResultsSnapshot } from "@/lib/models/schemas";
import { snapshotTables } from "@/lib/models/results-snapshot";

const CARDS = ["enrolled", "shareWork", "sharePermanent", "shareWorkOrEducation"] as const;

/** A model's published results: headline figures and status over time, hidden figures marked ":". */
export function ModelResults({
  results,
  locale,
  t,
  tenantName,
}: {
  results: ResultsSnapshot | null;
  locale: Locale;
  t: TFunction;
  tenantName: string;
}) {
  if (!results) {
    return <EmptyState>{t("models:view.noResults")}</EmptyState>;
  }
  const tables = snapshotTables(results);
  const headline = tables.headline.rows[0];
  const cell = (column: string) => headline.cells[tables.headline.columns.indexOf(column)];
  const enrolled = cell("enrolled");
  if (!enrolled || (!enrolled.suppressed && enrolled.value === 0)) {
    return <EmptyState>{t("models:view.noResultsYet")}</EmptyState>;
  }
  const threshold = results.threshold;
  const point = t(`enums:OutcomePoint.${results.point}`).toLowerCase();
  const due = cell("due");
  const suppressedText = t("dashboard:suppressed", { threshold });
  const show = (column: string) => {
    const c = cell(column);
    if (!c) return "–";
    return c.suppressed ? ":" : formatCell(locale, c);
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {t("models:view.resultsIntro", { tenant: tenantName, date: formatDate(locale, results.computedAt), point })}
      </p>
      <StatGrid>
        {CARDS.map((column) => {
          const c = cell(column);
          return (
            <StatCard
              key={column}
              data-testid={`model-figure-${column}`}
              label={t(`dashboard:columns.${column}`)}
              value={
                c?.suppressed ? (
                  <span title={suppressedText}>
                    <span aria-hidden="true">:</span>
                    <span className="sr-only">{suppressedText}</span>
                  </span>
                ) : (
                  show(column)
                )
              }
              sub={column !== "enrolled" && due ? t("dashboard:ofDue", { due: show("due"), point }) : null}
            />
          );
        })}
      </StatGrid>
      <FigureTable
        table={tables.overTime}
        locale={locale}
        caption={t("dashboard:overTimeCaption")}
        columnLabel={(c) => t(`dashboard:columns.${c}`)}
        rowLabel={(key) => t(`enums:OutcomePoint.${key}`)}
        firstColumn={t("dashboard:point")}
        suppressedText={suppressedText}
      />
      <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
        <strong>:</strong> {t("dashboard:legend", { threshold })}
      </p>
      <ProtectionNote locale={locale} t={t} threshold={threshold} />
    </div>
  );
}
