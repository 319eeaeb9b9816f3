import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

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
