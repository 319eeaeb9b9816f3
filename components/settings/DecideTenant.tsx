"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { decideTenantAction } from "@/app/[locale]/admin/tenants/actions";

export function DecideTenant({ tenantId, name }: { tenantId: string; name: string }) {
  const { t } = useTranslation("settings");
  return (
    <div className="flex gap-2">
      <ActionForm action={decideTenantAction} label={t("platform.approve")}>
        <input type="hidden" name="tenantId" value={tenantId} />
        <input type="hidden" name="approve" value="on" />
        <button type="submit" className="rounded bg-brand-700 px-3 py-1 text-sm font-semibold text-white">
          {t("platform.approve")}
          <span className="sr-only"> {name}</span>
        </button>
      </ActionForm>
      <ActionForm action={decideTenantAction} label={t("platform.reject")}>
        <input type="hidden" name="tenantId" value={tenantId} />
        <button type="submit" className="rounded border border-slate-400 px-3 py-1 text-sm">
          {t("platform.reject")}
          <span className="sr-only"> {name}</span>
        </button>
      </ActionForm>
    </div>
  );
}
