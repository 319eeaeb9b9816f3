"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { Checkbox, SelectField, SubmitButton, TextArea, TextField } from "@/components/forms/fields";
import {
  claimDomainAction,
  removeDomainAction,
  saveProviderAction,
  switchProviderAction,
  testProviderAction,
  totpRequirementAction,
  verifyDomainAction,
} from "@/app/[locale]/t/[tenant]/settings/sign-in/actions";

type Values = {
  preset: string;
  issuer: string;
  clientId: string;
  secretStored: boolean;
  domainRole: string | null;
  roleClaim: string | null;
  roleMap: Record<string, string>;
  enabled: boolean;
  tested: boolean;
  requireOidc: boolean;
};

const PRESETS = ["ENTRA_ID", "ID_PORTEN", "FREJA", "GENERIC"] as const;

/** The provider's connection and who it lets in. Saving a new issuer, client or secret turns it off until tested. */
export function ProviderForm({ tenant, values }: { tenant: string; values: Values | null }) {
  const { t } = useTranslation(["settings", "common"]);
  return (
    <ActionForm action={saveProviderAction.bind(null, tenant)} className="space-y-4" label={t("oidc.formTitle")}>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          name="preset"
          label={t("oidc.fields.preset")}
          hint={t("oidc.presetHint")}
          defaultValue={values?.preset ?? "ENTRA_ID"}
          options={PRESETS.map((p) => ({ value: p, label: t(`oidc.presets.${p}`) }))}
        />
        <TextField
          name="issuer"
          label={t("oidc.fields.issuer")}
          hint={t("oidc.issuerHint")}
          defaultValue={values?.issuer}
          maxLength={300}
        />
        <TextField name="clientId" label={t("oidc.fields.clientId")} defaultValue={values?.clientId} maxLength={200} />
        <TextField
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          label={t("oidc.fields.clientSecret")}
          hint={values?.secretStored ? t("oidc.secretStored") : t("oidc.secretHint")}
          maxLength={500}
        />
        <SelectField
          name="domainRole"
          label={t("oidc.fields.domainRole")}
          hint={t("oidc.domainRoleHint")}
          defaultValue={values?.domainRole ?? ""}
          options={[
            { value: "", label: t("oidc.invitationOnly") },
            { value: "COORDINATOR", label: t("common:roles.COORDINATOR") },
            { value: "TENANT_ADMIN", label: t("common:roles.TENANT_ADMIN") },
          ]}
        />
        <TextField
          name="roleClaim"
          label={t("oidc.fields.roleClaim")}
          hint={t("oidc.roleClaimHint")}
          defaultValue={values?.roleClaim}
          maxLength={100}
        />
        <TextArea
          name="roleMap"
          label={t("oidc.fields.roleMap")}
          hint={t("oidc.roleMapHint")}
          rows={3}
          maxLength={4000}
          defaultValue={Object.entries(values?.roleMap ?? {})
            .map(([k, v]) => `${k} = ${v}`)
            .join("\n")}
        />
      </div>
      <SubmitButton>{t("oidc.save")}</SubmitButton>
    </ActionForm>
  );
}

/** Fetches the discovery document and checks it; only a tested provider can be turned on. */
export function TestProviderForm({ tenant }: { tenant: string }) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={testProviderAction.bind(null, tenant)} label={t("oidc.test")}>
      <SubmitButton variant="secondary">{t("oidc.test")}</SubmitButton>
    </ActionForm>
  );
}

export function SwitchProviderForm({
  tenant,
  enabled,
  requireOidc,
}: {
  tenant: string;
  enabled: boolean;
  requireOidc: boolean;
}) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={switchProviderAction.bind(null, tenant)} className="space-y-3" label={t("oidc.switchTitle")}>
      <Checkbox name="enabled" label={t("oidc.fields.enabled")} defaultChecked={enabled} />
      <Checkbox name="requireOidc" label={t("oidc.fields.requireOidc")} defaultChecked={requireOidc} />
      <SubmitButton>{t("oidc.switchSave")}</SubmitButton>
    </ActionForm>
  );
}

/** Administrators who sign in with a password must use two-step verification (TOTP) to open the workspace. */
export function TotpRequirementForm({ tenant, required }: { tenant: string; required: boolean }) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={totpRequirementAction.bind(null, tenant)} className="space-y-3" label={t("totp.title")}>
      <Checkbox name="requireTotpForAdmins" label={t("totp.require")} defaultChecked={required} />
      <SubmitButton>{t("totp.save")}</SubmitButton>
    </ActionForm>
  );
}

/** Claims an e-mail domain; the page then shows the TXT record that proves it. */
export function ClaimDomainForm({ tenant }: { tenant: string }) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm
      action={claimDomainAction.bind(null, tenant)}
      className="space-y-3"
      label={t("domains.add")}
      resetOnSuccess
    >
      <TextField name="domain" label={t("domains.field")} hint={t("domains.fieldHint")} maxLength={253} />
      <SubmitButton>{t("domains.add")}</SubmitButton>
    </ActionForm>
  );
}

/** Looks the claim's TXT record up now (the municipality has published it). */
export function VerifyDomainForm({ tenant, domain }: { tenant: string; domain: string }) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={verifyDomainAction.bind(null, tenant)} label={t("domains.verify", { domain })}>
      <input type="hidden" name="domain" value={domain} />
      <SubmitButton>
        {t("domains.verifyShort")}
        <span className="sr-only"> {domain}</span>
      </SubmitButton>
    </ActionForm>
  );
}

export function RemoveDomainForm({ tenant, domain }: { tenant: string; domain: string }) {
  const { t } = useTranslation("settings");
  return (
    <ActionForm action={removeDomainAction.bind(null, tenant)} label={t("domains.remove", { domain })}>
      <input type="hidden" name="domain" value={domain} />
      <SubmitButton variant="secondary">
        {t("domains.removeShort")}
        <span className="sr-only"> {domain}</span>
      </SubmitButton>
    </ActionForm>
  );
}
