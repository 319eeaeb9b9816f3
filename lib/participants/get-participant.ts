import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { AppError } from "../errors.ts";

/**
 * Everything the participant page shows. Reading personal data is itself audited, in the same transaction.
 */
export async function getParticipant(ctx: TenantContext, participantId: string) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, (tx) => readParticipant(tx, ctx, participantId));
}

/** The participant page in one transaction: the participant (audited) and what its forms choose from. */
export async function getParticipantPage(ctx: TenantContext, participantId: string) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => ({ ...(await readParticipant(tx, ctx, participantId)), options: await readFormOptions(tx, ctx) }));
}

/** The participant with its consents, enrolments, activities, outcomes and coordinator: one statement. */
async function readParticipant(tx: Tx, ctx: TenantContext, participantId: string) {
  const found = await tx.participant.findUnique({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: participantId } },
    include: {
      consents: {
        include: { partnerOrganisation: { select: { name: true } } },
        orderBy: [{ withdrawnAt: { sort: "asc", nulls: "first" } }, { givenAt: "desc" }],
      },
      enrolments: { include: { pilot: { select: { name: true, kind: true } } }, orderBy: { startDate: "desc" } },
      activities: { include: { organisation: { select: { name: true } } }, orderBy: [{ startDate: "desc" }, { createdAt: "desc" }] },
      outcomes: { include: { organisation: { select: { name: true } } }, orderBy: { observedAt: "desc" } },
      coordinator: { select: { id: true, name: true } },
    },
  });
  if (!found || found.anonymisedAt) throw new AppError("NOT_FOUND", "errors:notFound");
  const { consents, enrolments, activities, outcomes, coordinator, ...participant } = found;
  await recordAudit(tx, ctx, { action: "participant.viewed", entityType: "Participant", entityId: participantId, participantId });
  return { participant, consents, enrolments, activities, outcomes, coordinator };
}

export type ParticipantDetails = Awaited<ReturnType<typeof getParticipant>>;

/** What the forms on the participant page choose from: organisations, pilots and coordinators. */
export async function getParticipantFormOptions(ctx: TenantContext) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, (tx) => readFormOptions(tx, ctx));
}

async function readFormOptions(tx: Tx, ctx: TenantContext) {
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
}
