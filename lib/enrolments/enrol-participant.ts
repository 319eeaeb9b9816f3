import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { mayFollowUp, requireParticipant } from "../participants/require-participant.ts";
import type { LegalBasisValue } from "../participants/schemas.ts";
import type { EnrolInput } from "./schemas.ts";

export type EnrolParticipantOptions = { ctx: TenantContext; participantId: string; data: EnrolInput };

/**
 * Enrols a participant in a pilot. Without consent to follow-up or a statutory basis there is no enrolment:
 * an enrolment is followed up after the exit.
 */
export async function enrolParticipant(options: EnrolParticipantOptions) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => enrolInTx(tx, ctx, await requireParticipant(tx, ctx, participantId), data));
}

/** The enrolment inside a caller's transaction (registration enrols in the same one); errors name `field`. */
export async function enrolInTx(
  tx: Tx,
  ctx: TenantContext,
  participant: { id: string; anonymous: boolean; legalBasis: LegalBasisValue | null; status: string },
  data: EnrolInput,
  field = "pilotId",
) {
  const participantId = participant.id;
  if (!(await mayFollowUp(tx, ctx, participant))) {
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.noFollowUpConsent" });
  }
  const pilot = await tx.pilot.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: data.pilotId } } });
  if (!pilot) throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.invalid" });
  const open = await tx.enrolment.findFirst({
    where: { tenantId: ctx.tenantId, participantId, pilotId: data.pilotId, exitDate: null },
  });
  if (open) throw new AppError("CONFLICT", "errors:invalidInput", { [field]: "validation.alreadyEnrolled" });
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
  return { ...enrolment, pilotName: pilot.name };
}
