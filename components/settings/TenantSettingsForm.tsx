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
      <input
        id="logo"
        name="logo"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        aria-describedby={`logo-hint${error ? " logo-error" : ""}`}
        aria-invalid={!!error}
        className="mt-1 block min-h-11 w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-4 file:text-sm file:font-semibold"
      />
      <p id="logo-hint" className="mt-1 text-xs text-slate-600">
        {t("logoHint")}
      </p>
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
    <ActionForm action={updateSettingsAction.bind(null, tenant)} className="space-y-6" label={t("generalTitle")}>
      {/* Two columns, aligned at the top, hints under the inputs: every input of a row starts at the same height. */}
      <div className="grid items-start gap-x-6 gap-y-5 sm:grid-cols-2">
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
      {/* The logo on a row of its own, set apart from the numbers above. */}
      <div className="space-y-3 border-t border-slate-200 pt-5 sm:max-w-md">
        <LogoField />
        {hasLogo && <Checkbox name="removeLogo" label={t("removeLogo")} />}
      </div>
      <SubmitButton>{t("save")}</SubmitButton>
    </ActionForm>
  );
}
