import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { shownOrNotFound } from "./require-participant.ts";
import type { OrganisationType } from "../db/generated/enums.ts";

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
  return withTenant(ctx, async (tx) => ({
    ...(await readParticipant(tx, ctx, participantId)),
    options: await readFormOptions(tx, ctx),
  }));
}

/** The participant with its consents, enrolments, activities, outcomes and coordinator: one statement. */
async function readParticipant(tx: Tx, ctx: TenantContext, participantId: string) {
  const found = shownOrNotFound(
    await tx.participant.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: participantId } },
      include: {
        consents: {
          include: { partnerOrganisation: { select: { name: true } } },
          orderBy: [{ withdrawnAt: { sort: "asc", nulls: "first" } }, { givenAt: "desc" }],
        },
        enrolments: { include: { pilot: { select: { name: true, kind: true } } }, orderBy: { startDate: "desc" } },
        activities: {
          include: { organisation: { select: { name: true } } },
          orderBy: [{ startDate: "desc" }, { createdAt: "desc" }],
        },
        outcomes: { include: { organisation: { select: { name: true } } }, orderBy: { observedAt: "desc" } },
        coordinator: { select: { id: true, name: true } },
      },
    }),
  );
  const { consents, enrolments, activities, outcomes, coordinator, ...participant } = found;
  await recordAudit(tx, ctx, {
    action: "participant.viewed",
    entityType: "Participant",
    entityId: participantId,
    participantId,
  });
  return { participant, consents, enrolments, activities, outcomes, coordinator };
}

export type ParticipantDetails = Awaited<ReturnType<typeof getParticipant>>;

/** What the forms on the participant page choose from: organisations, pilots and coordinators. */
export async function getParticipantFormOptions(ctx: TenantContext) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, (tx) => readFormOptions(tx, ctx));
}

type FormOptions = {
  organisations: { id: string; name: string; type: OrganisationType }[];
  pilots: { id: string; name: string }[];
  coordinators: { id: string; name: string }[];
};

/** The organisations, the pilots still running and the coordinators: one statement (row-level security applies). */
async function readFormOptions(tx: Tx, ctx: TenantContext): Promise<FormOptions> {
  const tenantId = ctx.tenantId;
  const [options] = await tx.$queryRaw<FormOptions[]>`
    select
      (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'type', o.type) order by o.name), '[]'::json)
         from "Organisation" o where o."tenantId" = ${tenantId} and o.active) as organisations,
      (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name), '[]'::json)
         from "Pilot" p where p."tenantId" = ${tenantId} and p.status <> 'COMPLETED') as pilots,
      (select coalesce(json_agg(json_build_object('id', u.id, 'name', u.name)), '[]'::json)
         from "Membership" m join "User" u on u.id = m."userId"
        where m."tenantId" = ${tenantId} and m.role in ('COORDINATOR', 'TENANT_ADMIN')) as coordinators`;
  return { ...options, coordinators: options.coordinators.sort((a, b) => a.name.localeCompare(b.name)) };
}
