import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireParticipant } from "./require-participant.ts";

/**
 * Everything the participant page shows. Reading personal data is itself audited, in the same transaction.
 */
export async function getParticipant(ctx: TenantContext, participantId: string) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => {
    const participant = await requireParticipant(tx, ctx, participantId);
    const tenantId = ctx.tenantId;
    const [consents, enrolments, activities, outcomes, coordinator] = [
      await tx.consent.findMany({
        where: { tenantId, participantId },
        include: { partnerOrganisation: { select: { name: true } } },
        orderBy: [{ withdrawnAt: { sort: "asc", nulls: "first" } }, { givenAt: "desc" }],
      }),
      await tx.enrolment.findMany({
        where: { tenantId, participantId },
        include: { pilot: { select: { name: true, kind: true } } },
        orderBy: { startDate: "desc" },
      }),
      await tx.activity.findMany({
        where: { tenantId, participantId },
        include: { organisation: { select: { name: true } } },
        orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
      }),
      await tx.outcome.findMany({
        where: { tenantId, participantId },
        include: { organisation: { select: { name: true } } },
        orderBy: { observedAt: "desc" },
      }),
      participant.coordinatorId
        ? await tx.user.findUnique({ where: { id: participant.coordinatorId }, select: { id: true, name: true } })
        : null,
    ];
    await recordAudit(tx, ctx, { action: "participant.viewed", entityType: "Participant", entityId: participantId, participantId });
    return { participant, consents, enrolments, activities, outcomes, coordinator };
  });
}

export type ParticipantDetails = Awaited<ReturnType<typeof getParticipant>>;

/** What the forms on the participant page choose from: organisations, pilots and coordinators. */
export async function getParticipantFormOptions(ctx: TenantContext) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => {
    const tenantId = ctx.tenantId;
    const organisations = await tx.organisation.findMany({
      where: { tenantId, active: true }, select: { id: true, name: true, type: true }, orderBy: { name: "asc" },
    });
    const pilots = await tx.pilot.findMany({
      where: { tenantId, status: { not: "COMPLETED" } }, select: { id: true, name: true }, orderBy: { name: "asc" },
    });
    const members = await tx.membership.findMany({
      where: { tenantId, role: { in: ["COORDINATOR", "TENANT_ADMIN"] } },
      select: { user: { select: { id: true, name: true } } },
    });
    const coordinators = members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name));
    return { organisations, pilots, coordinators };
  });
}
