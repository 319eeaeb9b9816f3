"use server";

import { parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { AppError } from "@/lib/errors";
import { currentUser } from "@/lib/auth/session";
import {
  identityProviderSchema,
  providerSwitchSchema,
  saveProvider,
  setTotpRequirement,
  switchProvider,
  testProvider,
  totpRequirementSchema,
} from "@/lib/auth/identity-providers";

export async function saveProviderAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await saveProvider(ctx, parseForm(identityProviderSchema, form));
    return { message: "settings:oidc.saved" };
  });
}

export async function testProviderAction(tenant: string, _: ActionState, _form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const result = await testProvider(ctx);
    if (!result.ok)
      throw new AppError("INVALID_INPUT", "settings:oidc.testFailed", undefined, { detail: result.problem });
    return { message: "settings:oidc.testOk" };
  });
}

export async function switchProviderAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(providerSwitchSchema, form);
    await switchProvider(ctx, data, (await currentUser())?.via ?? "password");
    return { message: data.enabled ? "settings:oidc.enabledNow" : "settings:oidc.disabledNow" };
  });
}

export async function totpRequirementAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await setTotpRequirement(ctx, parseForm(totpRequirementSchema, form));
    return { message: "settings:totp.saved" };
  });
}
