import Link from "next/link";
import { Badge } from "@/components/ui/Badge";
import { formatDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/instance";
import type { Locale } from "@/lib/i18n/settings";
import type { FollowUpsSummary } from "@/lib/outcomes/summarise-follow-ups";
import { recordOutcomeHref } from "@/lib/outcomes/follow-up-links";

/**
 * The home page's "what is due": overdue follow-ups first, then this month's, each a link straight into the
 * participant's outcome form at that point. A list of cards, so it reads the same on a 360 px phone.
 */
export function FollowUpsDue({ locale, base, summary }: { locale: Locale; base: string; summary: FollowUpsSummary }) {
  const t = getT(locale, ["home", "participants", "enums"]);
  const total = summary.overdue + summary.dueThisMonth;
  return (
    <section aria-labelledby="followups-heading" className="mt-8" data-testid="home-followups">
      <h2 id="followups-heading" className="text-xl font-semibold">
        {t("tenant.followUpsTitle")}
      </h2>
      {total === 0 ? (
        <p className="mt-2 text-slate-700">{t("tenant.followUpsNone")}</p>
      ) : (
        <>
          <p className="mt-1 text-slate-700">
            {[
              summary.overdue > 0 && t("tenant.followUpsOverdue", { count: summary.overdue }),
              summary.dueThisMonth > 0 && t("tenant.followUpsThisMonth", { count: summary.dueThisMonth }),
            ]
              .filter(Boolean)
              .join(" · ")}
          </p>
          <ul className="mt-3 grid gap-3 md:grid-cols-2">
            {summary.items.map((f) => (
              <li
                key={`${f.enrolmentId}-${f.point}`}
                className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm"
                data-testid="home-followup"
              >
                <div className="min-w-0">
                  <Link
                    href={recordOutcomeHref(base, f)}
                    className="inline-flex min-h-11 flex-wrap items-center gap-x-1 font-semibold text-brand-800 underline"
                  >
                    <span className="font-mono">{f.code}</span>
                    {f.name && <span>· {f.name}</span>}
                    <span>· {t(`enums:OutcomePoint.${f.point}`)}</span>
                  </Link>
                  <p className="text-sm text-slate-700">
                    {f.pilotName} · {t("participants:followUps.due", { date: formatDate(locale, f.dueDate) })}
                  </p>
                </div>
                <Badge tone={f.overdue ? "red" : "amber"}>
                  {t(`participants:followUps.states.${f.overdue ? "overdue" : "dueThisMonth"}`)}
                </Badge>
              </li>
            ))}
          </ul>
          <p className="mt-2 flex flex-wrap items-center gap-x-3 text-slate-700">
            {total > summary.items.length && (
              <span>{t("tenant.followUpsShowing", { shown: summary.items.length, total })}</span>
            )}
            <Link
              href={`${base}/follow-ups`}
              className="inline-flex min-h-11 items-center font-medium text-brand-800 underline"
            >
              {t("tenant.followUpsAll")} <span aria-hidden="true">&nbsp;→</span>
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
