import type { Metadata } from "next";
import Link from "next/link";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { getRegistrationForm } from "@/lib/participants/get-registration-form";
import { languageOptions } from "@/lib/participants/languages";
import { TARGET_GROUPS, GENDERS } from "@/lib/participants/schemas";
import { RegisterParticipantForm } from "@/components/participants/RegisterParticipantForm";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";
import { registerParticipantAction } from "../actions";

type Props = { params: Promise<{ locale: string; tenant: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "participants")("register.title") };
}

export default async function NewParticipantPage({ params }: Props) {
  const { locale, user, ctx } = await requireTenantPage(params, "participant.manage");
  const t = getT(locale, ["participants", "enums"]);
  const options = await getRegistrationForm(ctx);
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`/${locale}/t/${ctx.tenantSlug}/participants`} className="text-brand-700 underline">
          ← {t("common:nav.participants")}
        </Link>
      </p>
      <PageHeader title={t("register.title")}>{t("register.intro")}</PageHeader>
      <RegisterParticipantForm
        action={registerParticipantAction.bind(null, locale, ctx.tenantSlug)}
        targetGroups={TARGET_GROUPS.map((g) => ({ value: g, label: t(`enums:TargetGroup.${g}`) }))}
        genders={GENDERS.map((g) => ({ value: g, label: t(`enums:Gender.${g}`) }))}
        coordinators={options.coordinators.map((c) => ({ value: c.id, label: c.name }))}
        organisations={options.organisations
          .filter((o) => o.type !== "MUNICIPALITY")
          .map((o) => ({ value: o.id, label: o.name }))}
        today={new Date().toISOString().slice(0, 10)}
        currentUserId={user.id}
        nextCode={options.nextCode}
        languages={languageOptions(locale)}
        legalBases={options.legalBases.map((b) => ({ value: b, label: t(`enums:LegalBasis.${b}`) }))}
        pilots={options.activePilots.map((p) => ({ value: p.id, label: p.name }))}
      />
    </div>
  );
}
