import { db } from "../db/client.ts";
import { withUser } from "../db/tenant.ts";
import type { Role } from "../db/generated/enums.ts";

export type MembershipSummary = { tenantId: string; tenantSlug: string; tenantName: string; role: Role };

/** The tenants a user belongs to (read with the user set for row-level security, no tenant). */
export async function listMemberships(userId: string): Promise<MembershipSummary[]> {
  const rows = await withUser(userId, (tx) =>
    tx.membership.findMany({
      where: { userId, tenant: { status: "ACTIVE" } },
      select: { role: true, tenant: { select: { id: true, slug: true, name: true } } },
      orderBy: { tenant: { name: "asc" } },
    }),
  );
  return rows.map((m) => ({ tenantId: m.tenant.id, tenantSlug: m.tenant.slug, tenantName: m.tenant.name, role: m.role }));
}

export async function findUser(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
}
