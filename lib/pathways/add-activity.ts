import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireParticipant } from "../participants/require-participant.ts";
import { activityData, checkReferences } from "./activity-writes.ts";
import type { AddActivityInput } from "./schemas.ts";

export type AddActivityOptions = { ctx: TenantContext; participantId: string; data: AddActivityInput };

/** A new step on the participant's pathway. */
export async function addActivity(options: AddActivityOptions) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    await checkReferences(tx, ctx, participantId, data);
    const activity = await tx.activity.create({
      data: { tenantId: ctx.tenantId, participantId, createdById: ctx.userId, ...activityData(data) },
    });
    await recordAudit(tx, ctx, {
      action: "activity.created",
      entityType: "Activity",
      entityId: activity.id,
      participantId,
      details: { type: data.type, status: data.status },
    });
    return activity;
  });
}
