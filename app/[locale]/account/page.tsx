import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { currentUser } from "@/lib/auth/session";
import { secondFactorStatus } from "@/lib/auth/totp";
import { listSessions } from "@/lib/auth/sessions";
import { oidcTenants } from "@/lib/auth/oidc/flow";
import { listProviderLinks } from "@/lib/auth/oidc/complete-oidc-sign-in";
import { intlLocale } from "@/lib/i18n/settings";
import { SecondFactorPanel } from "@/components/account/SecondFactorForms";
import { ConnectProviderForm, EndSessionForm, SignOutEverywhereForm } from "@/components/account/SessionForms";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  return { title: getT(await localeParam(params), "auth")("account.title") };
}

type Search = {
  secondFactor?: string | string[];
  connect?: string | string[];
  connected?: string | string[];
};
type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Search> };

const card = "mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm";

/**
 * The signed-in user's own account: who they are, where they are a member, the municipalities' sign-ins
 * connected to it, the sessions it has open (each can be ended, or all), a change of password and two-step
 * verification. Every change here asks for the password again.
 */
export default async function AccountPage({ params, searchParams }: Props) {
  const locale = await localeParam(params);
  const search = await searchParams;
  // A municipality that requires a second factor of its administrators sends them here to set one up.
  const required = search.secondFactor === "required";
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/account`)}`);
  const memberships = user.memberships;
  const [secondFactor, sessions, providers] = await Promise.all([
    secondFactorStatus(user.id),
    listSessions(user.id),
    oidcTenants(),
  ]);
  const withProvider = memberships.filter((m) => providers.some((p) => p.slug === m.tenantSlug));
  const links = await listProviderLinks(
    user.id,
    withProvider.map((m) => m.tenantId),
  );
  const requiredBy = memberships
    .filter((m) => m.requireTotpForAdmins && m.role === "TENANT_ADMIN")
    .map((m) => m.tenantName);
  const secondFactorRequired = user.platformAdmin || requiredBy.length > 0;
  const connectSlug = typeof search.connect === "string" ? search.connect : undefined;
  const connectTo = withProvider.find((m) => m.tenantSlug === connectSlug);
  const connected = withProvider.find((m) => m.tenantSlug === search.connected);
  const t = getT(locale, ["auth", "common"]);
  const when = (d: Date) => d.toLocaleString(intlLocale[locale], { dateStyle: "medium", timeStyle: "short" });
  const viaLabel = (via: string) =>
    via.startsWith("oidc:")
      ? t("sessions.viaProvider", { name: memberships.find((m) => `oidc:${m.tenantId}` === via)?.tenantName ?? "—" })
      : t(via === "password+totp" ? "sessions.viaPasswordTotp" : "sessions.viaPassword");
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
        {connectTo && !links.some((l) => l.tenantId === connectTo.tenantId) && (
          <div
            role="status"
            className="mb-4 space-y-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-3 text-sm text-amber-900"
            data-testid="connect-required"
          >
            <p>{t("connect.required", { name: connectTo.tenantName })}</p>
            <ConnectProviderForm locale={locale} slug={connectTo.tenantSlug} name={connectTo.tenantName} />
          </div>
        )}
        {connected && (
          <p
            role="status"
            className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
            data-testid="connected"
          >
            {t("connect.done", { name: connected.tenantName })}
          </p>
        )}
        <h1 className="text-2xl font-bold">{t("account.title")}</h1>
        <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-slate-800">
          <dt className="font-medium">{t("account.name")}</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium">{t("email")}</dt>
          <dd className="break-all">{user.email}</dd>
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
        {withProvider.length > 0 && (
          <section aria-labelledby="providers" className={card}>
            <h2 id="providers" className="text-lg font-semibold">
              {t("connect.title")}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-700">{t("connect.intro")}</p>
            <ul className="space-y-3">
              {withProvider.map((m) => {
                const link = links.find((l) => l.tenantId === m.tenantId);
                return (
                  <li key={m.tenantId} className="flex flex-wrap items-center justify-between gap-3">
                    <span>
                      <span className="font-medium">{m.tenantName}</span>
                      <span className="block text-sm text-slate-600" data-testid={`provider-${m.tenantSlug}`}>
                        {link ? t("connect.since", { date: when(link.createdAt) }) : t("connect.not")}
                      </span>
                    </span>
                    {!link && user.hasPassword && !user.platformAdmin && (
                      <ConnectProviderForm locale={locale} slug={m.tenantSlug} name={m.tenantName} />
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <section aria-labelledby="sessions" className={card}>
          <h2 id="sessions" className="text-lg font-semibold">
            {t("sessions.title")}
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-700">{t("sessions.intro")}</p>
          <ul className="divide-y divide-slate-200" data-testid="session-list">
            {sessions.map((s) => {
              const label = `${s.device ?? t("sessions.unknownDevice")} · ${when(s.createdAt)}`;
              return (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <span className="min-w-0">
                    <span className="block font-medium">{s.device ?? t("sessions.unknownDevice")}</span>
                    <span className="block text-sm text-slate-600">
                      {t("sessions.started", { date: when(s.createdAt) })} · {viaLabel(s.via)}
                    </span>
                  </span>
                  {s.id === user.sessionId ? (
                    <span className="text-sm font-medium text-emerald-800">{t("sessions.this")}</span>
                  ) : (
                    <EndSessionForm sessionId={s.id} label={label} />
                  )}
                </li>
              );
            })}
          </ul>
          <div className="mt-4">
            <SignOutEverywhereForm locale={locale} />
          </div>
        </section>
        {user.hasPassword && (
          <section aria-labelledby="change-password" className={card}>
            <h2 id="change-password" className="text-lg font-semibold">
              {t("account.changePassword")}
            </h2>
            <p className="mt-1 mb-4 text-sm text-slate-700">{t("account.changePasswordIntro")}</p>
            <ChangePasswordForm />
          </section>
        )}
        <section aria-labelledby="second-factor" className={card}>
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
            required={secondFactorRequired}
            hasPassword={user.hasPassword}
            locale={locale}
          />
        </section>
      </main>
    </>
  );
}
