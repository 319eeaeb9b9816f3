import "server-only";
import { checkPartnerOrganisation } from "./member-rules.ts";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import type { Role } from "../db/generated/enums.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { env } from "../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { sendMail } from "../mail/mailer.ts";
import { createInvitationToken, hashSecret, newInvitationSecret } from "./invitation-token.ts";

export const INVITATION_DAYS = 7;

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
