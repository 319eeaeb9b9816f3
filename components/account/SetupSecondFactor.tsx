"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { idle } from "@/lib/actions/state";
import { setupConfirmAction, setupPasswordAction } from "@/app/[locale]/account/second-factor/actions";
import { ConfirmTotpForm, RecoveryCodes } from "@/components/account/SecondFactorForms";

/**
 * The set-up link's whole page body in one client component that stays in place whatever step the page is at:
 * confirming signs the browser in anew and the page renders again (the link is used up by then), and the
 * recovery codes in this component's state must survive that.
 */
export function SetupSecondFactor({
  token,
  locale,
  step,
  pending,
}: {
  token: string;
  locale: string;
  step: "invalid" | "password" | "confirm";
  pending: { secret: string; qrSvg: string } | null;
}) {
  const { t } = useTranslation("auth");
  const [state, dispatch, busy] = useActionState(setupConfirmAction, idle);
  const codes = state.status === "ok" ? (state.data?.codes?.split(" ") ?? []) : [];
  if (codes.length) {
    return (
      <>
        <RecoveryCodes codes={codes} />
        <p className="mt-4">
          <Link href={`/${locale}/t`} className="font-medium text-brand-700 underline">
            {t("setup.done")}
          </Link>
        </p>
      </>
    );
  }
  if (step === "invalid") {
    return (
      <>
        <p className="mt-3 text-slate-700" data-testid="setup-invalid">
          {t("setup.linkInvalid")}
        </p>
        <p className="mt-6">
          <Link href={`/${locale}/signin`} className="font-medium text-brand-700 underline">
            {t("refused.back")}
          </Link>
        </p>
      </>
    );
  }
  if (step === "password" || !pending) {
    return (
      <>
        <p className="mt-2 mb-6 text-slate-700">{t("setup.passwordIntro")}</p>
        <ActionForm action={setupPasswordAction} className="space-y-3" label={t("setup.passwordStep")}>
          <input type="hidden" name="locale" value={locale} />
          <input type="hidden" name="token" value={token} />
          <TextField
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            label={t("account.currentPassword")}
            maxLength={200}
          />
          <SubmitButton>{t("setup.continue")}</SubmitButton>
        </ActionForm>
      </>
    );
  }
  return (
    <div className="mt-4">
      <p className="mt-1 mb-4 text-sm text-slate-700">{t("totp.scan")}</p>
      <div className="flex flex-wrap items-start gap-6">
        <div
          role="img"
          aria-label={t("totp.qrLabel")}
          className="size-44 shrink-0 [&>svg]:h-full [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
        />
        <div className="min-w-0 grow basis-60 space-y-4">
          <p className="text-sm text-slate-700">
            {t("totp.manual")}{" "}
            <code className="font-mono break-all text-slate-900" data-testid="totp-secret">
              {pending.secret}
            </code>
          </p>
          <ConfirmTotpForm state={state} dispatch={dispatch} busy={busy} hidden={{ token }} />
        </div>
      </div>
    </div>
  );
}
