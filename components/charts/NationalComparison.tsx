import type { TFunction } from "i18next";
import type { Point } from "@/lib/dashboards/definitions";
import type { NationalComparison as Comparison } from "@/lib/charts/dashboard-charts";
import { Chart } from "./Chart";

/**
 * The national figure beside the municipality's: its chart; or, when the chosen follow-up point is not the
 * one the national figure is measured at, a sentence with a link to that point; or nothing (no figure).
 */
export function NationalComparison({
  comparison,
  href,
  t,
}: {
  comparison: Comparison;
  href?: (point: Point) => string;
  t: TFunction;
}) {
  if (!comparison) return null;
  if (!("mismatch" in comparison)) return <Chart chart={comparison} t={t} />;
  const pointText = t(`enums:OutcomePoint.${comparison.mismatch}`).toLowerCase();
  return (
    <p
      className="self-start rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm"
      data-testid="national-mismatch"
    >
      {t("dashboard:national.mismatch", { publisher: comparison.publisher, point: pointText })}{" "}
      {href && (
        <a href={href(comparison.mismatch)} className="font-medium text-brand-700 underline">
          {t("dashboard:national.showAt", { point: pointText })}
        </a>
      )}
    </p>
  );
}
