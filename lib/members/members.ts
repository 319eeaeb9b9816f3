import "server-only";
import { db } from "../db/client.ts";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import type { Role } from "../db/generated/enums.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { env } from "../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hashPassword } from "../auth/password.ts";
import { sendMail } from "../mail/mailer.ts";
import {
  createInvitationToken,
  hashSecret,
  newInvitationSecret,
  readInvitationToken,
  secretMatches,
} from "./invitation-token.ts";

export const INVITATION_DAYS = 7;

export async function listMembers(ctx: TenantContext) {
  assertCan(ctx, "members.manage");
  return withTenant(ctx, async (tx) => {
    const members = await tx.membership.findMany({
      where: { tenantId: ctx.tenantId },
      select: {
        id: true,
        role: true,
        organisationId: true,
        user: { select: { id: true, name: true, email: true } },
        organisation: { select: { name: true } },
      },
    });
    const invitations = await tx.invitation.findMany({
      where: { tenantId: ctx.tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true, email: true, role: true, expiresAt: true, organisation: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    });
    return { members: members.sort((a, b) => a.user.name.localeCompare(b.user.name)), invitations };
  });
}

async function checkPartnerOrganisation(tx: Tx, ctx: TenantContext, role: Role, organisationId?: string) {
  if (role !== "PARTNER_VIEWER") return null;
  const organisation = organisationId
    ? await tx.organisation.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: organisationId } } })
    : null;
  if (!organisation)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { organisationId: "validation.unknownOrganisation" });
  return organisation.id;
}

/**
 * Invites someone by e-mail. The link is signed, expires after a week and works once. With SMTP_URL set it
 * is mailed; without a mail server the administrator gets the link to pass on.
 */
export async function inviteMember(options: {
  ctx: TenantContext & { tenantName: string };
  email: string;
  role: Role;
  organisationId?: string;
  locale: string;
}) {
  const { ctx, email, role, locale } = options;
  assertCan(ctx, "members.manage");
  const { AUTH_SECRET, NEXTAUTH_URL } = env();
  const secret = newInvitationSecret();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
  const invitation = await withTenant(ctx, async (tx) => {
    const organisationId = await checkPartnerOrganisation(tx, ctx, role, options.organisationId);
    const already = await tx.membership.findFirst({
      where: { tenantId: ctx.tenantId, user: { email } },
      select: { id: true },
    });
    if (already) throw new AppError("CONFLICT", "errors:invalidInput", { email: "validation.alreadyMember" });
    const created = await tx.invitation.create({
      data: {
        tenantId: ctx.tenantId,
        email,
        role,
        organisationId,
        secretHash: hashSecret(secret),
        expiresAt,
        invitedById: ctx.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "member.invited",
      entityType: "Invitation",
      entityId: created.id,
      details: { role },
    });
    return created;
  });
  const token = createInvitationToken(
    AUTH_SECRET,
    { tenantId: ctx.tenantId, invitationId: invitation.id, expiresAt },
    secret,
  );
  const link = `${NEXTAUTH_URL.replace(/\/$/, "")}/${locale}/invitation?token=${encodeURIComponent(token)}`;
  const mailed = await sendMail({
    to: email,
    subject: `Samspill: ${ctx.tenantName}`,
    text: `You are invited to ${ctx.tenantName} in Samspill / Du er invitert til ${ctx.tenantName} i Samspill / Du är inbjuden till ${ctx.tenantName} i Samspill:\n\n${link}\n\n(${INVITATION_DAYS} days / dager / dagar)`,
  });
  return { link, mailed, expiresAt };
}

export async function revokeInvitation(options: { ctx: TenantContext; invitationId: string }) {
  const { ctx, invitationId } = options;
  assertCan(ctx, "members.manage");
  return withTenant(ctx, async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { tenantId: ctx.tenantId, id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, {
      action: "member.invitationRevoked",
      entityType: "Invitation",
      entityId: invitationId,
    });
  });
}

