import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { seal } from "../secret-box.ts";
import type { IdentityProviderInput } from "./schemas.ts";

export type SaveProviderOptions = { ctx: TenantContext; data: IdentityProviderInput };

/**
 * Saves the provider. A change of issuer, client or secret turns sign-in through it off until it is tested
 * again: a provider is never live with settings nobody has tried. Links of people to the old issuer's subjects
 * stay with the old issuer (they are keyed by it) and so no longer sign anyone in.
 */
export async function saveProvider({ ctx, data: input }: SaveProviderOptions): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const existing = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!existing && !input.clientSecret)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { clientSecret: "validation.required" });
    const clientSecretEnc = input.clientSecret ? seal(input.clientSecret, ctx.tenantId) : existing!.clientSecretEnc;
    const connectionChanged =
      !existing ||
      existing.issuer !== input.issuer ||
      existing.clientId !== input.clientId ||
      Boolean(input.clientSecret);
    const data = {
      preset: input.preset,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEnc,
      domainRole: input.domainRole,
      roleClaim: input.roleClaim ?? null,
      roleMap: input.roleMap,
      ...(connectionChanged ? { enabled: false, testedAt: null } : {}),
    };
    await tx.identityProvider.upsert({
      where: { tenantId: ctx.tenantId },
      create: { tenantId: ctx.tenantId, ...data },
      update: data,
    });
    if (connectionChanged && existing?.enabled)
      await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireOidc: false } });
    await recordAudit(tx, ctx, {
      action: "identityProvider.saved",
      entityType: "IdentityProvider",
      entityId: ctx.tenantId,
      details: {
        preset: input.preset,
        issuer: input.issuer,
        clientId: input.clientId,
        domainRole: input.domainRole ?? "",
        secretChanged: Boolean(input.clientSecret),
        disabled: connectionChanged && Boolean(existing?.enabled),
      },
    });
  });
}
