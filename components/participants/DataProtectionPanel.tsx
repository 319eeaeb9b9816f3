"use client";

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { TextField } from "@/components/forms/fields";
import { eraseParticipantAction } from "@/app/[locale]/t/[tenant]/participants/actions";
import { Panel } from "./Panels";

/** For administrators: export everything about the participant, or erase the personal data (confirmed). */
export function DataProtectionPanel({
  locale,
  tenant,
  participantId,
  code,
}: {
  locale: string;
  tenant: string;
  participantId: string;
  code: string;
}) {
  const { t } = useTranslation("participants");
  const [erasing, setErasing] = useState(false);
  return (
    <Panel id="gdpr" title={t("gdpr.title")}>
      <p className="mb-3 text-sm text-slate-700">{t("gdpr.intro")}</p>
      <p className="mb-3">
        <a
          href={`/${locale}/t/${tenant}/participants/${participantId}/export`}
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("gdpr.readable")}
        </a>
        {" · "}
        <a
          href={`/api/t/${tenant}/participants/${participantId}/export`}
          download
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("gdpr.export")}
        </a>
        {" · "}
        <a
          href={`/api/t/${tenant}/participants/${participantId}/export?${new URLSearchParams({ format: "xlsx", locale })}`}
          download
          className="text-sm font-medium text-brand-700 underline"
        >
          {t("gdpr.exportXlsx")}
        </a>
      </p>
      {!erasing ? (
        <button
          type="button"
          onClick={() => setErasing(true)}
          className="rounded border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50"
        >
          {t("gdpr.erase")}
        </button>
      ) : (
        <ActionForm
          action={eraseParticipantAction.bind(null, locale, tenant, participantId)}
          className="space-y-3 rounded-lg bg-red-50 p-3"
          label={t("gdpr.erase")}
        >
          <p className="text-sm text-red-900">{t("gdpr.eraseWarning", { code })}</p>
          <TextField name="confirmCode" label={t("gdpr.confirmLabel", { code })} maxLength={20} />
          <div className="flex gap-2">
            <button type="submit" className="rounded bg-red-700 px-3 py-1.5 text-sm font-semibold text-white">
              {t("gdpr.eraseConfirm")}
            </button>
            <button
              type="button"
              onClick={() => setErasing(false)}
              className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm"
            >
              {t("timeline.cancel")}
            </button>
          </div>
        </ActionForm>
      )}
    </Panel>
  );
}
