import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireOrganisation } from "../participants/require-participant.ts";
import { recordExit } from "./exit-enrolment.ts";
import type { EndProgrammeInput } from "./schemas.ts";

/**
 * Ends a participant's programme in one unit of work: the exit from the pilot, the status at exit and the
 * closing of the open activities the coordinator chose. Ongoing activities end as completed on the exit date;
 * planned ones that never started end as interrupted (NAV's "avbrutt"). Any refusal changes nothing.
 */
export async function endProgramme(options: {
  ctx: TenantContext;
  participantId: string;
  enrolmentId: string;
  data: EndProgrammeInput;
}) {
  const { ctx, participantId, enrolmentId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    // The exit first: the enrolment must be the participant's and still open (any later refusal undoes it).
    await recordExit(tx, ctx, participantId, enrolmentId, data);
    if (data.organisationId) await requireOrganisation(tx, ctx, data.organisationId);
    const toClose = data.closeActivityIds.length
      ? await tx.activity.findMany({
          where: {
            tenantId: ctx.tenantId,
            participantId,
            id: { in: data.closeActivityIds },
            status: { in: ["PLANNED", "ONGOING"] },
          },
        })
      : [];
    if (toClose.length !== new Set(data.closeActivityIds).size)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { closeActivityIds: "validation.invalid" });

    const values = {
      status: data.status,
      workingTime: data.workingTime ?? null,
      organisationId: data.organisationId ?? null,
      observedAt: data.exitDate,
    };
    const outcome = await tx.outcome.upsert({
      where: { tenantId_enrolmentId_point: { tenantId: ctx.tenantId, enrolmentId, point: "AT_EXIT" } },
      create: {
        tenantId: ctx.tenantId,
        participantId,
        enrolmentId,
        point: "AT_EXIT",
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
      details: { point: "AT_EXIT", status: data.status },
    });

    for (const activity of toClose) {
      const status = activity.status === "ONGOING" ? "COMPLETED" : "INTERRUPTED";
      // A step planned to start after the exit ends the day it would have started (an end never precedes a start).
      const endDate = activity.startDate > data.exitDate ? activity.startDate : data.exitDate;
      await tx.activity.updateMany({
        where: { tenantId: ctx.tenantId, id: activity.id, version: activity.version },
        data: { status, endDate, version: { increment: 1 } },
      });
      await recordAudit(tx, ctx, {
        action: "activity.ended",
        entityType: "Activity",
        entityId: activity.id,
        participantId,
        details: { status },
      });
    }

    return { outcomeId: outcome.id, closed: toClose.length };
  });
}
