import "server-only";
import { cache } from "react";
import { z } from "zod";
import { db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { Role } from "../db/generated/enums.ts";

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

/** The session as every signed-in request checks it: its account and the account's memberships. */
export type Account = {
  id: string;
  name: string;
  email: string;
  /** When its password was last set (ms since epoch): a session issued before then is void. */
  passwordChangedAt: number;
  platformAdmin: boolean;
  hasPassword: boolean;
  /** Whether the account has a second factor (TOTP) turned on. */
  secondFactor: boolean;
  session: { id: string; via: string; authAt: number; expiresAt: number };
  memberships: MembershipSummary[];
};

/** One element of `samspill_memberships`' JSON array (see its migration, 20261204165549_account_ownership). */
const membershipSummary: z.ZodType<MembershipSummary> = z.object({
  tenantId: z.string(),
  tenantSlug: z.string(),
  tenantName: z.string(),
  defaultLocale: z.string(),
  country: z.string(),
  role: z.enum(Role),
  organisationId: z.string().nullable(),
  requireOidc: z.boolean(),
  requireTotpForAdmins: z.boolean(),
});

/** `samspill_session`'s JSON object, or null when there is no live session (same migration). */
const accountJson: z.ZodType<Account | null> = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    passwordChangedAt: z.number(),
    platformAdmin: z.boolean(),
    hasPassword: z.boolean(),
    secondFactor: z.boolean(),
    session: z.object({ id: z.string(), via: z.string(), authAt: z.number(), expiresAt: z.number() }),
    memberships: z.array(membershipSummary),
  })
  .nullable();

const sessionRows = z.array(z.object({ account: accountJson }));
const membershipRows = z.array(z.object({ memberships: z.array(membershipSummary) }));

/** Memberships read during this request, by user: the session's one statement fills it (React's per-request cache). */
const readThisRequest = cache(() => new Map<string, MembershipSummary[]>());

/**
 * The session with this id of the account with this id — not ended, not past its absolute lifetime — with the
 * account and its memberships in active tenants, or null: one statement, `samspill_session` (see its
 * migration), which sets the user for row-level security on memberships itself and leaves the connection's
 * user as it found it. Once per request: the session check (lib/auth/session.ts), the tenant context
 * (lib/auth/context.ts) and the workspace layout's tenant switcher all read it.
 */
export const readSession = cache(async (userId: string, sessionId: string): Promise<Account | null> => {
  const rows = await db().$queryRaw<unknown[]>`
    select samspill_session(${userId}, ${sessionId}) as account`;
  const [row] = sessionRows.parse(rows);
  const account = row?.account ?? null;
  if (account) readThisRequest().set(account.id, account.memberships);
  return account;
});

/**
 * The tenants a user belongs to, ordered by name (the tenant switcher, sign-in's audit): what this request's
 * session read found when it is this user's, else one statement.
 */
export const listMemberships = cache(async (userId: string): Promise<MembershipSummary[]> => {
  const known = readThisRequest().get(userId);
  if (known) return known;
  const rows = await db().$queryRaw<unknown[]>`
    select samspill_memberships(${userId}) as memberships`;
  const [row] = membershipRows.parse(rows);
  return row?.memberships ?? [];
});

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
