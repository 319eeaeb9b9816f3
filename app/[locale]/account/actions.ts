"use server";

import { parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser } from "@/lib/auth/session";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { AppError } from "@/lib/errors";
import { startSessionFor } from "@/lib/auth/start-session";

/** The signed-in user changes their own password; every other session of the account ends. */
export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
    await changePassword({ userId: user.id, data: parseForm(changePasswordSchema, form) });
    // Every session issued before the change is void; this device gets a new one at once.
    await startSessionFor(user.id);
    return { message: "auth:account.changed" };
  });
}
