"use client";

import { signIn } from "next-auth/react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";
import { changePasswordAction } from "@/app/[locale]/account/actions";

/**
 * Change of password. The change ends every session of the account, this one included; this device signs in
 * again with the new password at once, so only the other devices are signed out.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation("auth");
  const action = async (state: ActionState, form: FormData) => {
    const result = await changePasswordAction(state, form);
    if (result.status === "ok" && result.data?.email) {
      await signIn("credentials", { email: result.data.email, password: String(form.get("newPassword")), redirect: false });
    }
    return result;
  };
  return (
    <ActionForm action={action} className="space-y-4" label={t("account.changePassword")} resetOnSuccess>
      <TextField name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" maxLength={200} />
      <TextField name="newPassword" type="password" label={t("account.newPassword")} hint={t("account.newPasswordHint")} autoComplete="new-password" maxLength={200} />
      <TextField name="repeatPassword" type="password" label={t("account.repeatPassword")} autoComplete="new-password" maxLength={200} />
      <SubmitButton>{t("account.submit")}</SubmitButton>
    </ActionForm>
  );
}
