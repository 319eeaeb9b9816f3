"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { applyRetentionAction } from "@/app/[locale]/t/[tenant]/participants/actions";

export function ApplyRetentionForm({ tenant, count }: { tenant: string; count: number }) {
  const { t } = useTranslation("participants");
  return (
    <ActionForm action={applyRetentionAction.bind(null, tenant)} label={t("retention.apply", { count })}>
      <button type="submit" className="rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white">
        {t("retention.apply", { count })}
      </button>
    </ActionForm>
  );
}
