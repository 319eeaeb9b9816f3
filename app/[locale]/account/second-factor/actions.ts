"use server";

import { formLocale, formText, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { AppError } from "@/lib/errors";
import { confirmCurrentPassword } from "@/lib/auth/confirm-password";
import { beginEnrolment, confirmEnrolment } from "@/lib/auth/totp";
import {
  forgetSetupPassword,
  readSecondFactorSetupLink,
  rememberSetupPassword,
  setupPasswordGiven,
  spendSecondFactorSetupLink,
} from "@/lib/auth/second-factor-setup";
import { endSessions } from "@/lib/auth/sessions";
import { startSessionFor } from "@/lib/auth/start-session";
import { auditSignIn } from "@/lib/auth/memberships";

/** Step 1: the link (something the holder has) and the password (something they know): a new secret. */
export async function setupPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const token = formText(form, "token", 4000);
    const link = await readSecondFactorSetupLink(token || undefined);
    if (!link) throw new AppError("INVALID_INPUT", "auth:setup.linkInvalid");
    await confirmCurrentPassword(link.userId, formText(form, "currentPassword", 200));
    await beginEnrolment(link.userId);
    await rememberSetupPassword(link.id);
    return { redirectTo: `/${formLocale(form)}/account/second-factor?token=${encodeURIComponent(token)}` };
  });
}

/**
 * Step 2: the first code turns the factor on and uses the link up. Every session the account had ends; this
 * browser signs in with password and second factor. The recovery codes come back once.
 */
export async function setupConfirmAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const link = await readSecondFactorSetupLink(formText(form, "token", 4000) || undefined);
    if (!link || !(await setupPasswordGiven(link.id))) throw new AppError("INVALID_INPUT", "auth:setup.linkInvalid");
    const codes = await confirmEnrolment(link.userId, formText(form, "code", 20));
    if (!(await spendSecondFactorSetupLink(link))) throw new AppError("INVALID_INPUT", "auth:setup.linkInvalid");
    await forgetSetupPassword();
    await endSessions(link.userId);
    await startSessionFor(link.userId, "password+totp");
    await auditSignIn(link.userId, "auth.signedIn", { method: "password+totp", setup: "link" });
    return { message: "auth:totp.enabled", data: { codes: codes.join(" ") } };
  });
}
