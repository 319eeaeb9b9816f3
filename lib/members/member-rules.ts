import "server-only";
import type { TenantContext, Tx } from "../db/tenant.ts";
import type { Role } from "../db/generated/enums.ts";
import { AppError } from "../errors.ts";

/**
 * Locks the tenant's administrator memberships before a role change or removal is checked: two such changes
 * at the same moment (two administrators demoting or removing each other) then run one after the other, and
 * the second sees the first's result instead of both passing the last-administrator check.
 */
export async function lockAdmins(tx: Tx, ctx: TenantContext) {
  await tx.$queryRaw`select id from "Membership" where "tenantId" = ${ctx.tenantId} and role = 'TENANT_ADMIN' for update`;
}

/** How many administrators the tenant has besides this membership. */
export async function otherAdmins(tx: Tx, ctx: TenantContext, membershipId: string) {
  return tx.membership.count({ where: { tenantId: ctx.tenantId, role: "TENANT_ADMIN", id: { not: membershipId } } });
}

/**
 * An administrator who demotes or removes themselves loses the members page at once, with no way back but
 * another administrator: they must say they understand (a ticked checkbox), checked here, not only in the form.
 */
export function checkOwnAdminAccess(
  ctx: TenantContext,
  member: { userId: string; role: Role },
  confirmed: boolean | undefined,
) {
  if (member.userId === ctx.userId && member.role === "TENANT_ADMIN" && !confirmed)
    throw new AppError("INVALID_INPUT", "errors:confirmOwnAdmin", { confirmSelf: "validation.confirmOwnAdmin" });
}

/** A partner viewer belongs to one of the tenant's organisations; other roles to none. */
export async function checkPartnerOrganisation(tx: Tx, ctx: TenantContext, role: Role, organisationId?: string) {
  if (role !== "PARTNER_VIEWER") return null;
  const organisation = organisationId
    ? await tx.organisation.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: organisationId } } })
    : null;
  if (!organisation)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { organisationId: "validation.unknownOrganisation" });
  return organisation.id;
}
