import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireOrganisation, requireParticipant } from "../participants/require-participant.ts";
import type { RecordOutcomeInput } from "./schemas.ts";

export type RecordOutcomeOptions = { ctx: TenantContext; participantId: string; data: RecordOutcomeInput };

/**
 * Records the participant's status at a point (at exit, +3, +6, +12 months). Recording the same point again
 * corrects it; the audit log keeps both.
 */
export async function recordOutcome(options: RecordOutcomeOptions) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    const enrolment = await tx.enrolment.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: data.enrolmentId } },
    });
    if (!enrolment || enrolment.participantId !== participantId) {
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { enrolmentId: "validation.invalid" });
    }
    if (!enrolment.exitDate)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { enrolmentId: "validation.notExited" });
    if (data.observedAt < enrolment.exitDate)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { observedAt: "validation.beforeExit" });
    if (data.organisationId) await requireOrganisation(tx, ctx, data.organisationId);
    const values = {
      status: data.status,
      workingTime: data.workingTime ?? null,
      organisationId: data.organisationId ?? null,
      observedAt: data.observedAt,
      note: data.note ?? null,
    };
    const outcome = await tx.outcome.upsert({
      where: {
        tenantId_enrolmentId_point: { tenantId: ctx.tenantId, enrolmentId: data.enrolmentId, point: data.point },
      },
      create: {
        tenantId: ctx.tenantId,
        participantId,
        enrolmentId: data.enrolmentId,
        point: data.point,
        createdById: ctx.userId,
        ...values,
      },
      update: values,
    });
    await recordAudit(tx, ctx, {
      action: "outcome.recorded",
      entityType: "Outcome",
      entityId: outcome.id,
      participantId,
      details: { point: data.point, status: data.status },
    });
    return outcome;
  });
}
