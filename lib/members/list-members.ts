import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

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