/**
 * Locks the tenant's administrator memberships before a role change or removal is checked: two such changes
 * at the same moment (two administrators demoting or removing each other) then run one after the other, and
 * the second sees the first's result instead of both passing the last-administrator check.
 */
async function lockAdmins(tx: Tx, ctx: TenantContext) {
  await tx.$queryRaw`select id from "Membership" where "tenantId" = ${ctx.tenantId} and role = 'TENANT_ADMIN' for update`;
}

async function otherAdmins(tx: Tx, ctx: TenantContext, membershipId: string) {
  return tx.membership.count({ where: { tenantId: ctx.tenantId, role: "TENANT_ADMIN", id: { not: membershipId } } });
}

/** Changes a member's role. A municipality always keeps at least one administrator. */
export async function changeRole(options: {
  ctx: TenantContext;
  membershipId: string;
  role: Role;
  organisationId?: string;
}) {
  const { ctx, membershipId, role } = options;
  assertCan(ctx, "members.manage");
  return withTenant(ctx, async (tx) => {
    await lockAdmins(tx, ctx);
    const member = await tx.membership.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: membershipId } },
    });
    if (!member) throw new AppError("NOT_FOUND", "errors:notFound");
    if (member.role === "TENANT_ADMIN" && role !== "TENANT_ADMIN" && (await otherAdmins(tx, ctx, membershipId)) === 0) {
      throw new AppError("CONFLICT", "errors:invalidInput", { role: "validation.lastAdmin" });
    }
    const organisationId = await checkPartnerOrganisation(tx, ctx, role, options.organisationId);
    await tx.membership.updateMany({
      where: { tenantId: ctx.tenantId, id: membershipId },
      data: { role, organisationId },
    });
    await recordAudit(tx, ctx, {
      action: "member.roleChanged",
      entityType: "Membership",
      entityId: membershipId,
      details: { from: member.role, to: role },
    });
  });
}

/** Removes a member from the municipality (the account itself stays). The last administrator cannot leave. */
export async function removeMember(options: { ctx: TenantContext; membershipId: string }) {
  const { ctx, membershipId } = options;
  assertCan(ctx, "members.manage");
  return withTenant(ctx, async (tx) => {
    await lockAdmins(tx, ctx);
    const member = await tx.membership.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: membershipId } },
    });
    if (!member) throw new AppError("NOT_FOUND", "errors:notFound");
    if (member.role === "TENANT_ADMIN" && (await otherAdmins(tx, ctx, membershipId)) === 0) {
      throw new AppError("CONFLICT", "errors:lastAdmin");
    }
    await tx.membership.deleteMany({ where: { tenantId: ctx.tenantId, id: membershipId } });
    // Their link to the municipality's identity provider goes too: a new invitation links them again.
    await tx.signInIdentity.deleteMany({ where: { tenantId: ctx.tenantId, userId: member.userId } });
    // And every session the municipality's provider started for them ends now, not at its next check.
    await tx.session.updateMany({
      where: { userId: member.userId, via: `oidc:${ctx.tenantId}`, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: "member.removed",
      entityType: "Membership",
      entityId: membershipId,
      details: { userId: member.userId },
    });
  });
}

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

/**
 * The invitation a token names, locked for the rest of the transaction (two acceptances of one link cannot both
 * succeed), or null when it is not this tenant's, is used, revoked or expired, or its secret is not the token's.
 * Accepting with a password and accepting through the municipality's identity provider both read it here.
 */
export async function lockValidInvitation(tx: Tx, tenantId: string, claims: { invitationId: string; secret: string }) {
  const [invitation] = await tx.$queryRaw<
    {
      id: string;
      email: string;
      role: Role;
      organisationId: string | null;
      secretHash: string;
      expiresAt: Date;
      acceptedAt: Date | null;
      revokedAt: Date | null;
    }[]
  >`
    select id, email, role, "organisationId", "secretHash", "expiresAt", "acceptedAt", "revokedAt" from "Invitation"
    where "tenantId" = ${tenantId} and id = ${claims.invitationId} for update`;
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
