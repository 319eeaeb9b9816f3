"use client";

import { useActionState, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { signInAction } from "@/app/[locale]/signin/actions";
import { idle } from "@/lib/actions/state";
import { useSubmitKeepingInput } from "@/components/forms/ActionForm";

/**
 * E-mail and password sign-in. The form POSTs to a server action, so a submit before the page's JavaScript has
 * loaded (or without it) signs in as well, and nothing typed ever lands in a URL. Once loaded, the same action
 * runs without a page load and keeps what was typed on an error. The error never tells whether the e-mail exists.
 */
export function SignInForm({ callbackUrl, locale }: { callbackUrl: string; locale: string }) {
  const { t } = useTranslation("auth");
  const [state, dispatch, pending] = useActionState(signInAction, idle);
  const onSubmit = useSubmitKeepingInput(dispatch);
  const form = useRef<HTMLFormElement>(null);
  const lastSeq = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    if (state.status !== "error" || state.seq === lastSeq.current) return;
    lastSeq.current = state.seq;
    form.current
      ?.querySelector<HTMLInputElement>(
        state.message === "auth:missingFields" && !state.data?.email ? "#email" : "#password",
      )
      ?.focus();
  }, [state]);

  const error = state.status === "error" && state.message ? t(state.message) : null;
  // The operator whose second factor must be set up first is told where the link went.
  const notice = state.status === "ok" && state.message ? t(state.message) : null;
  const field =
    "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600";
  return (
    <form
      ref={form}
      action={dispatch}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-describedby={error ? "signin-error" : undefined}
    >
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="locale" value={locale} />
      <div role="alert" aria-live="assertive" id="signin-error">
        {error && <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      </div>
      <div role="status" aria-live="polite">
        {notice && (
          <p
            className="rounded-md border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900"
            data-testid="signin-notice"
          >
            {notice}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.data?.email}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className={field}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
