import { cache } from "react";
import { db } from "../db/client.ts";
import { withTenant, withUser } from "../db/tenant.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Role } from "../db/generated/enums.ts";

export type MembershipSummary = {
  tenantId: string; tenantSlug: string; tenantName: string; defaultLocale: string; country: string; role: Role; organisationId: string | null;
  requireOidc: boolean; requireTotpForAdmins: boolean;
};

/**
 * The tenants a user belongs to (read with the user set for row-level security, no tenant). Once per request:
 * the workspace layout lists them in its switcher, and the tenant context of the same request is one of them
 * (lib/auth/context.ts), so a signed-in page reads the user's memberships in one transaction.
 */
export const listMemberships = cache(async (userId: string): Promise<MembershipSummary[]> => {
  const rows = await withUser(userId, (tx) =>
    tx.membership.findMany({
      where: { userId, tenant: { status: "ACTIVE" } },
      select: {
        role: true, organisationId: true,
        tenant: { select: { id: true, slug: true, name: true, defaultLocale: true, country: true, requireOidc: true, requireTotpForAdmins: true } },
      },
      orderBy: { tenant: { name: "asc" } },
    }),
  );
  return rows.map((m) => ({
    tenantId: m.tenant.id, tenantSlug: m.tenant.slug, tenantName: m.tenant.name, defaultLocale: m.tenant.defaultLocale, country: m.tenant.country,
    role: m.role, organisationId: m.organisationId, requireOidc: m.tenant.requireOidc, requireTotpForAdmins: m.tenant.requireTotpForAdmins,
  }));
});

export async function findUser(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
}

/**
 * Writes a sign-in event (success, failure, refusal) into the audit log of each tenant the account belongs
 * to (or of `memberships`, when the caller has them already): each administrator sees the sign-ins of their
 * own members, and no tenant sees another's.
 */
export async function auditSignIn(userId: string, action: string, details: Record<string, string>, memberships?: MembershipSummary[]): Promise<void> {
  for (const m of memberships ?? (await listMemberships(userId))) {
    await withTenant({ tenantId: m.tenantId, userId }, (tx) =>
      recordAudit(tx, { tenantId: m.tenantId, userId }, { action, entityType: "User", entityId: userId, details }),
    );
  }
}
