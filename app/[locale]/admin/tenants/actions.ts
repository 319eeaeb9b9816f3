"use server";

import { refresh } from "next/cache";
import { parseForm, runPublicAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { AppError } from "@/lib/errors";
import { currentUser } from "@/lib/auth/session";
import { decideTenant } from "@/lib/platform/tenants";
import { decideTenantSchema } from "@/lib/platform/schemas";

export async function decideTenantAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runPublicAction(async () => {
    const user = await currentUser();
    if (!user) throw new AppError("NOT_FOUND", "errors:notFound");
    const data = parseForm(decideTenantSchema, form);
    await decideTenant(user, data.tenantId, data.approve);
    refresh();
    return { message: data.approve ? "settings:platform.approved" : "settings:platform.rejected" };
  });
}
