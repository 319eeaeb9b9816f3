import "server-only";
import { z } from "zod";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type InvitePartnershipMemberOptions = { ctx: TenantContext; partnershipId: string; tenantSlug: string };

/** The database function's answer (migration 20261201152758_disclosure_control). */
const inviteResult = z.tuple([
  z.object({ result: z.enum(["invited", "not_member", "unknown_tenant", "already_member"]) }),
]);

/**
 * Invites another municipality (in Norway or Sweden) by its address; its administrator accepts or declines.
 * The invitation row belongs to the invited tenant, so it is written by the database's one narrow path for
 * that (samspill_invite_partnership_member: the inviter must be an active member), in the same transaction
 * as the audit event.
 */
export async function invitePartnershipMember(options: InvitePartnershipMemberOptions) {
  const { ctx, partnershipId, tenantSlug } = options;
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<unknown[]>`
      select samspill_invite_partnership_member(${partnershipId}, ${tenantSlug}) as result`;
    const [{ result }] = inviteResult.parse(rows);
    if (result === "not_member") throw new AppError("NOT_FOUND", "errors:notFound");
    if (result === "unknown_tenant")
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { tenantSlug: "validation.unknownMunicipality" });
    if (result === "already_member")
      throw new AppError("CONFLICT", "errors:invalidInput", { tenantSlug: "validation.alreadyInPartnership" });
    await recordAudit(tx, ctx, {
      action: "partnership.invited",
      entityType: "Partnership",
      entityId: partnershipId,
      details: { tenantSlug: tenantSlug.trim().toLowerCase() },
    });
  });
}
