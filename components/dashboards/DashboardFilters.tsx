import type { TFunction } from "i18next";
import { FilterBar, FilterField, FilterSelect, filterInputClass as field } from "@/components/ui/FilterBar";
import { POINTS } from "@/lib/dashboards/definitions";
import type { DashboardFilters } from "@/lib/dashboards/filters";

const label = "block text-sm font-medium";

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
  return (
    <FilterBar
      action={action}
      className="print:hidden"
      submitLabel={t("dashboard:filters.apply")}
      clear={{ href: action, label: t("dashboard:filters.reset"), className: "text-sm text-brand-700 underline" }}
      after={
        <p id="period-hint" className="text-xs text-slate-600 sm:col-span-2 lg:col-span-6">
          {t("dashboard:filters.periodHint")}
          {wholeYears ? ` ${t("dashboard:periodYearsNote")}` : ""}
        </p>
      }
    >
      {Object.entries(extra ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FilterField id="from" label={t("dashboard:filters.from")} labelClassName={label}>
        <input
          id="from"
          name="from"
          defaultValue={filters.from}
          placeholder="2006"
          pattern="\d{4}(-Q[1-4])?"
          className={field}
          aria-describedby="period-hint"
        />
      </FilterField>
      <FilterField id="to" label={t("dashboard:filters.to")} labelClassName={label}>
        <input
          id="to"
          name="to"
          defaultValue={filters.to}
          placeholder="2007-Q4"
          pattern="\d{4}(-Q[1-4])?"
          className={field}
          aria-describedby="period-hint"
        />
      </FilterField>
      {pilots.length > 0 && (
        <FilterSelect
          id="pilot"
          label={t("dashboard:filters.pilot")}
          labelClassName={label}
          value={filters.pilot}
          all={t("dashboard:filters.all")}
          options={pilots.map((p) => ({ value: p.id, label: p.name }))}
        />
      )}
      <FilterSelect
        id="targetGroup"
        label={t("dashboard:filters.targetGroup")}
        labelClassName={label}
        value={filters.targetGroup}
        all={t("dashboard:filters.all")}
        options={["SETTLED_REFUGEE", "IMMIGRANT", "YOUNG_ADULT", "OTHER_FAR_FROM_WORK"].map((g) => ({
          value: g,
          label: t(`enums:TargetGroup.${g}`),
        }))}
      />
      <FilterSelect
        id="point"
        label={t("dashboard:filters.point")}
        labelClassName={label}
        value={filters.point}
        options={POINTS.map((p) => ({ value: p, label: t(`enums:OutcomePoint.${p}`) }))}
      />
    </FilterBar>
  );
}
