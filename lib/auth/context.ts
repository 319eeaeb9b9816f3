import { cache } from "react";
import { db } from "../db/client.ts";
import { withUser, type TenantContext } from "../db/tenant.ts";

export type ResolvedTenant = TenantContext & { tenantName: string; defaultLocale: string; country: string };

/**
 * Resolves who acts for which tenant, once per request: the tenant by slug and the user's membership in it.
 * Null when the tenant does not exist, is not active, or the user is not a member — all the same to the
 * caller (a 404), so a tenant's existence does not leak.
 */
export const resolveTenantContext = cache(async (userId: string, slug: string): Promise<ResolvedTenant | null> => {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  const tenant = await db().tenant.findUnique({ where: { slug } });
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const membership = await withUser(userId, (tx) =>
    tx.membership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId } } }),
  );
  if (!membership) return null;
  return {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    defaultLocale: tenant.defaultLocale,
    country: tenant.country,
    userId,
    role: membership.role,
    organisationId: membership.organisationId,
  };
});
