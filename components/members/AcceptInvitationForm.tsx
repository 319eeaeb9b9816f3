"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { acceptInvitationAction } from "@/app/[locale]/invitation/actions";

/**
 * Accept with the signed-in account, or create the account; then straight into the workspace. The server
 * action signs the new account in and redirects, so the form POSTs even before the page's JavaScript loads.
 */
export function AcceptInvitationForm({
  locale,
  token,
  createAccount,
}: {
  locale: string;
  token: string;
  createAccount: boolean;
}) {
  const { t } = useTranslation("members");
  return (
    <ActionForm action={acceptInvitationAction} className="space-y-4" label={t("accept")} successMessage={false}>
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="locale" value={locale} />
      {createAccount && (
        <>
          <TextField name="name" label={t("fields.name")} autoComplete="name" maxLength={120} />
          <TextField
            name="password"
            type="password"
            label={t("fields.password")}
            hint={t("passwordHint")}
            autoComplete="new-password"
            maxLength={200}
          />
        </>
      )}
      <SubmitButton>{createAccount ? t("createAndAccept") : t("accept")}</SubmitButton>
    </ActionForm>
  );
}
