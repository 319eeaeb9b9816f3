"use server";

import { formLocale, parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser } from "@/lib/auth/session";
import { startSessionFor } from "@/lib/auth/start-session";
import { acceptInvitationSchema } from "@/lib/members/schemas";
import { acceptInvitation } from "@/lib/members/accept-invitation";

/**
 * Accepts with the signed-in account, or creates the account; then a session that knows the new membership,
 * and straight into the workspace. A plain form POST, so it works before the page's JavaScript has loaded.
 */
export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const data = parseForm(acceptInvitationSchema, form);
    const user = await currentUser();
    const newAccount = !user && data.name && data.password ? { name: data.name, password: data.password } : undefined;
    const result = await acceptInvitation({ token: data.token, userId: user?.id ?? null, newAccount });
    await startSessionFor(result.userId);
    return { redirectTo: `/${formLocale(form)}/t/${result.tenantSlug}` };
  });
}
