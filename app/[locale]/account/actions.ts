"use server";

import { refresh } from "next/cache";
import { formLocale, formText, parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { changePassword } from "@/lib/auth/change-password";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { clearSessionCookie, startSessionFor, type SessionVia } from "@/lib/auth/start-session";
import { beginEnrolment, confirmEnrolment, disableSecondFactor, verifySecondFactor } from "@/lib/auth/totp";
import { confirmCurrentPassword } from "@/lib/auth/confirm-password";
import { endSession, endSessions, markReauthenticated } from "@/lib/auth/sessions";
import { sendSecondFactorSetupLink } from "@/lib/auth/second-factor-setup";
import { auditSignIn } from "@/lib/auth/memberships";

async function signedIn(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
  return user;
}

/**
 * Where a second factor is required of this account (an administrator of a municipality that requires one, or
 * the platform operator), it is set up and turned off only through a link to the account's own address
 * (lib/auth/second-factor-setup.ts), never with the password alone.
 */
function secondFactorRequired(user: SessionUser): boolean {
  return user.platformAdmin || user.memberships.some((m) => m.requireTotpForAdmins && m.role === "TENANT_ADMIN");
}

/** Signs out on this device: the session ends on the server, not only its cookie in this browser. */
export async function signOutAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (user) {
      await endSession(user.id, user.sessionId);
      await auditSignIn(user.id, "auth.signedOut", {}, user.memberships);
    }
    await clearSessionCookie();
    return { redirectTo: `/${formLocale(form)}` };
  });
}

/** Ends every session of the account, this one included (a lost phone, a shared computer). */
export async function signOutEverywhereAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (user) {
      const ended = await endSessions(user.id);
      await auditSignIn(user.id, "auth.signedOutEverywhere", { sessions: String(ended) }, user.memberships);
    }
    await clearSessionCookie();
    return { redirectTo: `/${formLocale(form)}/signin` };
  });
}

/** Ends one other session of the account, from the list on the account page. */
export async function endSessionAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    const sessionId = formText(form, "sessionId", 100);
    const id = /^[\w-]{16,64}$/.test(sessionId) ? sessionId : "";
    if (!id || id === user.sessionId || !(await endSession(user.id, id)))
      throw new AppError("NOT_FOUND", "errors:notFound");
    refresh();
    return { message: "auth:sessions.ended" };
  });
}

/** The signed-in user changes their own password; every other session of the account ends. */
export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    await changePassword({ userId: user.id, data: parseForm(changePasswordSchema, form) });
    // Every session issued before the change is void (the password it was issued under is gone); this device
    // gets a new one at once.
    await endSessions(user.id);
    await startSessionFor(user.id, user.via as SessionVia);
    return { message: "auth:account.changed" };
  });
}

/**
 * Two-step verification, step 1: a new secret, shown as a QR code on the account page. The account page asks
 * for the password again first (a session left open on someone's desk must not be enough).
 */
export async function startTotpAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    if (!user.hasPassword) throw new AppError("INVALID_INPUT", "auth:totp.noPassword");
    if (secondFactorRequired(user)) throw new AppError("INVALID_INPUT", "auth:setup.useLink");
    await confirmCurrentPassword(user.id, formText(form, "currentPassword", 200));
    await beginEnrolment(user.id);
    refresh(); // the page shows the new secret's QR code
  });
}

/**
 * Step 2: the first code turns it on; the recovery codes come back once. Every other session of the account
 * ends; this one continues as one that used a second factor.
 */
export async function confirmTotpAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    if (secondFactorRequired(user)) throw new AppError("INVALID_INPUT", "auth:setup.useLink");
    const codes = await confirmEnrolment(user.id, formText(form, "code", 20));
    await endSessions(user.id, { except: user.sessionId });
    await startSessionFor(
      user.id,
      user.via === "password" ? "password+totp" : (user.via as SessionVia),
      user.sessionId,
    );
    return { message: "auth:totp.enabled", data: { codes: codes.join(" ") } };
  });
}

/** Turning the factor off takes the password and a current code or a recovery code; other sessions end. */
export async function disableTotpAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    if (secondFactorRequired(user)) throw new AppError("INVALID_INPUT", "auth:totp.requiredCannotDisable");
    await confirmCurrentPassword(user.id, formText(form, "currentPassword", 200));
    await disableSecondFactor(user.id, formText(form, "code", 40));
    await endSessions(user.id, { except: user.sessionId });
    await startSessionFor(
      user.id,
      user.via === "password+totp" ? "password" : (user.via as SessionVia),
      user.sessionId,
    );
    refresh();
    return { message: "auth:totp.disabled" };
  });
}

/** Mails a set-up link for a required second factor to the account's own address. */
export async function sendSetupLinkAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    const sent = await sendSecondFactorSetupLink(user.id, formLocale(form));
    if (sent === "noMail") throw new AppError("INVALID_INPUT", "auth:setup.noMail");
    if (sent === "tooMany") throw new AppError("INVALID_INPUT", "auth:setup.tooMany");
    return { message: "auth:setup.sent" };
  });
}

/**
 * The platform operator gives password and code again before operator actions (app/[locale]/admin): the session
 * counts as freshly signed in for a few minutes (lib/platform/tenants.ts).
 */
export async function reauthenticateAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    if (!user.secondFactor) throw new AppError("INVALID_INPUT", "auth:setup.useLink");
    await confirmCurrentPassword(user.id, formText(form, "currentPassword", 200));
    await verifySecondFactor(user.id, formText(form, "code", 40));
    await markReauthenticated(user.sessionId, "password+totp");
    refresh();
    return { message: "auth:stepUp.done" };
  });
}
