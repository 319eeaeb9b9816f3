import "server-only";
import { z } from "zod";
import { db } from "../db/client.ts";
import { withTenant, type Tx } from "../db/tenant.ts";
import { Role } from "../db/generated/enums.ts";
import { AppError } from "../errors.ts";
import { env } from "../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hashPassword } from "../auth/password.ts";
import { readInvitationToken, secretMatches } from "./invitation-token.ts";

const lockedInvitationRow = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(Role),
  organisationId: z.string().nullable(),
  secretHash: z.string(),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

/**
 * The invitation a token names, locked for the rest of the transaction (two acceptances of one link cannot both
 * succeed), or null when it is not this tenant's, is used, revoked or expired, or its secret is not the token's.
 * Accepting with a password and accepting through the municipality's identity provider both read it here.
 */
export async function lockValidInvitation(tx: Tx, tenantId: string, claims: { invitationId: string; secret: string }) {
  const rows = await tx.$queryRaw<unknown[]>`
    select id, email, role, "organisationId", "secretHash", "expiresAt", "acceptedAt", "revokedAt" from "Invitation"
    where "tenantId" = ${tenantId} and id = ${claims.invitationId} for update`;
  const [invitation] = z.array(lockedInvitationRow).parse(rows);
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt <= new Date() ||
    !secretMatches(claims.secret, invitation.secretHash)
  )
    return null;
  return invitation;
}

/**
 * Accepts an invitation: adds the membership to the signed-in user's account (whose e-mail must be the
 * invited one), or creates the account. Used links, revoked links, expired links and links of another
 * tenant are all simply invalid.
 */
export async function acceptInvitation(options: {
  token: string;
  userId: string | null;
  newAccount?: { name: string; password: string };
}) {
  const claims = readInvitationToken(env().AUTH_SECRET, options.token);
  if (!claims) throw new AppError("INVALID_INPUT", "errors:invitationInvalid");
  const tenant = await db().tenant.findUnique({
    where: { id: claims.tenantId },
    select: { id: true, slug: true, status: true },
  });
  if (!tenant || tenant.status !== "ACTIVE") throw new AppError("INVALID_INPUT", "errors:invitationInvalid");
  const passwordHash = options.newAccount ? await hashPassword(options.newAccount.password) : null;
  return withTenant({ tenantId: tenant.id }, async (tx) => {
    const invitation = await lockValidInvitation(tx, tenant.id, claims);
    if (!invitation) throw new AppError("INVALID_INPUT", "errors:invitationInvalid");
    let userId = options.userId;
    if (userId) {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
      if (!user || user.email !== invitation.email)
        throw new AppError("INVALID_INPUT", "errors:invitationOtherAccount");
    } else {
      if (!options.newAccount || !passwordHash)
        throw new AppError("INVALID_INPUT", "errors:invalidInput", {
          name: "validation.required",
          password: "validation.required",
        });
      if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))
        throw new AppError("INVALID_INPUT", "errors:invitationSignInFirst");
      userId = (
        await tx.user.create({ data: { email: invitation.email, name: options.newAccount.name, passwordHash } })
      ).id;
    }
    const existing = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: tenant.id, userId } } });
    if (!existing) {
      await tx.membership.create({
        data: { tenantId: tenant.id, userId, role: invitation.role, organisationId: invitation.organisationId },
      });
    }
    await tx.invitation.updateMany({
      where: { tenantId: tenant.id, id: invitation.id },
      data: { acceptedAt: new Date(), acceptedById: userId },
    });
    await recordAudit(
      tx,
      { tenantId: tenant.id, userId },
      {
        action: "member.joined",
        entityType: "Invitation",
        entityId: invitation.id,
        details: { role: invitation.role },
      },
    );
    return { tenantSlug: tenant.slug, email: invitation.email, userId };
  });
}
