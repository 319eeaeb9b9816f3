import "server-only";
import type { TenantContext, Tx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { requireOrganisation } from "../participants/require-participant.ts";
import type { AddActivityInput } from "./schemas.ts";

// What adding, editing and ending a step share: the checks on what a step refers to, the columns it writes,
// and the versioned update that refuses to overwrite someone else's change.

/** The step's organisation and enrolment, when given, are this tenant's and (the enrolment) this participant's. */
export async function checkReferences(
  tx: Tx,
  ctx: TenantContext,
  participantId: string,
  data: { organisationId?: string; enrolmentId?: string },
) {
  if (data.organisationId) await requireOrganisation(tx, ctx, data.organisationId);
  if (data.enrolmentId) {
    const enrolment = await tx.enrolment.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: data.enrolmentId } },
    });
    if (!enrolment || enrolment.participantId !== participantId) {
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { enrolmentId: "validation.invalid" });
    }
  }
}

export function activityData(data: AddActivityInput) {
  return {
    type: data.type,
    status: data.status,
    organisationId: data.organisationId ?? null,
    enrolmentId: data.enrolmentId ?? null,
    startDate: data.startDate,
    endDate: data.endDate ?? null,
    hoursPerWeek: data.hoursPerWeek ?? null,
    note: data.note ?? null,
  };
}

/** Updates a step of this participant if it is still at the version the form was opened on; returns it as it was. */
export async function guardedUpdate(
  tx: Tx,
  ctx: TenantContext,
  participantId: string,
  activityId: string,
  expectedVersion: number,
  data: object,
) {
  const before = await tx.activity.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: activityId } } });
  if (!before || before.participantId !== participantId) throw new AppError("NOT_FOUND", "errors:notFound");
  const { count } = await tx.activity.updateMany({
    where: { tenantId: ctx.tenantId, id: activityId, version: expectedVersion },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw new AppError("CONFLICT", "errors:conflict");
  return before;
}
