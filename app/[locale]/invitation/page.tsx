import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import Link from "next/link";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { AcceptInvitationForm } from "@/components/members/AcceptInvitationForm";
import { AcceptWithProviderForm } from "@/components/members/AcceptWithProviderForm";
import { currentUser } from "@/lib/auth/session";
import { describeInvitation } from "@/lib/members/describe-invitation";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "members")("invitationTitle") };
}

export default async function InvitationPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const t = getT(locale, ["members", "common", "errors"]);
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const invitation = token ? await describeInvitation(token) : null;
  const user = await currentUser();
  const back = `/${locale}/invitation?token=${encodeURIComponent(token)}`;
  let body;
  if (!invitation) {
    body = (
      <p className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800">{t("errors:invitationInvalid")}</p>
    );
  } else if (user && user.email !== invitation.email) {
    body = (
      <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
        {t("errors:invitationOtherAccount")}
      </p>
    );
  } else if (!user && invitation.hasAccount) {
    body = (
      <p>
        {t("signInToAccept")}{" "}
        <Link
          href={`/${locale}/signin?callbackUrl=${encodeURIComponent(back)}`}
          className="font-medium text-brand-700 underline"
        >
          {t("common:user.signIn")}
        </Link>
      </p>
    );
  } else {
    body = <AcceptInvitationForm locale={locale} token={token} createAccount={!user} />;
  }
  // Staff of a municipality with its own sign-in accept through it (ID-porten links the person this way): as a new
  // account, or, signed in as the invited account, connecting it. An existing account is never taken over by a
  // provider without its holder signed in. The password form stays below.
  const viaProvider = invitation?.viaProvider && (user ? user.email === invitation.email : !invitation.hasAccount);
  if (invitation && viaProvider) {
    body = (
      <>
        <AcceptWithProviderForm
          locale={locale}
          token={token}
          slug={invitation.tenant.slug}
          tenantName={invitation.tenant.name}
          connect={Boolean(user)}
        />
        <h2 className="mt-8 mb-3 border-t border-slate-200 pt-6 text-base font-semibold text-slate-800">
          {t("orWithPassword")}
        </h2>
        {body}
      </>
    );
  }
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <Card padding={6}>
          <h1 className="text-2xl font-bold">{t("invitationTitle")}</h1>
          {invitation && (
            <p className="mt-2 mb-6 text-slate-700">
              {t("invitationIntro", {
                tenant: invitation.tenant.name,
                role: t(`common:roles.${invitation.role}`).toLowerCase(),
                email: invitation.email,
              })}
            </p>
          )}
          {body}
        </Card>
      </main>
    </>
  );
}
