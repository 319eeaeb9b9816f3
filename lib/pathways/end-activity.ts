import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AppError } from "../errors.ts";
import { requireParticipant } from "../participants/require-participant.ts";
import { guardedUpdate } from "./activity-writes.ts";
import type { EndActivityInput } from "./schemas.ts";

export type EndActivityOptions = {
  ctx: TenantContext;
  participantId: string;
  activityId: string;
  data: EndActivityInput;
};

/** Ends a step: completed or interrupted, on a date not before it started. */
export async function endActivity(options: EndActivityOptions) {
  const { ctx, participantId, activityId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    const current = await tx.activity.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: activityId } },
    });
    if (!current || current.participantId !== participantId) throw new AppError("NOT_FOUND", "errors:notFound");
    if (data.endDate < current.startDate)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { endDate: "validation.endBeforeStart" });
    await guardedUpdate(tx, ctx, participantId, activityId, data.version, {
      status: data.status,
      endDate: data.endDate,
    });
    await recordAudit(tx, ctx, {
      action: "activity.ended",
      entityType: "Activity",
      entityId: activityId,
      participantId,
      details: { status: data.status },
    });
  });
}
