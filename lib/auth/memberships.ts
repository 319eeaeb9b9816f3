import { cache } from "react";
import { db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Role } from "../db/generated/enums.ts";

export type MembershipSummary = {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  defaultLocale: string;
  country: string;
  role: Role;
  organisationId: string | null;
  requireOidc: boolean;
  requireTotpForAdmins: boolean;
};

/** The account as every signed-in request checks it, with its memberships in active tenants. */
export type Account = {
  id: string;
  name: string;
  email: string;
  /** When its password was last set (ms since epoch): a session issued before then is void. */
  passwordChangedAt: number;
  memberships: MembershipSummary[];
};

/**
 * The account with this id and the tenants it belongs to, or null: one statement, `samspill_account` (see its
 * migration), which sets the user for row-level security on memberships itself, as withUser() would. Once per
 * request: the session check (lib/auth/session.ts), the tenant context (lib/auth/context.ts) and the workspace
 * layout's tenant switcher all read it.
 */
export const readAccount = cache(async (userId: string): Promise<Account | null> => {
  const [row] = await db().$queryRaw<{ account: Account | null }[]>`select samspill_account(${userId}) as account`;
  return row?.account ?? null;
});

/** The tenants a user belongs to, ordered by name (the tenant switcher, sign-in's audit, the session's claims). */
export async function listMemberships(userId: string): Promise<MembershipSummary[]> {
  return (await readAccount(userId))?.memberships ?? [];
}

export async function findUser(userId: string) {
  return db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true } });
}

/**
 * Writes a sign-in event (success, failure, refusal) into the audit log of each tenant the account belongs
 * to (or of `memberships`, when the caller has them already): each administrator sees the sign-ins of their
 * own members, and no tenant sees another's.
 */
export async function auditSignIn(
  userId: string,
  action: string,
  details: Record<string, string>,
  memberships?: MembershipSummary[],
): Promise<void> {
  for (const m of memberships ?? (await listMemberships(userId))) {
    await withTenant({ tenantId: m.tenantId, userId }, (tx) =>
      recordAudit(tx, { tenantId: m.tenantId, userId }, { action, entityType: "User", entityId: userId, details }),
    );
  }
}
