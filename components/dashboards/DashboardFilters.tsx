import { Button } from "@/components/ui/Button";
import Link from "next/link";
import type { TFunction } from "i18next";
import { POINTS } from "@/lib/dashboards/definitions";
import type { DashboardFilters } from "@/lib/dashboards/filters";

/** The dashboard's filters as a plain GET form: the view lives in the URL and can be shared. */
export function DashboardFiltersForm({
  action,
  filters,
  pilots,
  t,
  extra,
  wholeYears,
}: {
  action: string;
  filters: DashboardFilters;
  pilots: { id: string; name: string }[];
  t: TFunction;
  extra?: Record<string, string>;
  /** A shared view: periods apply in whole years (lib/dashboards/filters.ts, sharedFilters). */
  wholeYears?: boolean;
}) {
  const field = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";
  return (
    <div role="search" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm print:hidden">
      <form method="get" action={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        {Object.entries(extra ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            {t("dashboard:filters.from")}
          </label>
          <input
            id="from"
            name="from"
            defaultValue={filters.from}
            placeholder="2006"
            pattern="\d{4}(-Q[1-4])?"
            className={field}
            aria-describedby="period-hint"
          />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            {t("dashboard:filters.to")}
          </label>
          <input
            id="to"
            name="to"
            defaultValue={filters.to}
            placeholder="2007-Q4"
            pattern="\d{4}(-Q[1-4])?"
            className={field}
            aria-describedby="period-hint"
          />
        </div>
        {pilots.length > 0 && (
          <div>
            <label htmlFor="pilot" className="block text-sm font-medium">
              {t("dashboard:filters.pilot")}
            </label>
            <select id="pilot" name="pilot" defaultValue={filters.pilot ?? ""} className={field}>
              <option value="">{t("dashboard:filters.all")}</option>
              {pilots.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="targetGroup" className="block text-sm font-medium">
            {t("dashboard:filters.targetGroup")}
          </label>
          <select id="targetGroup" name="targetGroup" defaultValue={filters.targetGroup ?? ""} className={field}>
            <option value="">{t("dashboard:filters.all")}</option>
            {["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"].map((g) => (
              <option key={g} value={g}>
                {t(`enums:TargetGroup.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="point" className="block text-sm font-medium">
            {t("dashboard:filters.point")}
          </label>
          <select id="point" name="point" defaultValue={filters.point} className={field}>
            {POINTS.map((p) => (
              <option key={p} value={p}>
                {t(`enums:OutcomePoint.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3">
          <Button type="submit">{t("dashboard:filters.apply")}</Button>
          <Link href={action} className="text-sm text-brand-700 underline">
            {t("dashboard:filters.reset")}
          </Link>
        </div>
        <p id="period-hint" className="text-xs text-slate-600 sm:col-span-2 lg:col-span-6">
          {t("dashboard:filters.periodHint")}
          {wholeYears ? ` ${t("dashboard:periodYearsNote")}` : ""}
        </p>
      </form>
    </div>
  );
}
