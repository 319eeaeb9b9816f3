"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

/** E-mail and password sign-in. The error never tells whether the e-mail exists. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useTranslation("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!email || !password) {
      setError(t("missingFields"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email, password, redirect: false });
      if (!result || result.error) {
        setError(result?.error === "LockedOut" ? t("lockedOut") : result?.error === "CredentialsSignin" || !result ? t("invalidCredentials") : t("unavailable"));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t("unavailable"));
    } finally {
      setPending(false);
    }
  }

  const field = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-600";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? "signin-error" : undefined}>
      <div role="alert" aria-live="assertive" id="signin-error">
        {error && <p className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p>}
      </div>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required className={field} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={field} />
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
