"use server";

import { parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { isLocale } from "@/lib/i18n/settings";
import { changeRoleSchema, inviteSchema, removeMemberSchema, revokeInvitationSchema } from "@/lib/members/schemas";
import { changeRole } from "@/lib/members/change-role";
import { inviteMember } from "@/lib/members/invite-member";
import { removeMember } from "@/lib/members/remove-member";
import { revokeInvitation } from "@/lib/members/revoke-invitation";

export async function inviteAction(
  locale: string,
  tenant: string,
  _: ActionState,
  form: FormData,
): Promise<ActionState> {
  return runTenantAction(tenant, "members.manage", async (ctx) => {
    const data = parseForm(inviteSchema, form);
    const { link, mailed } = await inviteMember({ ctx, ...data, locale: isLocale(locale) ? locale : "en" });
    // The link is shown either way: mailed or not, the administrator may pass it on another way too.
    return {
      message: mailed ? "members:invitationMailed" : "members:invitationCreated",
      data: { link, mailed: mailed ? "1" : "" },
    };
  });
}

export async function revokeInvitationAction(tenant: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "members.manage", async (ctx) => {
    await revokeInvitation({ ctx, ...parseForm(revokeInvitationSchema, form) });
    return { message: "members:invitationRevoked" };
  });
}

export async function changeRoleAction(tenant: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "members.manage", async (ctx) => {
    await changeRole({ ctx, ...parseForm(changeRoleSchema, form) });
    return { message: "members:roleChanged" };
  });
}

export async function removeMemberAction(tenant: string, _: ActionState, form: FormData) {
  return runTenantAction(tenant, "members.manage", async (ctx) => {
    await removeMember({ ctx, ...parseForm(removeMemberSchema, form) });
    return { message: "members:removed" };
  });
}
