import "server-only";
import { db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { env } from "../env.ts";
import { readInvitationToken, secretMatches } from "./invitation-token.ts";

/** What an invitation link offers, for its landing page; null when the link is invalid, used or expired. */
export async function describeInvitation(token: string) {
  const claims = readInvitationToken(env().AUTH_SECRET, token);
  if (!claims) return null;
  const tenant = await db().tenant.findUnique({
    where: { id: claims.tenantId },
    select: { id: true, name: true, slug: true, status: true },
  });
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const [invitation, provider] = await withTenant({ tenantId: tenant.id }, (tx) =>
    Promise.all([
      tx.invitation.findUnique({ where: { tenantId_id: { tenantId: tenant.id, id: claims.invitationId } } }),
      tx.identityProvider.findUnique({ where: { tenantId: tenant.id }, select: { enabled: true } }),
    ]),
  );
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt <= new Date() ||
    !secretMatches(claims.secret, invitation.secretHash)
  )
    return null;
  const account = await db().user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  // Staff can accept through the municipality's own provider when it has one turned on.
  const viaProvider = !!provider?.enabled && invitation.role !== "PARTNER_VIEWER";
  return { tenant, email: invitation.email, role: invitation.role, hasAccount: !!account, viaProvider };
}
