import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { presetOf, type Preset } from "./presets.ts";

/** What the settings page shows: never the secret, only whether one is stored. */
export type ProviderSettings = {
  preset: Preset;
  issuer: string;
  clientId: string;
  secretStored: boolean;
  domainRole: string | null;
  roleClaim: string | null;
  roleMap: Record<string, string>;
  enabled: boolean;
  testedAt: Date | null;
  requireOidc: boolean;
};

export async function getProviderSettings(ctx: TenantContext): Promise<ProviderSettings | null> {
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, async (tx) => {
    const p = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!p) return null;
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { requireOidc: true } });
    return {
      preset: presetOf(p.preset),
      issuer: p.issuer,
      clientId: p.clientId,
      secretStored: Boolean(p.clientSecretEnc),
      domainRole: p.domainRole,
      roleClaim: p.roleClaim,
      roleMap: (p.roleMap ?? {}) as Record<string, string>,
      enabled: p.enabled,
      testedAt: p.testedAt,
      requireOidc: tenant.requireOidc,
    };
  });
}
