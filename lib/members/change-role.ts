import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import type { Role } from "../db/generated/enums.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkOwnAdminAccess, checkPartnerOrganisation, lockAdmins, otherAdmins } from "./member-rules.ts";

/**
 * Changes a member's role. A municipality always keeps at least one administrator, and an administrator who
 * gives up their own administration confirms it (`confirmSelf`).
 */
export async function changeRole(options: {
  ctx: TenantContext;
  membershipId: string;
  role: Role;
  organisationId?: string;
  confirmSelf?: boolean;
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
      throw new AppError("CONFLICT", "errors:lastAdmin", { role: "validation.lastAdmin" });
    }
    if (role !== "TENANT_ADMIN") checkOwnAdminAccess(ctx, member, options.confirmSelf);
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
