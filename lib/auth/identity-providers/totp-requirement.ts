import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { TotpRequirementInput } from "./schemas.ts";

/**
 * Whether administrators who sign in with a password must use a second factor (lib/auth/totp.ts). One who has
 * none yet sets it up through a link sent to their address (lib/auth/second-factor-setup.ts), not with the
 * password alone.
 */
export async function setTotpRequirement({ ctx, data }: { ctx: TenantContext; data: TotpRequirementInput }) {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireTotpForAdmins: data.requireTotpForAdmins } });
    await recordAudit(tx, ctx, {
      action: "tenant.totpRequirement",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      details: { required: data.requireTotpForAdmins },
    });
  });
}

export async function getTotpRequirement(ctx: TenantContext): Promise<boolean> {
  assertCan(ctx, "settings.manage");
  return withTenant(
    ctx,
    async (tx) =>
      (await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { requireTotpForAdmins: true } }))
        .requireTotpForAdmins,
  );
}
