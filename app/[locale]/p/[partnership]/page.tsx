import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { currentUser } from "@/lib/auth/session";
import { getPartnershipRelease } from "@/lib/releases/read-partnership-release";
import { share } from "@/lib/releases/release-tables";
import { formatDate, formatNumber, formatPercent } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string; partnership: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "dashboard")("partnership.title") };
}

/**
 * A cross-border partnership's shared results: each member's latest published release side by side, and the
 * combined row as their sum. Members publish on their own schedules; each row says as of when.
 */
export default async function PartnershipPage({ params }: Props) {
  const locale = await localeParam(params);
  const { partnership: slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/p/${slug}`)}`);
  const t = getT(locale, ["dashboard", "enums", "common"]);
  const data = await getPartnershipRelease(user.id, slug);
  if (!data) notFound();
  const n = (value: number | null) => (value === null ? "–" : formatNumber(locale, value));
  const pct = (a: number | null, b: number | null) => {
    const s = a !== null && b !== null ? share(a, b) : null;
    return s === null ? "–" : formatPercent(locale, s);
  };
  const notSharing = data.members.filter((m) => !m.sharing);
  const rows = data.members
    .filter((m) => m.sharing)
    .map((m) => ({
      key: m.tenantId,
      label: `${m.name} (${m.country})`,
      asOf: m.asOf ? formatDate(locale, m.asOf, "long") : t("partnership.noRelease"),
      enrolled: m.enrolled,
      followedUp: m.followedUp,
      inWork: m.inWork,
    }));
  const combined = data.combined;
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        <p className="text-sm text-slate-600">{t("partnership.kicker")}</p>
        <h1 className="text-3xl font-bold tracking-tight">{data.partnership.name}</h1>
        {data.partnership.description && (
          <p className="mt-2 max-w-3xl text-slate-700">{data.partnership.description}</p>
        )}
        <p className="mt-3 text-slate-700">
          {t("partnership.members")}: {data.members.map((m) => `${m.name} (${m.country})`).join(", ")}
        </p>
        {combined && (
          <p className="mt-4 text-xl leading-relaxed" data-testid="partnership-sentence">
            {combined.followedUp !== null && combined.inWork !== null
              ? t("partnership.releaseSentence", {
                  enrolled: n(combined.enrolled),
                  inWork: n(combined.inWork),
                  followedUp: n(combined.followedUp),
                  share: pct(combined.inWork, combined.followedUp),
                })
              : t("partnership.releaseSentenceEnrolled", { enrolled: n(combined.enrolled) })}
          </p>
        )}
        <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="protection-note">
          {t("partnership.releaseNote")}{" "}
          <Link href={`/${locale}/protection`} className="font-medium underline">
            {t("protectionLink")}
          </Link>
        </p>
        {notSharing.length > 0 && (
          <p className="mt-3 text-sm text-slate-700">
            {t("partnership.notSharing", { names: notSharing.map((m) => m.name).join(", ") })}
          </p>
        )}
        <section
          className="mt-6 overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm"
          data-testid="table-members"
          tabIndex={0}
          aria-labelledby="members-caption"
        >
          <table className="figure-table min-w-full text-sm">
            <caption id="members-caption" className="px-4 pt-3 text-left font-semibold text-slate-900">
              {t("partnership.releaseTable")}
            </caption>
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col">{t("partnership.municipality")}</th>
                <th scope="col">{t("partnership.asOf")}</th>
                <th scope="col">{t("release.columns.enrolled")}</th>
                <th scope="col">{t("release.columns.followedUp")}</th>
                <th scope="col">{t("release.columns.inWork")}</th>
                <th scope="col">{t("release.columns.shareInWork")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td>{r.asOf}</td>
                  <td>{n(r.enrolled)}</td>
                  <td>{n(r.followedUp)}</td>
                  <td>{n(r.inWork)}</td>
                  <td>{pct(r.inWork, r.followedUp)}</td>
                </tr>
              ))}
              {combined && (
                <tr className="total bg-slate-50 font-semibold">
                  <th scope="row">{t("partnership.combined")}</th>
                  <td />
                  <td>{n(combined.enrolled)}</td>
                  <td>{n(combined.followedUp)}</td>
                  <td>{n(combined.inWork)}</td>
                  <td>{pct(combined.inWork, combined.followedUp)}</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
        {combined && !combined.allOutcomes && combined.outcomeMembers.length > 0 && (
          <p className="mt-3 text-sm text-slate-700">
            {t("partnership.outcomesOf", { names: combined.outcomeMembers.join(", ") })}
          </p>
        )}
        <p className="mt-6 text-sm text-slate-700">{t("partnership.sameDefinitions")}</p>
      </main>
    </>
  );
}
