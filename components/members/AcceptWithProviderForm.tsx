"use client";

import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton } from "@/components/forms/fields";
import { startOidcAction } from "@/app/[locale]/signin/actions";

/**
 * Accepts an invitation by signing in through the municipality's identity provider: the invitation travels
 * in the flow's sealed cookie and links the person's identity there to the account (how ID-porten, which
 * releases no e-mail, finds them again) — a new account, or the signed-in invitee's own (`connect`), never an
 * existing account of someone who is not signed in. A server action: it works before the page's JavaScript loads.
 */
export function AcceptWithProviderForm({
  locale,
  token,
  slug,
  tenantName,
  connect,
}: {
  locale: string;
  token: string;
  slug: string;
  tenantName: string;
  /** Signed in as the invited account: accepting also connects the provider to it. */
  connect: boolean;
}) {
  const { t } = useTranslation("members");
  return (
    <ActionForm action={startOidcAction} label={t("acceptWithProvider")} successMessage={false}>
      <input type="hidden" name="tenant" value={slug} />
      <input type="hidden" name="invitation" value={token} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="callbackUrl" value={`/${locale}/t/${slug}`} />
      {connect && <input type="hidden" name="connect" value="1" />}
      <div className="space-y-4">
        <p className="text-slate-700">{t("acceptWithProviderIntro", { tenant: tenantName })}</p>
        <SubmitButton>{t("acceptWithProvider")}</SubmitButton>
      </div>
    </ActionForm>
  );
}
