"use server";

import { parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser } from "@/lib/auth/session";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { AppError } from "@/lib/errors";

/** The signed-in user changes their own password; every other session of the account ends. */
export async function changePasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
    await changePassword({ userId: user.id, data: parseForm(changePasswordSchema, form) });
    return { message: "auth:account.changed", data: { email: user.email } };
  });
}
