import type { TFunction } from "i18next";
import { FilterBar, FilterField, FilterSelect, filterInputClass as field } from "@/components/ui/FilterBar";
import { COUNTRIES, type LibrarySearch } from "@/lib/models/schemas";
import { PILOT_KINDS } from "@/lib/pilots/schemas";
import { TARGET_GROUPS } from "@/lib/participants/schemas";

/** The library's search as a plain GET form: a search is a link that can be shared. */
export function LibraryFilters({ action, search, t }: { action: string; search: LibrarySearch; t: TFunction }) {
  const filtered = Boolean(search.q || search.country || search.targetGroup || search.pilotKind);
  return (
    <FilterBar
      action={action}
      label={t("models:library.searchLabel")}
      cols={5}
      submitLabel={t("models:library.apply")}
      clear={filtered ? { href: action, label: t("models:library.clear") } : null}
      actionsClassName="sm:col-span-2 lg:col-span-5"
    >
      <FilterField id="library-q" label={t("models:library.q")} className="sm:col-span-2 lg:col-span-2">
        <input
          id="library-q"
          name="q"
          type="search"
          defaultValue={search.q}
          placeholder={t("models:library.qPlaceholder")}
          className={field}
        />
      </FilterField>
      <FilterSelect
        id="library-country"
        name="country"
        label={t("models:library.country")}
        value={search.country}
        all={t("models:library.all")}
        options={COUNTRIES.map((c) => ({ value: c, label: t(`models:countries.${c}`) }))}
      />
      <FilterSelect
        id="library-targetGroup"
        name="targetGroup"
        label={t("models:library.targetGroup")}
        value={search.targetGroup}
        all={t("models:library.all")}
        options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`enums:TargetGroup.${g}`) }))}
      />
      <FilterSelect
        id="library-pilotKind"
        name="pilotKind"
        label={t("models:library.pilotKind")}
        value={search.pilotKind}
        all={t("models:library.all")}
        options={PILOT_KINDS.map((k) => ({ value: k, label: t(`enums:PilotKind.${k}`) }))}
      />
    </FilterBar>
  );
}
