import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { currentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/memberships";
import { secondFactorStatus } from "@/lib/auth/totp";
import { intlLocale } from "@/lib/i18n/settings";
import { SecondFactorPanel } from "@/components/account/SecondFactorForms";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("account.title") };
}

/** The signed-in user's own account: who they are, where they are a member, and a change of password. */
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ secondFactor?: string | string[] }> };

export default async function AccountPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  // A municipality that requires a second factor of its administrators sends them here to set one up.
  const required = (await searchParams).secondFactor === "required";
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/account`)}`);
  const memberships = await listMemberships(user.id);
  const secondFactor = await secondFactorStatus(user.id);
  const requiredBy = memberships
    .filter((m) => m.requireTotpForAdmins && m.role === "TENANT_ADMIN")
    .map((m) => m.tenantName);
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-xl px-4 py-10">
        {required && requiredBy.length > 0 && (
          <p
            role="status"
            className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="totp-required"
          >
            {t("totp.required", { names: requiredBy.join(", ") })}
          </p>
        )}
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-slate-800">
          <dt className="font-medium">{t("account.name")}</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium">{t("email")}</dt>
          <dd>{user.email}</dd>
        </dl>
        <h2 className="mt-8 text-lg font-semibold">{t("account.workspaces")}</h2>
        {memberships.length === 0 ? (
          <p className="mt-2 text-slate-700">{t("chooseTenant.none")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {memberships.map((m) => (
              <li key={m.tenantSlug}>
                <Link href={`/${locale}/t/${m.tenantSlug}`} className="font-medium text-brand-700 underline">
                  {m.tenantName}
                </Link>
                <span className="text-sm text-slate-600"> · {t(`common:roles.${m.role}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <section
          aria-labelledby="change-password"
          className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
        >
          <h2 id="change-password" className="text-lg font-semibold">
            {t("account.changePassword")}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-700">{t("account.changePasswordIntro")}</p>
          <ChangePasswordForm />
        </section>
        <section
          aria-labelledby="second-factor"
          className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
        >
          <h2 id="second-factor" className="text-lg font-semibold">
            {t("totp.title")}
          </h2>
          <SecondFactorPanel
            onSince={
              secondFactor.enabledAt
                ? secondFactor.enabledAt.toLocaleDateString(intlLocale[locale], { dateStyle: "medium" })
                : null
            }
            recoveryLeft={secondFactor.recoveryLeft}
            pending={secondFactor.pending && { secret: secondFactor.pending.secret, qrSvg: secondFactor.pending.qrSvg }}
          />
        </section>
      </main>
    </>
  );
}
