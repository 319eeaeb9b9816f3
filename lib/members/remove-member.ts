import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkOwnAdminAccess, lockAdmins, otherAdmins } from "./member-rules.ts";

/**
 * Removes a member from the municipality (the account itself stays). The last administrator cannot leave; an
 * administrator who leaves confirms it (`confirmSelf`).
 */
export async function removeMember(options: { ctx: TenantContext; membershipId: string; confirmSelf?: boolean }) {
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
    checkOwnAdminAccess(ctx, member, options.confirmSelf);
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
