"use client";

import { Button } from "@/components/ui/Button";
import { useActionState } from "react";
import { useTranslation } from "react-i18next";
import { ActionForm, useSubmitKeepingInput } from "@/components/forms/ActionForm";
import { SubmitButton, TextField } from "@/components/forms/fields";
import { idle, type ActionState } from "@/lib/actions/state";
import {
  confirmTotpAction,
  disableTotpAction,
  sendSetupLinkAction,
  startTotpAction,
} from "@/app/[locale]/account/actions";

/** Turning two-step verification on starts with the password, asked again. */
export function StartTotpForm() {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={startTotpAction} label={t("totp.start")} successMessage={false} className="space-y-3">
      <TextField
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t("account.currentPassword")}
        maxLength={200}
      />
      <SubmitButton>{t("totp.start")}</SubmitButton>
    </ActionForm>
  );
}

/** Where a second factor is required, it is set up through a link to the account's own address. */
export function SendSetupLinkForm({ locale }: { locale: string }) {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={sendSetupLinkAction} label={t("setup.send")} className="space-y-3">
      <input type="hidden" name="locale" value={locale} />
      <SubmitButton>{t("setup.send")}</SubmitButton>
    </ActionForm>
  );
}

/**
 * The first code turns two-step verification on; the answer carries the recovery codes, shown here once. Its
 * own state (not ActionForm's) because the codes must stay on screen; a POST before JavaScript works as well.
 */
/**
 * The whole panel in one client component that stays in place whatever state the page is in: confirming
 * re-renders the page (the session is renewed), and the recovery codes in this component's state must survive
 * it — after a POST without JavaScript too, where the page is rendered with the action's answer.
 */
export function SecondFactorPanel({
  onSince,
  recoveryLeft,
  pending,
  required,
  hasPassword,
  locale,
}: {
  onSince: string | null;
  recoveryLeft: number;
  pending: { secret: string; qrSvg: string } | null;
  /** Required of this account (an administrator where the municipality requires it, the operator). */
  required: boolean;
  hasPassword: boolean;
  locale: string;
}) {
  const { t } = useTranslation(["auth", "errors"]);
  const [state, dispatch, busy] = useActionState(confirmTotpAction, idle);
  const codes = state.status === "ok" ? (state.data?.codes?.split(" ") ?? []) : [];
  if (codes.length) return <RecoveryCodes codes={codes} />;
  if (onSince) {
    return (
      <>
        <p className="mt-1 mb-4 text-sm text-slate-700" data-testid="totp-on">
          {t("totp.on", { date: onSince, count: recoveryLeft })}
        </p>
        {required ? <p className="text-sm text-slate-700">{t("totp.requiredKeepOn")}</p> : <DisableTotpForm />}
      </>
    );
  }
  if (!hasPassword) return <p className="mt-1 text-sm text-slate-700">{t("totp.providerOnly")}</p>;
  if (required) {
    return (
      <>
        <p className="mt-1 mb-4 text-sm text-slate-700" data-testid="totp-setup-by-link">
          {t("setup.intro")}
        </p>
        <SendSetupLinkForm locale={locale} />
      </>
    );
  }
  if (pending) {
    return (
      <>
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
            <ConfirmTotpForm state={state} dispatch={dispatch} busy={busy} />
          </div>
        </div>
      </>
    );
  }
  return (
    <>
      <p className="mt-1 mb-4 text-sm text-slate-700">{t("totp.intro")}</p>
      <StartTotpForm />
    </>
  );
}

export function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation("auth");
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-950">
      <p className="font-semibold">{t("totp.enabled")}</p>
      <p className="mt-2">{t("totp.recoveryIntro")}</p>
      <ul className="mt-2 grid grid-cols-2 gap-1 font-mono" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

export function ConfirmTotpForm({
  state,
  dispatch,
  busy,
  hidden = {},
}: {
  state: ActionState;
  dispatch: (form: FormData) => void;
  busy: boolean;
  /** Fields the form carries along (the set-up link's token). */
  hidden?: Record<string, string>;
}) {
  const { t } = useTranslation(["auth", "errors"]);
  const onSubmit = useSubmitKeepingInput(dispatch);
  const error = state.status === "error" ? (state.fieldErrors?.code ?? state.message) : undefined;
  return (
    <form action={dispatch} onSubmit={onSubmit} aria-label={t("totp.confirm")} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div>
        <label htmlFor="totp-code" className="block text-sm font-medium text-slate-800">
          {t("totp.code")}
        </label>
        <p id="totp-code-hint" className="text-xs text-slate-600">
          {t("totp.codeHint")}
        </p>
        <input
          id="totp-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={20}
          aria-invalid={!!error}
          aria-describedby={`totp-code-hint${error ? " totp-code-error" : ""}`}
          className={`mt-1 block w-40 rounded-md border bg-white px-3 py-2 font-mono text-base ${error ? "border-red-600" : "border-slate-400"}`}
        />
        {error && (
          <p id="totp-code-error" role="alert" className="mt-1 text-sm font-medium text-red-700">
            {t(error.includes(":") ? error : `errors:${error}`)}
          </p>
        )}
      </div>
      <Button type="submit" disabled={busy} className="disabled:opacity-60">
        {t("totp.confirm")}
      </Button>
    </form>
  );
}

export function DisableTotpForm() {
  const { t } = useTranslation("auth");
  return (
    <ActionForm action={disableTotpAction} className="space-y-3" label={t("totp.disable")}>
      <TextField
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        label={t("account.currentPassword")}
        maxLength={200}
      />
      <TextField name="code" label={t("totp.codeOrRecovery")} autoComplete="one-time-code" maxLength={20} />
      <SubmitButton variant="secondary">{t("totp.disable")}</SubmitButton>
    </ActionForm>
  );
}
