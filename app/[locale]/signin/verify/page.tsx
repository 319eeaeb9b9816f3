import { PageHeader } from "@/components/ui/PageHeader";
import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { SecondFactorSignInForm } from "@/components/auth/SecondFactorSignInForm";
import { readPendingSecondFactor } from "@/lib/auth/start-session";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("totp.verifyTitle") };
}

/** The second step of a password sign-in for an account with two-step verification on. */
export default async function VerifyPage({ params }: Props) {
  const locale = await localeParam(params);
  if (!(await readPendingSecondFactor())) redirect(`/${locale}/signin`);
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <Card padding={6}>
          <PageHeader look="card" title={t("totp.verifyTitle")}>
            {t("totp.verifyIntro")}
          </PageHeader>
          <SecondFactorSignInForm />
        </Card>
      </main>
    </>
  );
}
