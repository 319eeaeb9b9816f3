import { EmptyState } from "@/components/ui/EmptyState";
import { Card } from "@/components/ui/Card";
import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { DecideTenant } from "@/components/settings/DecideTenant";
import { currentUser } from "@/lib/auth/session";
import { listPendingTenants, operatorAccess } from "@/lib/platform/tenants";
import { ReauthForm } from "@/components/account/ReauthForm";
import { getT } from "@/lib/i18n/instance";
import { formatDate } from "@/lib/i18n/format";
import { localeParam } from "@/lib/i18n/params";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getT(await localeParam(params), "settings")("platform.title") };
}

/** For the platform operator: approve or reject municipalities that signed up (ONBOARDING_MODE=approval). */
export default async function PendingTenantsPage({ params }: Props) {
  const locale = await localeParam(params);
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/admin/tenants`)}`);
  const access = operatorAccess(user);
  if (access === "none") notFound();
  const t = getT(locale, ["settings", "common", "auth"]);
  if (access === "reauth") {
    // The operator's password and code, again before operator actions (lib/platform/tenants.ts).
    return (
      <>
        <PublicHeader locale={locale} appName={t("common:appName")} />
        <main id="main" className="mx-auto max-w-md px-4 py-10">
          <Card padding={6}>
            <h1 className="text-2xl font-bold">{t("auth:stepUp.title")}</h1>
            <p className="mt-2 mb-6 text-slate-700" data-testid="reauth-needed">
              {t("auth:stepUp.intro")}
            </p>
            <ReauthForm />
          </Card>
        </main>
      </>
    );
  }
  const pending = await listPendingTenants(user);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-3xl font-bold">{t("platform.title")}</h1>
        <p className="mt-2 mb-6 text-slate-700">{t("platform.intro")}</p>
        {pending.length === 0 ? (
          <EmptyState variant="plain">{t("platform.none")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {pending.map((p) => (
              <li
                key={p.id}
                className="flex flex-wrap items-center justify-between gap-3 p-4"
                data-testid="pending-tenant"
              >
                <div>
                  <p className="font-medium">
                    {p.name} ({p.country} {p.municipalityCode})
                  </p>
                  <p className="text-sm text-slate-600">
                    /t/{p.slug} · {formatDate(locale, p.createdAt)}
                  </p>
                </div>
                <DecideTenant tenantId={p.id} name={p.name} />
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
