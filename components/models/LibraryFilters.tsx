import { Card } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";
import Link from "next/link";
import type { TFunction } from "i18next";
import { COUNTRIES, type LibrarySearch } from "@/lib/models/schemas";
import { PILOT_KINDS } from "@/lib/pilots/schemas";
import { TARGET_GROUPS } from "@/lib/participants/schemas";

/** The library's search as a plain GET form: a search is a link that can be shared. */
export function LibraryFilters({ action, search, t }: { action: string; search: LibrarySearch; t: TFunction }) {
  const field = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";
  const filtered = Boolean(search.q || search.country || search.targetGroup || search.pilotKind);
  return (
    <Card padding={4} role="search" aria-label={t("models:library.searchLabel")}>
      <form method="get" action={action} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div className="sm:col-span-2 lg:col-span-2">
          <label htmlFor="library-q" className="block text-sm font-medium text-slate-800">
            {t("models:library.q")}
          </label>
          <input
            id="library-q"
            name="q"
            type="search"
            defaultValue={search.q}
            placeholder={t("models:library.qPlaceholder")}
            className={field}
          />
        </div>
        <div>
          <label htmlFor="library-country" className="block text-sm font-medium text-slate-800">
            {t("models:library.country")}
          </label>
          <select id="library-country" name="country" defaultValue={search.country ?? ""} className={field}>
            <option value="">{t("models:library.all")}</option>
            {COUNTRIES.map((c) => (
              <option key={c} value={c}>
                {t(`models:countries.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="library-targetGroup" className="block text-sm font-medium text-slate-800">
            {t("models:library.targetGroup")}
          </label>
          <select id="library-targetGroup" name="targetGroup" defaultValue={search.targetGroup ?? ""} className={field}>
            <option value="">{t("models:library.all")}</option>
            {TARGET_GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`enums:TargetGroup.${g}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="library-pilotKind" className="block text-sm font-medium text-slate-800">
            {t("models:library.pilotKind")}
          </label>
          <select id="library-pilotKind" name="pilotKind" defaultValue={search.pilotKind ?? ""} className={field}>
            <option value="">{t("models:library.all")}</option>
            {PILOT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`enums:PilotKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-5">
          <Button type="submit">{t("models:library.apply")}</Button>
          {filtered && (
            <Link href={action} className="text-sm font-medium text-brand-700 underline">
              {t("models:library.clear")}
            </Link>
          )}
        </div>
      </form>
    </Card>
  );
}
