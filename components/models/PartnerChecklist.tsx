import { Card } from "@/components/ui/Card";
import Link from "next/link";
import type { TFunction } from "i18next";
import type { ChecklistItem } from "@/lib/models/tenant-model";

/** The model's partner roles against the municipality's partners: which organisation types are still to add. */
export function PartnerChecklist({
  items,
  t,
  addHref,
  lang,
}: {
  items: ChecklistItem[];
  t: TFunction;
  addHref?: string;
  lang: string;
}) {
  const missing = items.filter((i) => i.present === 0).length;
  return (
    <Card as="section" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading" className="text-xl font-semibold">
        {t("models:checklist.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {missing === 0 ? t("models:checklist.allPresent") : t("models:checklist.missing", { count: missing })}
      </p>
      <ul className="mt-3 divide-y divide-slate-100" data-testid="partner-checklist">
        {items.map((item, i) => (
          <li key={i} className="flex items-start gap-3 py-2">
            <span
              aria-hidden="true"
              className={`mt-0.5 inline-flex size-5 shrink-0 items-center justify-center rounded border text-xs font-bold ${item.present ? "border-emerald-600 bg-emerald-600 text-white" : "border-slate-400 bg-white"}`}
            >
              {item.present ? "✓" : ""}
            </span>
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {t(`enums:OrganisationType.${item.organisationType}`)}
                <span className="sr-only">
                  {" "}
                  — {item.present ? t("models:checklist.done") : t("models:checklist.todo")}
                </span>
              </p>
              <p className="text-sm text-slate-700" lang={lang}>
                {item.role}
              </p>
            </div>
            <span className="shrink-0 text-sm text-slate-700">
              {item.present ? (
                t("models:checklist.present", { count: item.present })
              ) : addHref ? (
                <Link href={addHref} className="font-medium text-brand-700 underline">
                  {t("models:checklist.add")}
                </Link>
              ) : (
                t("models:checklist.todo")
              )}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
