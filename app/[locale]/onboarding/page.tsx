import { PageHeader } from "@/components/ui/PageHeader";
import type { Metadata } from "next";
import { connection } from "next/server";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { OnboardingForm } from "@/components/onboarding/OnboardingForm";
import { MUNICIPALITIES } from "@/lib/onboarding/municipalities";
import { listModelChoices } from "@/lib/models/public-models";
import { env } from "@/lib/env";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { onboardAction } from "./actions";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ requested?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "onboarding")("title") };
}

export default async function OnboardingPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  // Where a request that awaits the operator's approval lands (lib/onboarding: approval mode).
  const requested = (await searchParams).requested === "1";
  await connection(); // rendered per request: the list of published models changes
  const t = getT(locale, ["onboarding", "common"]);
  const models = await listModelChoices();
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-10">
        <PageHeader title={t("title")}>
          {t(env().ONBOARDING_MODE === "approval" ? "introApproval" : "intro")}
        </PageHeader>
        {requested ? (
          <p role="status" className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-amber-900">
            {t("pendingApproval")}
          </p>
        ) : (
          <OnboardingForm locale={locale} action={onboardAction} municipalities={MUNICIPALITIES} models={models} />
        )}
      </main>
    </>
  );
}
