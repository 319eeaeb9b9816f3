import { PageHeader } from "@/components/ui/PageHeader";
import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/i18n/format";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string }> };

/** When the service was last assessed against WCAG 2.1 AA (change it with the assessment, and the deviations). */
const LAST_ASSESSMENT = new Date("2026-12-01T12:00:00Z");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "accessibility")("title") };
}

/**
 * The accessibility statement (tilgjengelighetserklæring / tillgänglighetsredogörelse), at a stable URL in nb, sv
 * and en and linked from every page's footer: status, known deviations, how it was assessed and when, how to
 * report a problem, and the supervisory authorities of both countries.
 */
export default async function AccessibilityPage({ params }: Props) {
  const locale = await localeParam(params);
  await connection(); // the contact address is the deployment's (ACCESSIBILITY_CONTACT), read when served
  const t = getT(locale, ["accessibility", "common"]);
  const email = env().ACCESSIBILITY_CONTACT;
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <PageHeader look="public" title={t("title")}>
          {t("intro")}
        </PageHeader>
        <section className="mt-6" aria-labelledby="a11y-status">
          <h2 id="a11y-status" className="text-xl font-semibold">
            {t("statusTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("status")}</p>
        </section>
        <section className="mt-6" aria-labelledby="a11y-deviations">
          <h2 id="a11y-deviations" className="text-xl font-semibold">
            {t("deviationsTitle")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-slate-700" data-testid="a11y-deviations">
            <li>{t("deviation1")}</li>
            <li>{t("deviation2")}</li>
          </ul>
        </section>
        <section className="mt-6" aria-labelledby="a11y-tested">
          <h2 id="a11y-tested" className="text-xl font-semibold">
            {t("testedTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("tested", { date: formatDate(locale, LAST_ASSESSMENT, "long") })}</p>
        </section>
        <section className="mt-6" aria-labelledby="a11y-feedback">
          <h2 id="a11y-feedback" className="text-xl font-semibold">
            {t("feedbackTitle")}
          </h2>
          <p className="mt-2 text-slate-700">
            {t("feedback", { email: "\u0000" })
              .split("\u0000")
              .flatMap((part, i) =>
                i === 0
                  ? [part]
                  : [
                      <a key={i} href={`mailto:${email}`} className="font-medium text-brand-700 underline">
                        {email}
                      </a>,
                      part,
                    ],
              )}
          </p>
        </section>
        <section className="mt-6" aria-labelledby="a11y-supervision">
          <h2 id="a11y-supervision" className="text-xl font-semibold">
            {t("supervisionTitle")}
          </h2>
          <p className="mt-2 text-slate-700">{t("supervision")}</p>
        </section>
      </main>
    </>
  );
}
