import type { Metadata } from "next";
import Link from "next/link";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

const REASONS = ["noAccess", "foreignDomain", "unverified", "notLinked", "invitation", "expired", "failed"] as const;
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ reason?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("refused.title") };
}

/** Where a sign-in through a municipality's identity provider ends when Samspill does not let the person in. */
export default async function RefusedPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const raw = (await searchParams).reason;
  const reason = REASONS.find((r) => r === raw) ?? "failed";
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-2xl font-bold text-slate-900">{t(`refused.${reason}.title`)}</h1>
          <p className="mt-3 text-slate-700" data-testid="refused-reason">
            {t(`refused.${reason}.text`)}
          </p>
          <p className="mt-6">
            <Link href={`/${locale}/signin`} className="font-medium text-brand-700 underline">
              {t("refused.back")}
            </Link>
          </p>
        </div>
      </main>
    </>
  );
}
