import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import Link from "next/link";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

const REASONS = [
  "noAccess",
  "unverified",
  "notLinked",
  "invitation",
  "expired",
  "failed",
  "accountExists",
  "operator",
  "linkSession",
  "subjectTaken",
] as const;
type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ reason?: string | string[]; tenant?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("refused.title") };
}

/** Where a sign-in through a municipality's identity provider ends when Samspill does not let the person in. */
export default async function RefusedPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const search = await searchParams;
  const reason = REASONS.find((r) => r === search.reason) ?? "failed";
  const tenant = typeof search.tenant === "string" && /^[a-z0-9-]{1,63}$/.test(search.tenant) ? search.tenant : null;
  // An account with this e-mail exists: its holder signs in with it, then connects the municipality's sign-in.
  const connectBack = tenant ? `/${locale}/account?connect=${tenant}` : `/${locale}/account`;
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <Card padding={6}>
          <h1 className="text-2xl font-bold text-slate-900">{t(`refused.${reason}.title`)}</h1>
          <p className="mt-3 text-slate-700" data-testid="refused-reason">
            {t(`refused.${reason}.text`)}
          </p>
          <p className="mt-6">
            {reason === "accountExists" ? (
              <Link
                href={`/${locale}/signin?callbackUrl=${encodeURIComponent(connectBack)}`}
                className="font-medium text-brand-700 underline"
              >
                {t("refused.signInToConnect")}
              </Link>
            ) : (
              <Link href={`/${locale}/signin`} className="font-medium text-brand-700 underline">
                {t("refused.back")}
              </Link>
            )}
          </p>
        </Card>
      </main>
    </>
  );
}
