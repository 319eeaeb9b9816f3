"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { reauthenticateAction } from "@/app/[locale]/account/actions";

/** "Confirm it is you": the password and a code again, before the platform operator's actions. */
export function ReauthForm() {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={reauthenticateAction} className="space-y-3" label={t("stepUp.title")} successMessage={false}>
      <TextField
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t("account.currentPassword")}
        maxLength={200}
      />
      <TextField name="code" label={t("totp.code")} autoComplete="one-time-code" inputMode="numeric" maxLength={20} />
      <SubmitButton>{t("stepUp.confirm")}</SubmitButton>
    </ActionForm>
  );
}
