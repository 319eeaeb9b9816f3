"use server";

import { formText, parseForm, runTenantAction } from "@/lib/actions/run-action";
import type { ActionState } from "@/lib/actions/state";
import { AppError } from "@/lib/errors";
import { currentUser } from "@/lib/auth/session";
import {
  domainClaimSchema,
  identityProviderSchema,
  providerSwitchSchema,
  totpRequirementSchema,
} from "@/lib/auth/identity-providers/schemas";
import { saveProvider } from "@/lib/auth/identity-providers/save-provider";
import { testProvider } from "@/lib/auth/identity-providers/test-provider";
import { switchProvider } from "@/lib/auth/identity-providers/switch-provider";
import { setTotpRequirement } from "@/lib/auth/identity-providers/totp-requirement";
import { claimDomain } from "@/lib/auth/domains/claim-domain";
import { verifyDomain } from "@/lib/auth/domains/verify-domain";
import { removeDomain } from "@/lib/auth/domains/remove-domain";

export async function saveProviderAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await saveProvider({ ctx, data: parseForm(identityProviderSchema, form) });
    return { message: "settings:oidc.saved" };
  });
}

export async function testProviderAction(tenant: string, _: ActionState, _form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const result = await testProvider({ ctx });
    // What went wrong, in a few translated words; the missing fields of a discovery document are its own names.
    if (!result.ok)
      throw new AppError(
        "INVALID_INPUT",
        `settings:oidc.problem.${result.problem}`,
        undefined,
        result.missing.length ? { detail: result.missing.join(", ") } : undefined,
      );
    return { message: "settings:oidc.testOk" };
  });
}

export async function switchProviderAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const data = parseForm(providerSwitchSchema, form);
    await switchProvider({ ctx, data, via: (await currentUser())?.via ?? "password" });
    return { message: data.enabled ? "settings:oidc.enabledNow" : "settings:oidc.disabledNow" };
  });
}

export async function totpRequirementAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await setTotpRequirement({ ctx, data: parseForm(totpRequirementSchema, form) });
    return { message: "settings:totp.saved" };
  });
}

export async function claimDomainAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    await claimDomain({ ctx, data: parseForm(domainClaimSchema, form) });
    return { message: "settings:domains.claimed" };
  });
}

export async function verifyDomainAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const parsed = domainClaimSchema.safeParse({ domain: formText(form, "domain", 300) });
    if (!parsed.success) throw new AppError("NOT_FOUND", "errors:notFound");
    const result = await verifyDomain({ ctx, domain: parsed.data.domain });
    if (result !== "verified") throw new AppError("INVALID_INPUT", `settings:domains.${result}`);
    return { message: "settings:domains.verified" };
  });
}

export async function removeDomainAction(tenant: string, _: ActionState, form: FormData): Promise<ActionState> {
  return runTenantAction(tenant, "settings.manage", async (ctx) => {
    const parsed = domainClaimSchema.safeParse({ domain: formText(form, "domain", 300) });
    if (!parsed.success) throw new AppError("NOT_FOUND", "errors:notFound");
    await removeDomain({ ctx, domain: parsed.data.domain });
    return { message: "settings:domains.removed" };
  });
}
