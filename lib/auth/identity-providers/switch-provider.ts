import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { ProviderSwitchInput } from "./schemas.ts";

export type SwitchProviderOptions = { ctx: TenantContext; data: ProviderSwitchInput; via: string };

/**
 * Turns sign-in through the provider on or off, and whether staff must use it. Only a tested provider goes on,
 * and only an administrator signed in through it (`via`, lib/auth/sessions.ts) can require it: nobody
 * locks the municipality out with a provider that does not let them in.
 */
export async function switchProvider({ ctx, data: input, via }: SwitchProviderOptions): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const row = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!row) throw new AppError("NOT_FOUND", "errors:notFound");
    if (input.enabled && !row.testedAt) throw new AppError("INVALID_INPUT", "settings:oidc.testFirst");
    const requireOidc = input.enabled && input.requireOidc;
    if (requireOidc && via !== `oidc:${ctx.tenantId}`) throw new AppError("INVALID_INPUT", "settings:oidc.signInFirst");
    await tx.identityProvider.update({ where: { tenantId: ctx.tenantId }, data: { enabled: input.enabled } });
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireOidc } });
    await recordAudit(tx, ctx, {
      action: input.enabled ? "identityProvider.enabled" : "identityProvider.disabled",
      entityType: "IdentityProvider",
      entityId: ctx.tenantId,
      details: { requireOidc },
    });
  });
}
