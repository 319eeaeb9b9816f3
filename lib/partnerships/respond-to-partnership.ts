import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type RespondToPartnershipOptions = {
  ctx: TenantContext;
  partnershipId: string;
  answer: "accept" | "decline" | "leave";
};

/** The invited tenant's administrator accepts (joins, not yet sharing) or declines; a member can leave. */
export async function respondToPartnership(options: RespondToPartnershipOptions) {
  const { ctx, partnershipId, answer } = options;
  assertCan(ctx, "settings.manage");
  const from = answer === "leave" ? "ACTIVE" : "INVITED";
  await withTenant(ctx, async (tx) => {
    const { count } = await tx.partnershipMember.updateMany({
      where: { partnershipId, tenantId: ctx.tenantId, status: from },
      data:
        answer === "accept" ? { status: "ACTIVE", joinedAt: new Date() } : { status: "LEFT", sharesIndicators: false },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, { action: `partnership.${answer}`, entityType: "Partnership", entityId: partnershipId });
  });
}
