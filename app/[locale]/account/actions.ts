"use server";

import { refresh } from "next/cache";
import { formText, parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser } from "@/lib/auth/session";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { AppError } from "@/lib/errors";
import { startSessionFor, type SessionVia } from "@/lib/auth/start-session";
import { beginEnrolment, confirmEnrolment, disableSecondFactor } from "@/lib/auth/totp";

/** The signed-in user changes their own password; every other session of the account ends. */
export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
    await changePassword({ userId: user.id, data: parseForm(changePasswordSchema, form) });
    // Every session issued before the change is void; this device gets a new one at once.
    await startSessionFor(user.id, user.via as SessionVia);
    return { message: "auth:account.changed" };
  });
}

async function signedIn() {
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
  return user;
}

/** Two-step verification, step 1: a new secret, shown as a QR code on the account page. */
export async function startTotpAction(_: ActionState, _form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    await beginEnrolment((await signedIn()).id);
    refresh(); // the page shows the new secret's QR code
  });
}

/**
 * Step 2: the first code turns it on; the recovery codes come back once. This session has just shown a code,
 * so it continues as one that used a second factor.
 */
export async function confirmTotpAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    const codes = await confirmEnrolment(user.id, formText(form, "code", 20));
    if (user.via === "password") await startSessionFor(user.id, "password+totp");
    return { message: "auth:totp.enabled", data: { codes: codes.join(" ") } };
  });
}

export async function disableTotpAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await signedIn();
    await disableSecondFactor(user.id, formText(form, "code", 40));
    if (user.via === "password+totp") await startSessionFor(user.id, "password");
    refresh();
    return { message: "auth:totp.disabled" };
  });
}
