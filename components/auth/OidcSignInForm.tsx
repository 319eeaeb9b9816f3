"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SelectField, SubmitButton, TextField } from "@/components/forms/fields";
import { startOidcAction } from "@/app/[locale]/signin/actions";

/**
 * "Sign in with your municipality": choose it, or type the work e-mail and be routed by its domain. A server
 * action, so it works before the page's JavaScript has loaded.
 */
export function OidcSignInForm({
  municipalities,
  chosen,
  callbackUrl,
  locale,
}: {
  municipalities: { slug: string; name: string }[];
  chosen?: string;
  callbackUrl: string;
  locale: string;
}) {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={startOidcAction} className="space-y-4" label={t("oidc.title")}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="locale" value={locale} />
      <div className="space-y-4">
        <SelectField
          name="tenant"
          label={t("oidc.municipality")}
          defaultValue={chosen ?? ""}
          placeholder={t("oidc.chooseMunicipality")}
          options={municipalities.map((m) => ({ value: m.slug, label: m.name }))}
        />
        <TextField
          name="workEmail"
          type="email"
          autoComplete="email"
          label={t("oidc.workEmail")}
          hint={t("oidc.workEmailHint")}
          maxLength={254}
        />
        <SubmitButton variant="secondary">{t("oidc.submit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
