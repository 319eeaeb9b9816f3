"use client";

import { useTranslation } from "react-i18next";
import { ActionForm, useFieldError } from "@/components/forms/ActionForm";
import { Checkbox, SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { updateSettingsAction } from "@/app/[locale]/t/[tenant]/settings/actions";

function LogoField() {
  const { t } = useTranslation(["settings", "errors"]);
  const error = useFieldError("logo");
  return (
    <div>
      <label htmlFor="logo" className="block text-sm font-medium text-slate-800">
        {t("fields.logo")}
      </label>
      <p id="logo-hint" className="text-xs text-slate-600">
        {t("logoHint")}
      </p>
      <input
        id="logo"
        name="logo"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby={`logo-hint${error ? " logo-error" : ""}`}
        aria-invalid={!!error}
        className="mt-1 block text-sm"
      />
      {error && (
        <p id="logo-error" className="mt-1 text-sm font-medium text-red-700">
          {t(`errors:${error}`)}
        </p>
      )}
    </div>
  );
}

export function TenantSettingsForm({
  tenant,
  values,
  hasLogo,
}: {
  tenant: string;
  values: { name: string; defaultLocale: string; retentionMonths: number; disclosureThreshold: number };
  hasLogo: boolean;
}) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={updateSettingsAction.bind(null, tenant)} className="space-y-4" label={t("generalTitle")}>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField name="name" label={t("fields.name")} defaultValue={values.name} maxLength={120} />
        <SelectField
          name="defaultLocale"
          label={t("fields.defaultLocale")}
          defaultValue={values.defaultLocale}
          options={[
            { value: "nb", label: "Norsk bokmål" },
            { value: "sv", label: "Svenska" },
            { value: "en", label: "English" },
          ]}
        />
        <TextField
          name="retentionMonths"
          label={t("fields.retentionMonths")}
          hint={t("retentionHint")}
          inputMode="numeric"
          defaultValue={values.retentionMonths}
          maxLength={3}
        />
        <TextField
          name="disclosureThreshold"
          label={t("fields.disclosureThreshold")}
          hint={t("disclosureThresholdHint")}
          inputMode="numeric"
          defaultValue={values.disclosureThreshold}
          maxLength={2}
        />
      </div>
      <LogoField />
      {hasLogo && <Checkbox name="removeLogo" label={t("removeLogo")} />}
      <SubmitButton>{t("save")}</SubmitButton>
    </ActionForm>
  );
}
