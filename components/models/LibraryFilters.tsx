import type { TFunction } from "i18next";
import { FilterBar, FilterField, filterInputClass as field } from "@/components/ui/FilterBar";
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
      <FilterField id="library-country" label={t("models:library.country")}>
        <select id="library-country" name="country" defaultValue={search.country ?? ""} className={field}>
          <option value="">{t("models:library.all")}</option>
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`models:countries.${c}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="library-targetGroup" label={t("models:library.targetGroup")}>
        <select id="library-targetGroup" name="targetGroup" defaultValue={search.targetGroup ?? ""} className={field}>
          <option value="">{t("models:library.all")}</option>
          {TARGET_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`enums:TargetGroup.${g}`)}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="library-pilotKind" label={t("models:library.pilotKind")}>
        <select id="library-pilotKind" name="pilotKind" defaultValue={search.pilotKind ?? ""} className={field}>
          <option value="">{t("models:library.all")}</option>
          {PILOT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`enums:PilotKind.${k}`)}
            </option>
          ))}
        </select>
      </FilterField>
    </FilterBar>
  );
}
