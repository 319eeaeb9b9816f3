"use server";

import { parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { currentUser } from "@/lib/auth/session";
import { acceptInvitationSchema } from "@/lib/members/schemas";
import { acceptInvitation } from "@/lib/members/members";

export async function acceptInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const data = parseForm(acceptInvitationSchema, form);
    const user = await currentUser();
    const newAccount = !user && data.name && data.password ? { name: data.name, password: data.password } : undefined;
    const result = await acceptInvitation({ token: data.token, userId: user?.id ?? null, newAccount });
    return { data: { tenantSlug: result.tenantSlug, email: result.email, newAccount: newAccount ? "1" : "" } };
  });
}
