import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireParticipant } from "../participants/require-participant.ts";
import type { ExitEnrolmentInput } from "./schemas.ts";

export type ExitEnrolmentOptions = {
  ctx: TenantContext;
  participantId: string;
  enrolmentId: string;
  data: ExitEnrolmentInput;
};

/** Records the exit from a pilot; a participant with no open enrolment left is completed. */
export async function exitEnrolment(options: ExitEnrolmentOptions) {
  const { ctx, participantId, enrolmentId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, (tx) => recordExit(tx, ctx, participantId, enrolmentId, data));
}

/**
 * The exit inside the caller's tenant transaction (also the first step of ending a programme,
 * ./end-programme.ts): the enrolment must be the participant's, still open and started before the exit;
 * the exit is written and audited, and a participant with no open enrolment left is completed.
 */
export async function recordExit(
  tx: Tx,
  ctx: TenantContext,
  participantId: string,
  enrolmentId: string,
  data: Pick<ExitEnrolmentInput, "exitDate" | "exitReason">,
): Promise<void> {
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
}
