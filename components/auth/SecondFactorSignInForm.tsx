"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { verifySecondFactorAction } from "@/app/[locale]/signin/actions";

export function SecondFactorSignInForm() {
  const { t } = useTranslation("auth");
  return (
    <ActionForm
      action={verifySecondFactorAction}
      className="space-y-4"
      label={t("totp.verifyTitle")}
      successMessage={false}
    >
      <TextField
        name="code"
        label={t("totp.codeOrRecovery")}
        hint={t("totp.verifyHint")}
        autoComplete="one-time-code"
        maxLength={20}
      />
      <SubmitButton>{t("totp.verify")}</SubmitButton>
    </ActionForm>
  );
}
