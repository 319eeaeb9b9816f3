"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions/state";
import { formText, runPublicAction } from "@/lib/actions/run-action";
import { checkCredentials } from "@/lib/auth/credentials";
import { startSession } from "@/lib/auth/start-session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/errors";
import { isLocale } from "@/lib/i18n/settings";

/**
 * E-mail and password sign-in, as a form POST that works before (and without) the page's JavaScript. On
 * success the session cookie is set and the browser goes where it was headed; otherwise the form says why,
 * never whether the e-mail exists. The e-mail comes back so the form can keep it; the password never does.
 */
export async function signInAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runPublicAction(async () => {
    const email = formText(form, "email", 254).trim();
    const password = formText(form, "password", 201);
    if (!email || !password) throw new AppError("INVALID_INPUT", "auth:missingFields");
    const result = await checkCredentials({ email, password }, await clientIp());
    if (!result.ok) throw new AppError("INVALID_INPUT", result.reason === "lockedOut" ? "auth:lockedOut" : "auth:invalidCredentials");
    await startSession(result.user);
  });
  if (state.status === "error") return { ...state, data: form instanceof FormData ? { email: formText(form, "email", 254) } : undefined };
  const locale = formText(form, "locale", 8);
  redirect(safeCallbackUrl(formText(form, "callbackUrl", 2000), `/${isLocale(locale) ? locale : "nb"}/t`));
}
