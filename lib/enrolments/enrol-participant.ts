import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hasActiveConsent, requireParticipant } from "../participants/require-participant.ts";
import type { EnrolInput } from "./schemas.ts";

export type EnrolParticipantOptions = { ctx: TenantContext; participantId: string; data: EnrolInput };

/** Enrols a participant in a pilot. Without consent to follow-up there is no enrolment. */
export async function enrolParticipant(options: EnrolParticipantOptions) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    const participant = await requireParticipant(tx, ctx, participantId);
    if (participant.anonymous || !(await hasActiveConsent(tx, ctx, participantId, "FOLLOW_UP"))) {
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { pilotId: "validation.noFollowUpConsent" });
    }
    const pilot = await tx.pilot.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: data.pilotId } } });
    if (!pilot) throw new AppError("INVALID_INPUT", "errors:invalidInput", { pilotId: "validation.invalid" });
    const open = await tx.enrolment.findFirst({
      where: { tenantId: ctx.tenantId, participantId, pilotId: data.pilotId, exitDate: null },
    });
    if (open) throw new AppError("CONFLICT", "errors:invalidInput", { pilotId: "validation.alreadyEnrolled" });
    const enrolment = await tx.enrolment.create({
      data: { tenantId: ctx.tenantId, participantId, pilotId: data.pilotId, startDate: data.startDate },
    });
    if (participant.status !== "ACTIVE") {
      await tx.participant.updateMany({
        where: { tenantId: ctx.tenantId, id: participantId },
        data: { status: "ACTIVE", version: { increment: 1 } },
      });
    }
    await recordAudit(tx, ctx, {
      action: "enrolment.created",
      entityType: "Enrolment",
      entityId: enrolment.id,
      participantId,
      details: { pilotId: data.pilotId },
    });
    return enrolment;
  });
}
