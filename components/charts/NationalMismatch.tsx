import type { TFunction } from "i18next";
import type { Point } from "@/lib/dashboards/definitions";

/** In place of the national chart when the chosen follow-up point is not the one the national figure is measured at. */
export function NationalMismatch({ publisher, point, href, t }: { publisher: string; point: Point; href?: string; t: TFunction }) {
  const pointText = t(`enums:OutcomePoint.${point}`).toLowerCase();
  return (
    <p className="self-start rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-700 shadow-sm" data-testid="national-mismatch">
      {t("dashboard:national.mismatch", { publisher, point: pointText })}{" "}
      {href && <a href={href} className="font-medium text-brand-700 underline">{t("dashboard:national.showAt", { point: pointText })}</a>}
    </p>
  );
}
