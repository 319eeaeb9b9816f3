"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { changePasswordAction } from "@/app/[locale]/account/actions";

/**
 * Change of password. The change ends every session of the account, this one included; this device signs in
 * again at once (the server action issues it a new session), so only the other devices are signed out. A
 * server action, so the form POSTs even before the page's JavaScript has loaded.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={changePasswordAction} className="space-y-4" label={t("account.changePassword")} resetOnSuccess>
      <TextField
        name="currentPassword"
        type="password"
        label={t("account.currentPassword")}
        autoComplete="current-password"
        maxLength={200}
      />
      <TextField
        name="newPassword"
        type="password"
        label={t("account.newPassword")}
        hint={t("account.newPasswordHint")}
        autoComplete="new-password"
        maxLength={200}
      />
      <TextField
        name="repeatPassword"
        type="password"
        label={t("account.repeatPassword")}
        autoComplete="new-password"
        maxLength={200}
      />
      <SubmitButton>{t("account.submit")}</SubmitButton>
    </ActionForm>
  );
}
