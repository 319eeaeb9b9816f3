"use client";

import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton } from "@/components/forms/fields";
import { idle } from "@/lib/actions/state";
import { endSessionAction, signOutEverywhereAction } from "@/app/[locale]/account/actions";
import { startOidcAction } from "@/app/[locale]/signin/actions";

/** Ends one of the account's other sessions. */
export function EndSessionForm({ sessionId, label }: { sessionId: string; label: string }) {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={endSessionAction} label={label} successMessage={false}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton variant="secondary">
        {t("sessions.end")}
        <span className="sr-only"> {label}</span>
      </SubmitButton>
    </ActionForm>
  );
}

/** Ends every session, this one too: back to sign-in. */
export function SignOutEverywhereForm({ locale }: { locale: string }) {
  const { t } = useTranslation("auth");
  const [, dispatch, busy] = useActionState(signOutEverywhereAction, idle);
  return (
    <form action={dispatch}>
      <input type="hidden" name="locale" value={locale} />
      <button
        type="submit"
        disabled={busy}
        className="min-h-11 rounded-md border border-red-700 px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50"
      >
        {t("sessions.everywhere")}
      </button>
    </form>
  );
}

/**
 * Connects a municipality's sign-in to this account: off to the provider, and back here. Being signed in is
 * what proves the account is the holder's; the provider's e-mail alone never connects anything.
 */
export function ConnectProviderForm({ locale, slug, name }: { locale: string; slug: string; name: string }) {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={startOidcAction} label={t("connect.button", { name })} successMessage={false}>
      <input type="hidden" name="tenant" value={slug} />
      <input type="hidden" name="connect" value="1" />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="callbackUrl" value={`/${locale}/t/${slug}`} />
      <SubmitButton variant="secondary">{t("connect.button", { name })}</SubmitButton>
    </ActionForm>
  );
}
