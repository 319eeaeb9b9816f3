"use server";

import { cookies } from "next/headers";
import { after } from "next/server";
import type { ActionState } from "@/lib/actions/state";
import { formLocale, formText, runPublicAction } from "@/lib/actions/run-action";
import { checkCredentials } from "@/lib/auth/credentials";
import {
  clearPendingSecondFactor,
  consumePendingSecondFactor,
  readPendingSecondFactor,
  setPendingSecondFactor,
  startSession,
} from "@/lib/auth/start-session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/errors";
import { FLOW_COOKIE, FLOW_COOKIE_MAX_AGE, oidcTenants } from "@/lib/auth/oidc/flow";
import { beginOidcSignIn } from "@/lib/auth/oidc/begin-oidc-sign-in";
import { hasProviderLink } from "@/lib/auth/oidc/complete-oidc-sign-in";
import { sessionCookie } from "@/lib/auth/options";
import { auditSignIn, listMemberships } from "@/lib/auth/memberships";
import { sessionOpens } from "@/lib/auth/context";
import { verifySecondFactor } from "@/lib/auth/totp";
import { sendSecondFactorSetupLink } from "@/lib/auth/second-factor-setup";
import { currentUser } from "@/lib/auth/session";

const callbackUrlOf = (form: FormData, fallback = `/${formLocale(form)}/t`) =>
  safeCallbackUrl(formText(form, "callbackUrl", 2000), fallback);

/**
 * E-mail and password sign-in, as a form POST that works before (and without) the page's JavaScript. On
 * success the session cookie is set and the browser goes where it was headed; otherwise the form says why,
 * never whether the e-mail exists (what is written about a failure waits until the answer has gone). An
 * account with a second factor, and always the platform operator, goes on to the code.
 */
export async function signInAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runPublicAction(async () => {
    const locale = formLocale(form);
    const email = formText(form, "email", 254).trim();
    const password = formText(form, "password", 201);
    if (!email || !password) throw new AppError("INVALID_INPUT", "auth:missingFields");
    const result = await checkCredentials({ email, password }, await clientIp());
    if (!result.ok) {
      after(result.afterResponse);
      throw new AppError("INVALID_INPUT", result.reason === "lockedOut" ? "auth:lockedOut" : "auth:invalidCredentials");
    }
    let callbackUrl = callbackUrlOf(form);
    if (result.operator && !result.secondFactor) {
      // The operator needs a second factor, set up through a link to their own address, not the password alone.
      const sent = await sendSecondFactorSetupLink(result.user.id, locale);
      if (sent === "noMail") throw new AppError("INVALID_INPUT", "auth:setup.noMail");
      return { message: sent === "tooMany" ? "auth:setup.tooMany" : "auth:setup.operatorSent" };
    }
    // Staff of a municipality that requires its identity provider, when a password opens none of their
    // workspaces: to the provider if they have connected it to this account; else signed in here, to connect it
    // from the account page (their password proves the account is theirs; the provider alone never does).
    const memberships = await listMemberships(result.user.id);
    const opened = memberships.filter((m) =>
      sessionOpens("password+totp", { id: m.tenantId, requireOidc: m.requireOidc }, m.role),
    );
    if (memberships.length > 0 && opened.length === 0) {
      const required = memberships[0];
      if (await hasProviderLink(required.tenantId, result.user.id)) {
        after(() => auditSignIn(result.user.id, "auth.passwordRefused", { method: "password" }, memberships));
        return {
          redirectTo: `/${locale}/signin?provider=${required.tenantSlug}&callbackUrl=${encodeURIComponent(callbackUrl)}`,
        };
      }
      callbackUrl = `/${locale}/account?connect=${required.tenantSlug}`;
    }
    if (result.secondFactor || result.operator) {
      // The password is right; the session starts only after the code (app/[locale]/signin/verify).
      await setPendingSecondFactor(result.user, callbackUrl);
      return { redirectTo: `/${locale}/signin/verify` };
    }
    after(() => auditSignIn(result.user.id, "auth.signedIn", { method: "password" }, opened));
    await startSession(result.user);
    return { redirectTo: callbackUrl };
  });
  // Not signed in (a refusal, or a message): the form keeps the e-mail typed.
  return { ...state, data: form instanceof FormData ? { email: formText(form, "email", 254) } : undefined };
}

/**
 * "Sign in with your municipality": the municipality chosen from the list, or found from the work e-mail's
 * proven domain; then off to its identity provider with the flow's checks sealed in a short-lived cookie.
 * `connect=1` from a signed-in account connects the provider to that account instead (the session is the
 * proof that the account is theirs); an invitation token accepts it on the way.
 */
export async function startOidcAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
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
    let link: { userId: string; sessionId: string } | undefined;
    if (formText(form, "connect", 2) === "1") {
      const user = await currentUser();
      if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
      link = { userId: user.id, sessionId: user.sessionId };
    }
    let started;
    try {
      const invitation = formText(form, "invitation", 2000) || undefined;
      started = await beginOidcSignIn({
        slug,
        locale,
        invitation,
        link,
        callbackUrl: callbackUrlOf(form, `/${locale}/t/${slug}`),
      });
    } catch (error) {
      console.error("[oidc] could not reach the provider", error instanceof Error ? error.name : "unknown");
      throw new AppError("INVALID_INPUT", "auth:oidc.unreachable");
    }
    if (!started) throw new AppError("INVALID_INPUT", "auth:oidc.notOffered", { tenant: "validation.choose" });
    const { options } = sessionCookie();
    (await cookies()).set(FLOW_COOKIE, started.cookie, { ...options, path: "/api/oidc", maxAge: FLOW_COOKIE_MAX_AGE });
    return { redirectTo: started.url };
  });
}

/**
 * The second step of a password sign-in with TOTP on: a current code or a recovery code. The pending sign-in
 * starts one session at most: used up by the first code that passes, so a copy of its cookie starts none.
 */
export async function verifySecondFactorAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const pending = await readPendingSecondFactor();
    if (!pending) throw new AppError("INVALID_INPUT", "auth:totp.expired");
    const used = await verifySecondFactor(pending.user.id, formText(form, "code", 40));
    if (!(await consumePendingSecondFactor(pending))) throw new AppError("INVALID_INPUT", "auth:totp.expired");
    await clearPendingSecondFactor();
    after(() =>
      auditSignIn(pending.user.id, "auth.signedIn", {
        method: used === "code" ? "password+totp" : "password+recovery",
      }),
    );
    await startSession(pending.user, "password+totp");
    return { redirectTo: pending.callbackUrl };
  });
}
