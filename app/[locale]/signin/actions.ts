"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions/state";
import { formLocale, formText, runPublicAction } from "@/lib/actions/run-action";
import { checkCredentials } from "@/lib/auth/credentials";
import {
  clearPendingSecondFactor,
  readPendingSecondFactor,
  setPendingSecondFactor,
  startSession,
} from "@/lib/auth/start-session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/errors";
import { beginOidcSignIn, FLOW_COOKIE, FLOW_COOKIE_MAX_AGE, oidcTenants } from "@/lib/auth/oidc";
import { sessionCookie } from "@/lib/auth/options";
import { auditSignIn, listMemberships } from "@/lib/auth/memberships";
import { sessionOpens } from "@/lib/auth/context";
import { verifySecondFactor } from "@/lib/auth/totp";

const callbackUrlOf = (form: FormData, fallback = `/${formLocale(form)}/t`) =>
  safeCallbackUrl(formText(form, "callbackUrl", 2000), fallback);

/**
 * E-mail and password sign-in, as a form POST that works before (and without) the page's JavaScript. On
 * success the session cookie is set and the browser goes where it was headed; otherwise the form says why,
 * never whether the e-mail exists. The e-mail comes back so the form can keep it; the password never does.
 */
export async function signInAction(_: ActionState, form: FormData): Promise<ActionState> {
  let oidcRequiredBy: string | undefined;
  let secondStep = false;
  const state = await runPublicAction(async () => {
    const email = formText(form, "email", 254).trim();
    const password = formText(form, "password", 201);
    if (!email || !password) throw new AppError("INVALID_INPUT", "auth:missingFields");
    const result = await checkCredentials({ email, password }, await clientIp());
    if (!result.ok)
      throw new AppError("INVALID_INPUT", result.reason === "lockedOut" ? "auth:lockedOut" : "auth:invalidCredentials");
    // Staff of a municipality that requires its identity provider are sent there when a password opens
    // none of their workspaces; a password still opens the rest (a partner's, another municipality's).
    const memberships = await listMemberships(result.user.id);
    const opened = memberships.filter((m) =>
      sessionOpens("password+totp", { id: m.tenantId, requireOidc: m.requireOidc }, m.role),
    );
    if (memberships.length > 0 && opened.length === 0) {
      await auditSignIn(result.user.id, "auth.passwordRefused", { method: "password" }, memberships);
      oidcRequiredBy = memberships[0].tenantSlug;
      return;
    }
    if (result.secondFactor) {
      // The password is right; the session starts only after the code (app/[locale]/signin/verify).
      await setPendingSecondFactor(result.user, callbackUrlOf(form));
      secondStep = true;
      return;
    }
    await auditSignIn(result.user.id, "auth.signedIn", { method: "password" }, opened);
    await startSession(result.user);
  });
  if (state.status === "error")
    return { ...state, data: form instanceof FormData ? { email: formText(form, "email", 254) } : undefined };
  const locale = formLocale(form);
  const callbackUrl = callbackUrlOf(form);
  if (oidcRequiredBy)
    redirect(`/${locale}/signin?provider=${oidcRequiredBy}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  if (secondStep) redirect(`/${locale}/signin/verify`);
  redirect(callbackUrl);
}

/**
 * "Sign in with your municipality": the municipality chosen from the list, or found from the work e-mail's
 * domain; then off to its identity provider with the flow's checks sealed in a short-lived cookie.
 */
export async function startOidcAction(_: ActionState, form: FormData): Promise<ActionState> {
  let destination = "";
  const state = await runPublicAction(async () => {
    const chosen = formText(form, "tenant", 63);
    const workEmail = formText(form, "workEmail", 254).trim().toLowerCase();
    let slug = chosen;
    if (!slug) {
      if (!workEmail) throw new AppError("INVALID_INPUT", "auth:oidc.chooseOrType", { tenant: "validation.choose" });
      const domain = workEmail.includes("@") ? workEmail.slice(workEmail.lastIndexOf("@") + 1) : workEmail;
      const matches = await oidcTenants(domain);
      if (matches.length !== 1)
        throw new AppError("INVALID_INPUT", matches.length ? "auth:oidc.severalForDomain" : "auth:oidc.noneForDomain", {
          workEmail: "validation.invalid",
        });
      slug = matches[0].slug;
    }
    const locale = formLocale(form);
    let started;
    try {
      const invitation = formText(form, "invitation", 2000) || undefined;
      started = await beginOidcSignIn({
        slug,
        locale,
        invitation,
        callbackUrl: callbackUrlOf(form, `/${locale}/t/${slug}`),
      });
    } catch (error) {
      console.error("[oidc] could not reach the provider of", slug, error instanceof Error ? error.message : error);
      throw new AppError("INVALID_INPUT", "auth:oidc.unreachable");
    }
    if (!started) throw new AppError("INVALID_INPUT", "auth:oidc.notOffered", { tenant: "validation.choose" });
    const { options } = sessionCookie();
    (await cookies()).set(FLOW_COOKIE, started.cookie, { ...options, path: "/api/oidc", maxAge: FLOW_COOKIE_MAX_AGE });
    destination = started.url;
  });
  if (state.status !== "ok" || !destination) return state;
  redirect(destination);
}

/** The second step of a password sign-in with TOTP on: a current code or a recovery code. */
export async function verifySecondFactorAction(_: ActionState, form: FormData): Promise<ActionState> {
  let destination = "";
  const state = await runPublicAction(async () => {
    const pending = await readPendingSecondFactor();
    if (!pending) throw new AppError("INVALID_INPUT", "auth:totp.expired");
    const used = await verifySecondFactor(pending.user.id, formText(form, "code", 40));
    await clearPendingSecondFactor();
    await auditSignIn(pending.user.id, "auth.signedIn", {
      method: used === "code" ? "password+totp" : "password+recovery",
    });
    await startSession(pending.user, "password+totp");
    destination = pending.callbackUrl;
  });
  if (state.status !== "ok" || !destination) return state;
  redirect(destination);
}
