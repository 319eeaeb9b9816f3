"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { setSharingAction } from "@/app/[locale]/t/[tenant]/settings/actions";

/** Opt in to, or out of, sharing the municipality's aggregated figures with a partnership. */
export function SharingToggle({
  tenant,
  partnershipId,
  sharing,
}: {
  tenant: string;
  partnershipId: string;
  sharing: boolean;
}) {
  const { t } = useTranslation("dashboard");
  return (
    <ActionForm action={setSharingAction.bind(null, tenant)} label={t("partnership.sharingLabel")}>
      <input type="hidden" name="partnershipId" value={partnershipId} />
      <input type="hidden" name="share" value={sharing ? "" : "on"} />
      <button
        type="submit"
        className={`rounded-md px-3 py-1.5 text-sm font-semibold ${sharing ? "border border-slate-400 bg-white text-slate-800" : "bg-brand-700 text-white"}`}
      >
        {sharing ? t("partnership.stopSharing") : t("partnership.startSharing")}
      </button>
    </ActionForm>
  );
}
