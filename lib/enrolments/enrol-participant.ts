import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { hasActiveConsent, requireParticipant } from "../participants/require-participant.ts";
import type { EnrolInput, ExitEnrolmentInput } from "./schemas.ts";

/** Enrols a participant in a pilot. Without consent to follow-up there is no enrolment. */
export async function enrolParticipant(options: { ctx: TenantContext; participantId: string; data: EnrolInput }) {
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

/** Records the exit from a pilot; a participant with no open enrolment left is completed. */
export async function exitEnrolment(options: {
  ctx: TenantContext;
  participantId: string;
  enrolmentId: string;
  data: ExitEnrolmentInput;
}) {
  const { ctx, participantId, enrolmentId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    const enrolment = await tx.enrolment.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: enrolmentId } },
    });
    if (!enrolment || enrolment.participantId !== participantId) throw new AppError("NOT_FOUND", "errors:notFound");
    if (enrolment.exitDate)
      throw new AppError("CONFLICT", "errors:invalidInput", { exitDate: "validation.alreadyExited" });
    if (data.exitDate < enrolment.startDate)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { exitDate: "validation.exitBeforeStart" });
    await tx.enrolment.updateMany({
      where: { tenantId: ctx.tenantId, id: enrolmentId },
      data: { exitDate: data.exitDate, exitReason: data.exitReason },
    });
    const stillOpen = await tx.enrolment.count({ where: { tenantId: ctx.tenantId, participantId, exitDate: null } });
    if (stillOpen === 0) {
      await tx.participant.updateMany({
        where: { tenantId: ctx.tenantId, id: participantId, status: { in: ["ACTIVE", "PAUSED"] } },
        data: { status: "COMPLETED", version: { increment: 1 } },
      });
    }
    await recordAudit(tx, ctx, {
      action: "enrolment.exited",
      entityType: "Enrolment",
      entityId: enrolmentId,
      participantId,
      details: { exitReason: data.exitReason },
    });
  });
}
