import "server-only";
import { cache } from "react";
import type { TenantContext } from "../db/tenant.ts";
import { listMemberships } from "./memberships.ts";

export type ResolvedTenant = TenantContext & { tenantName: string; defaultLocale: string; country: string };

/**
 * Whether a session started this way opens this membership. A session from a tenant's identity provider opens
 * that tenant only (a provider vouches for its own staff, never for another tenant's); a password session
 * opens every membership except staff of a tenant that requires its identity provider, and administrators of
 * a tenant that requires a second factor unless the session used one ("password+totp").
 */
export function sessionOpens(
  via: string,
  tenant: { id: string; requireOidc: boolean; requireTotpForAdmins?: boolean },
  role: string,
): boolean {
  if (via.startsWith("oidc:")) return via === `oidc:${tenant.id}`;
  if (tenant.requireOidc && role !== "PARTNER_VIEWER") return false;
  // Administrators of a tenant that requires a second factor: only a password session that used one.
  return !(tenant.requireTotpForAdmins && role === "TENANT_ADMIN" && via !== "password+totp");
}

/** The user's membership in the active tenant with this slug, with the tenant's sign-in rules, or null. */
async function membershipBySlug(userId: string, slug: string) {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  // The user's memberships in active tenants (one statement per request, shared with the session check and the
  // layout's tenant switcher).
  const membership = (await listMemberships(userId)).find((m) => m.tenantSlug === slug);
  return membership
    ? {
        ...membership,
        tenant: {
          id: membership.tenantId,
          requireOidc: membership.requireOidc,
          requireTotpForAdmins: membership.requireTotpForAdmins,
        },
      }
    : null;
}

/**
 * Resolves who acts for which tenant, once per request: the tenant by slug and the user's membership in it.
 * Null when the tenant does not exist, is not active, the user is not a member, or the session's sign-in
 * does not open this tenant (sessionOpens) — all the same to the caller (a 404), so a tenant's existence
 * does not leak. Pages tell a member who must sign in another way where to go (lib/auth/tenant-page.ts).
 */
export const resolveTenantContext = cache(
  async (userId: string, slug: string, via = "password"): Promise<ResolvedTenant | null> => {
    const membership = await membershipBySlug(userId, slug);
    if (!membership || !sessionOpens(via, membership.tenant, membership.role)) return null;
    return {
      tenantId: membership.tenantId,
      tenantSlug: membership.tenantSlug,
      tenantName: membership.tenantName,
      defaultLocale: membership.defaultLocale,
      country: membership.country,
      userId,
      role: membership.role,
      organisationId: membership.organisationId,
    };
  },
);

/**
 * For a member whose session does not open this tenant: sign in through its identity provider ("oidc"), or
 * with a password ("password"); null when the user is simply not a member.
 */
export async function signInNeededFor(
  userId: string,
  slug: string,
  via: string,
): Promise<"oidc" | "password" | "totp" | null> {
  const membership = await membershipBySlug(userId, slug);
  if (!membership || sessionOpens(via, membership.tenant, membership.role)) return null;
  const tenant = membership.tenant;
  if (tenant.requireOidc && membership.role !== "PARTNER_VIEWER") return "oidc";
  return via === "password" && tenant.requireTotpForAdmins && membership.role === "TENANT_ADMIN" ? "totp" : "password";
}
