"use server";

import { z } from "zod";
import { parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { setIndicatorSharing } from "@/lib/partnerships/partnerships";
import { checkbox, requiredId } from "@/lib/validation";
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
    const logo = form.get("logo");
    await updateTenantSettings({ ctx, data, logo: logo instanceof File ? logo : null, removeLogo: form.get("removeLogo") === "on" });
    return { message: "settings:saved" };
  });
}
