import { db } from "../db/client.ts";
import { withTenant, withUser } from "../db/tenant.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Role } from "../db/generated/enums.ts";

export type MembershipSummary = { tenantId: string; tenantSlug: string; tenantName: string; role: Role; requireOidc: boolean; requireTotpForAdmins: boolean };

/** The tenants a user belongs to (read with the user set for row-level security, no tenant). */
export async function listMemberships(userId: string): Promise<MembershipSummary[]> {
  const rows = await withUser(userId, (tx) =>
    tx.membership.findMany({
      where: { userId, tenant: { status: "ACTIVE" } },
      select: { role: true, tenant: { select: { id: true, slug: true, name: true, requireOidc: true, requireTotpForAdmins: true } } },
      orderBy: { tenant: { name: "asc" } },
    }),
  );
  return rows.map((m) => ({ tenantId: m.tenant.id, tenantSlug: m.tenant.slug, tenantName: m.tenant.name, role: m.role, requireOidc: m.tenant.requireOidc, requireTotpForAdmins: m.tenant.requireTotpForAdmins }));
}

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
