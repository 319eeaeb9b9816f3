import type { ReactNode } from "react";
import Link from "next/link";
import { Suspense } from "react";
import { LanguageSwitcher } from "@/components/shell/LanguageSwitcher";
import { SignOutButton } from "@/components/shell/SignOutButton";
import { TenantNav } from "@/components/shell/TenantNav";
import { requireTenantPage } from "@/lib/auth/tenant-page";
import { listMemberships } from "@/lib/auth/memberships";
import { can } from "@/lib/auth/permissions";
import { getT } from "@/lib/i18n/instance";

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ locale: string; tenant: string }>;
}) {
  const { locale, user, ctx } = await requireTenantPage(params);
  const t = getT(locale);
  const memberships = await listMemberships(user.id);
  const base = `/${locale}/t/${ctx.tenantSlug}`;
  const nav = [
    { href: base, label: t("nav.home") },
    ...(can(ctx.role, "participant.view")
      ? [
          { href: `${base}/participants`, label: t("nav.participants") },
          { href: `${base}/follow-ups`, label: t("nav.followUps") },
        ]
      : []),
    { href: `${base}/pilots`, label: t("nav.pilots") },
    { href: `${base}/organisations`, label: t("nav.organisations") },
    { href: `${base}/dashboard`, label: t("nav.dashboard") },
    { href: `${base}/model`, label: t("nav.model") },
    ...(can(ctx.role, "members.manage") ? [{ href: `${base}/members`, label: t("nav.members") }] : []),
    ...(can(ctx.role, "audit.view") ? [{ href: `${base}/audit`, label: t("nav.audit") }] : []),
    ...(can(ctx.role, "settings.manage") ? [{ href: `${base}/settings`, label: t("nav.settings") }] : []),
  ];
  const others = memberships.filter((m) => m.tenantSlug !== ctx.tenantSlug);
  return (
    <>
      <header className="bg-brand-800 text-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <Link href={base} className="text-lg font-bold tracking-tight" data-control>
              {t("appName")}
            </Link>
            <span className="text-white/60" aria-hidden="true">
              |
            </span>
            {others.length === 0 ? (
              <span className="font-medium" data-testid="tenant-name">
                {ctx.tenantName}
              </span>
            ) : (
              <details className="relative">
                <summary
                  className="cursor-pointer list-none rounded px-2 py-1 font-medium hover:bg-white/10"
                  aria-label={`${t("tenantSwitcher.label")}: ${ctx.tenantName}`}
                >
                  <span data-testid="tenant-name">{ctx.tenantName}</span> <span aria-hidden="true">▾</span>
                </summary>
                <ul className="absolute left-0 z-20 mt-1 min-w-56 rounded-md border border-slate-200 bg-white py-1 text-slate-900 shadow-lg">
                  {others.map((m) => (
                    <li key={m.tenantSlug}>
                      <Link href={`/${locale}/t/${m.tenantSlug}`} className="block px-3 py-2 hover:bg-slate-100">
                        {m.tenantName}
                      </Link>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
            <Suspense>
              <LanguageSwitcher locale={locale} />
            </Suspense>
            <Link
              href={`/${locale}/account`}
              className="rounded px-1 text-sm text-white/90 underline-offset-2 hover:underline"
              data-testid="user-name"
              title={t("auth:account.link")}
            >
              {user.name} · {t(`roles.${ctx.role}`)}
            </Link>
            <SignOutButton locale={locale} />
          </div>
        </div>
      </header>
      <TenantNav items={nav} label={t("nav.label")} menuLabel={t("nav.menu")} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
