"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import {
  createPartnershipAction,
  invitePartnerAction,
  respondPartnershipAction,
} from "@/app/[locale]/t/[tenant]/settings/actions";

export function RespondToPartnership({
  tenant,
  partnershipId,
  answers,
}: {
  tenant: string;
  partnershipId: string;
  answers: ("accept" | "decline" | "leave")[];
}) {
  const { t } = useTranslation("dashboard");
  return (
    <div className="flex gap-2">
      {answers.map((answer) => (
        <ActionForm
          key={answer}
          action={respondPartnershipAction.bind(null, tenant)}
          successMessage={false}
          label={t(`partnership.answers.${answer}`)}
        >
          <input type="hidden" name="partnershipId" value={partnershipId} />
          <input type="hidden" name="answer" value={answer} />
          <button
            type="submit"
            className={`rounded-md px-3 py-1.5 text-sm font-semibold ${answer === "accept" ? "bg-brand-700 text-white" : "border border-slate-400 bg-white text-slate-800"}`}
          >
            {t(`partnership.answers.${answer}`)}
          </button>
        </ActionForm>
      ))}
    </div>
  );
}

export function InvitePartner({ tenant, partnershipId }: { tenant: string; partnershipId: string }) {
  const { t } = useTranslation("dashboard");
  return (
    <ActionForm
      action={invitePartnerAction.bind(null, tenant)}
      resetOnSuccess
      className="mt-2"
      label={t("partnership.inviteTitle")}
    >
      <input type="hidden" name="partnershipId" value={partnershipId} />
      <div className="flex flex-wrap items-end gap-2">
        <TextField
          name="tenantSlug"
          label={t("partnership.inviteLabel")}
          hint={t("partnership.inviteHint")}
          maxLength={63}
        />
        <SubmitButton variant="secondary">{t("partnership.invite")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

export function CreatePartnership({ tenant }: { tenant: string }) {
  const { t } = useTranslation("dashboard");
  return (
    <ActionForm
      action={createPartnershipAction.bind(null, tenant)}
      resetOnSuccess
      className="space-y-3"
      label={t("partnership.createTitle")}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label={t("partnership.fields.name")} maxLength={160} />
        <TextField name="slug" label={t("partnership.fields.slug")} hint={t("partnership.slugHint")} maxLength={60} />
      </div>
      <TextField name="description" label={t("partnership.fields.description")} maxLength={1000} />
      <SubmitButton variant="secondary">{t("partnership.create")}</SubmitButton>
    </ActionForm>
  );
}
