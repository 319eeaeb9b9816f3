"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import type { ActionState } from "@/lib/actions/state";
import { acceptInvitationAction } from "@/app/[locale]/invitation/actions";

/** Accept with the signed-in account, or create the account; then straight into the workspace. */
export function AcceptInvitationForm({ locale, token, createAccount }: { locale: string; token: string; createAccount: boolean }) {
  const { t } = useTranslation("members");
  const router = useRouter();
  const action = async (state: ActionState, form: FormData) => {
    const result = await acceptInvitationAction(state, form);
    if (result.status === "ok" && result.data) {
      if (result.data.newAccount) await signIn("credentials", { email: result.data.email, password: String(form.get("password")), redirect: false });
      router.push(`/${locale}/t/${result.data.tenantSlug}`);
      router.refresh();
    }
    return result;
  };
  return (
    <ActionForm action={action} className="space-y-4" label={t("accept")} successMessage={false}>
      <input type="hidden" name="token" value={token} />
      {createAccount && (
        <>
          <TextField name="name" label={t("fields.name")} autoComplete="name" maxLength={120} />
          <TextField name="password" type="password" label={t("fields.password")} hint={t("passwordHint")} autoComplete="new-password" maxLength={200} />
        </>
      )}
      <SubmitButton>{createAccount ? t("createAndAccept") : t("accept")}</SubmitButton>
    </ActionForm>
  );
}
