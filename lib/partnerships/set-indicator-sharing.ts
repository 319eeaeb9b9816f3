import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type SetIndicatorSharingOptions = { ctx: TenantContext; partnershipId: string; share: boolean };

/** A tenant administrator opts in to, or out of, sharing the tenant's aggregated figures with a partnership. */
export async function setIndicatorSharing(options: SetIndicatorSharingOptions) {
  const { ctx, partnershipId, share } = options;
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, async (tx) => {
    const { count } = await tx.partnershipMember.updateMany({
      where: { partnershipId, tenantId: ctx.tenantId, status: "ACTIVE" },
      data: { sharesIndicators: share },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, {
      action: share ? "partnership.sharingOn" : "partnership.sharingOff",
      entityType: "Partnership",
      entityId: partnershipId,
    });
  });
}
