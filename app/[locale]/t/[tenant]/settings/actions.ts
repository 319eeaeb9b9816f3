"use server";

import { z } from "zod";
import { formFile, formText, parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import {
  createPartnership,
  invitePartnershipMember,
  respondToPartnership,
  setIndicatorSharing,
} from "@/lib/partnerships/partnerships";
import { checkbox, optionalText, requiredId, requiredText } from "@/lib/validation";
import { tenantSettingsSchema, updateTenantSettings } from "@/lib/tenants/tenant-settings";

const sharingSchema = z.object({ partnershipId: requiredId, share: checkbox });

export async function setSharingAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(sharingSchema, form);
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

const createPartnershipSchema = z.object({
  name: requiredText(160),
  slug: z.string().trim().toLowerCase().max(60, "validation.slug"),
  description: optionalText(1000),
});
const invitePartnerSchema = z.object({
  partnershipId: requiredId,
  tenantSlug: z.string().trim().toLowerCase().min(1, "validation.required").max(63, "validation.unknownMunicipality"),
});
const respondSchema = z.object({ partnershipId: requiredId, answer: z.enum(["accept", "decline", "leave"]) });

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
    const data = parseForm(respondSchema, form);
    await respondToPartnership({ ctx, ...data });
    return { message: `dashboard:partnership.answered.${data.answer}` };
  });
}
