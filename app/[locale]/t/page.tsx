import Link from "next/link";
import { redirect } from "next/navigation";
import { PublicHeader } from "@/components/shell/PublicHeader";
import { currentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/memberships";
import { getT } from "@/lib/i18n/instance";
import { localeParam } from "@/lib/i18n/params";

/** After sign-in: straight to the only workspace, or a choice between several. */
export default async function ChooseTenantPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = await localeParam(params);
  const user = await currentUser();
  if (!user) redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(`/${locale}/t`)}`);
  const memberships = await listMemberships(user.id);
  if (memberships.length === 1) redirect(`/${locale}/t/${memberships[0].tenantSlug}`);
  const t = getT(locale, ["auth", "common"]);
  return (
    <>
      <PublicHeader locale={locale} appName={t("common:appName")} />
      <main id="main" className="mx-auto max-w-md px-4 py-12">
        <h1 className="text-2xl font-bold">{t("chooseTenant.title")}</h1>
        {memberships.length === 0 ? (
          <p className="mt-4">{t("chooseTenant.none")}</p>
        ) : (
          <>
            <p className="mt-2 text-slate-700">{t("chooseTenant.intro")}</p>
            <ul className="mt-6 space-y-2">
              {memberships.map((m) => (
                <li key={m.tenantSlug}>
                  <Link
                    href={`/${locale}/t/${m.tenantSlug}`}
                    className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium shadow-sm hover:border-brand-600"
                  >
                    {m.tenantName}{" "}
                    <span className="text-sm font-normal text-slate-600">· {t(`common:roles.${m.role}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </>
  );
}
