import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import { requireParticipant } from "../participants/require-participant.ts";
import { activityData, checkReferences, guardedUpdate } from "./activity-writes.ts";
import type { UpdateActivityInput } from "./schemas.ts";

export type UpdateActivityOptions = {
  ctx: TenantContext;
  participantId: string;
  activityId: string;
  data: UpdateActivityInput;
};

/** Edits a step; refuses to overwrite a change someone else saved since the form was opened. */
export async function updateActivity(options: UpdateActivityOptions) {
  const { ctx, participantId, activityId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    await checkReferences(tx, ctx, participantId, data);
    const before = await guardedUpdate(tx, ctx, participantId, activityId, data.version, activityData(data));
    const changed = changedFields(before, activityData(data));
    await recordAudit(tx, ctx, {
      action: "activity.updated",
      entityType: "Activity",
      entityId: activityId,
      participantId,
      details: { changed },
    });
  });
}
