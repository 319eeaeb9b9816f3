import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { SetupSecondFactor } from "@/components/account/SetupSecondFactor";
import { readSecondFactorSetupLink, setupPasswordGiven } from "@/lib/auth/second-factor-setup";
import { secondFactorStatus } from "@/lib/auth/totp";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("setup.title") };
}

/**
 * Where a set-up link for a required second factor leads (lib/auth/second-factor-setup.ts): the password, then
 * the QR code and the first code. Works without a session: the operator has none until the factor is on.
 */
export default async function SecondFactorSetupPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw.slice(0, 4000) : "";
  const link = await readSecondFactorSetupLink(token || undefined);
  const t = getT(locale, ["auth", "common"]);
  const pending = link && (await setupPasswordGiven(link.id)) ? (await secondFactorStatus(link.userId)).pending : null;
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-xl px-4 py-12">
        <Card padding={6}>
          <h1 className="text-2xl font-bold text-slate-900">{t("setup.title")}</h1>
          <SetupSecondFactor
            token={token}
            locale={locale}
            step={!link ? "invalid" : pending ? "confirm" : "password"}
            pending={pending && { secret: pending.secret, qrSvg: pending.qrSvg }}
          />
        </Card>
      </main>
    </>
  );
}
