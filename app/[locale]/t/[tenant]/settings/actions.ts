"use server";

import { formFile, formText, parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { createPartnership } from "@/lib/partnerships/create-partnership";
import { invitePartnershipMember } from "@/lib/partnerships/invite-partnership-member";
import { respondToPartnership } from "@/lib/partnerships/respond-to-partnership";
import { setIndicatorSharing } from "@/lib/partnerships/set-indicator-sharing";
import {
  createPartnershipSchema,
  indicatorSharingSchema,
  invitePartnerSchema,
  respondPartnershipSchema,
} from "@/lib/partnerships/schemas";
import { updateTenantSettings } from "@/lib/tenants/tenant-settings";
import { tenantSettingsSchema } from "@/lib/tenants/schemas";

export async function setSharingAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(indicatorSharingSchema, form);
    await setIndicatorSharing({ ctx, partnershipId: data.partnershipId, share: data.share });
    return { message: data.share ? "dashboard:partnership.sharingOn" : "dashboard:partnership.sharingOff" };
  });
}

export async function updateSettingsAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(tenantSettingsSchema, form);
    await updateTenantSettings({
      ctx,
      data,
      logo: formFile(form, "logo"),
      removeLogo: formText(form, "removeLogo") === "on",
    });
    return { message: "settings:saved" };
  });
}

export async function createPartnershipAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await createPartnership({ ctx, ...parseForm(createPartnershipSchema, form) });
    return { message: "dashboard:partnership.created" };
  });
}

export async function invitePartnerAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await invitePartnershipMember({ ctx, ...parseForm(invitePartnerSchema, form) });
    return { message: "dashboard:partnership.invited" };
  });
}

export async function respondPartnershipAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(respondPartnershipSchema, form);
    await respondToPartnership({ ctx, ...data });
    return { message: `dashboard:partnership.answered.${data.answer}` };
  });
}
