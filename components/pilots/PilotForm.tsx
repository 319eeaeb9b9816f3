"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { Checkbox, FieldGroupError, SelectField, SubmitButton, TextArea, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";

type Option = { value: string; label: string };
export type PilotValues = {
  name: string;
  kind: string;
  status: string;
  description: string | null;
  goal: string | null;
  targetSharePercent: number | null;
  startDate: string;
  endDate: string | null;
  organisationIds: string[];
};

export function PilotForm({
  action,
  kinds,
  statuses,
  organisations,
  values,
  submitLabel,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  kinds: Option[];
  statuses: Option[];
  organisations: Option[];
  values?: PilotValues;
  submitLabel: string;
}) {
  const { t } = useTranslation("pilots");
  return (
    <ActionForm
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
      label={submitLabel}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField name="name" label={t("fields.name")} defaultValue={values?.name} maxLength={200} required />
        </div>
        <SelectField
          name="kind"
          label={t("fields.kind")}
          options={kinds}
          defaultValue={values?.kind}
          placeholder={values ? undefined : t("choose")}
        />
        <SelectField
          name="status"
          label={t("fields.status")}
          options={statuses}
          defaultValue={values?.status ?? "ACTIVE"}
        />
        <TextField name="startDate" type="date" label={t("fields.startDate")} defaultValue={values?.startDate} />
        <TextField name="endDate" type="date" label={t("fields.endDate")} defaultValue={values?.endDate} />
        <TextField name="goal" label={t("fields.goal")} defaultValue={values?.goal} maxLength={500} />
        <TextField
          name="targetSharePercent"
          label={t("fields.target")}
          hint={t("targetHint")}
          inputMode="numeric"
          defaultValue={values?.targetSharePercent}
          maxLength={3}
        />
        <div className="sm:col-span-2">
          <TextArea
            name="description"
            label={t("fields.description")}
            defaultValue={values?.description}
            maxLength={2000}
          />
        </div>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">{t("fields.organisations")}</legend>
        <div className="grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {organisations.map((o) => (
            <Checkbox
              key={o.value}
              name="organisationIds"
              value={o.value}
              label={o.label}
              defaultChecked={values?.organisationIds.includes(o.value)}
            />
          ))}
        </div>
        <FieldGroupError name="organisationIds" />
      </fieldset>
      <SubmitButton>{submitLabel}</SubmitButton>
    </ActionForm>
  );
}
