import { requireTenantPage } from "@/lib/auth/tenant-page";
import { PageHeader } from "@/components/ui/PageHeader";
import { getT } from "@/lib/i18n/instance";

export default async function SettingsPage({ params }: { params: Promise<{ locale: string; tenant: string }> }) {
  const { locale } = await requireTenantPage(params, "settings.manage");
  const t = getT(locale);
  return (
    <>
      <PageHeader title={t("nav.settings")} />
      <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">{t("comingSoon")}</p>
    </>
  );
}
