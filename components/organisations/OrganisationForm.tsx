"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { Checkbox, SelectField, SubmitButton, TextArea, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";

export type OrganisationValues = {
  name: string;
  type: string;
  sector: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  partnershipRole: string | null;
  agreementStart: string | null;
  agreementEnd: string | null;
  active: boolean;
};

export function OrganisationForm({
  action,
  types,
  values,
  submitLabel,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  types: { value: string; label: string }[];
  values?: OrganisationValues;
  submitLabel: string;
}) {
  const { t } = useTranslation("organisations");
  return (
    <ActionForm
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      label={submitLabel}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("fields.name")} defaultValue={values?.name} maxLength={160} required />
        <SelectField
          name="type"
          label={t("fields.type")}
          options={types}
          defaultValue={values?.type}
          placeholder={values ? undefined : t("choose")}
          required
        />
        <TextField name="sector" label={t("fields.sector")} defaultValue={values?.sector} maxLength={80} />
        <TextField
          name="contactName"
          label={t("fields.contactName")}
          defaultValue={values?.contactName}
          maxLength={120}
        />
        <TextField
          name="contactEmail"
          type="email"
          label={t("fields.contactEmail")}
          defaultValue={values?.contactEmail}
          maxLength={254}
        />
        <TextField
          name="contactPhone"
          type="tel"
          label={t("fields.contactPhone")}
          defaultValue={values?.contactPhone}
          maxLength={30}
        />
        <TextField
          name="agreementStart"
          type="date"
          label={t("fields.agreementStart")}
          defaultValue={values?.agreementStart}
        />
        <TextField
          name="agreementEnd"
          type="date"
          label={t("fields.agreementEnd")}
          defaultValue={values?.agreementEnd}
        />
        <div className="sm:col-span-2">
          <TextArea
            name="partnershipRole"
            label={t("fields.partnershipRole")}
            hint={t("roleHint")}
            defaultValue={values?.partnershipRole}
            maxLength={500}
          />
        </div>
        <Checkbox name="active" label={t("fields.active")} defaultChecked={values?.active ?? true} />
      </div>
      <p className="text-sm text-slate-600">{t("neverDeleted")}</p>
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
