import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import { requireOrganisation, requireParticipant } from "../participants/require-participant.ts";
import type { AddActivityInput, EndActivityInput, UpdateActivityInput } from "./schemas.ts";

async function checkReferences(
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

function activityData(data: AddActivityInput) {
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

/** A new step on the participant's pathway. */
export async function addActivity(options: { ctx: TenantContext; participantId: string; data: AddActivityInput }) {
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

async function guardedUpdate(
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

/** Edits a step; refuses to overwrite a change someone else saved since the form was opened. */
export async function updateActivity(options: {
  ctx: TenantContext;
  participantId: string;
  activityId: string;
  data: UpdateActivityInput;
}) {
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

/** Ends a step: completed or interrupted, on a date not before it started. */
export async function endActivity(options: {
  ctx: TenantContext;
  participantId: string;
  activityId: string;
  data: EndActivityInput;
}) {
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
