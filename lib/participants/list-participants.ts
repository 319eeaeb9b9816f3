import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import type { Prisma } from "../db/generated/client.ts";
import { PAGE_SIZE, type ListParticipantsQuery } from "./schemas.ts";

const orderBy: Record<ListParticipantsQuery["sort"], Prisma.ParticipantOrderByWithRelationInput[]> = {
  code: [{ code: "asc" }],
  name: [{ name: { sort: "asc", nulls: "last" } }, { code: "asc" }],
  status: [{ status: "asc" }, { code: "asc" }],
  newest: [{ createdAt: "desc" }, { code: "desc" }],
};

/**
 * One page of the participant list, filtered and sorted in the database (server-side pagination), with each
 * participant's current step and latest outcome.
 */
export async function listParticipants(ctx: TenantContext, query: ListParticipantsQuery) {
  assertCan(ctx, "participant.view");
  const tenantId = ctx.tenantId;
  const where: Prisma.ParticipantWhereInput = {
    tenantId,
    anonymisedAt: null,
    ...(query.targetGroup ? { targetGroup: query.targetGroup } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.pilotId ? { enrolments: { some: { tenantId, pilotId: query.pilotId } } } : {}),
    ...(query.organisationId ? { activities: { some: { tenantId, organisationId: query.organisationId } } } : {}),
    ...(query.q
      ? { OR: [{ code: { contains: query.q, mode: "insensitive" as const } }, { name: { contains: query.q, mode: "insensitive" as const } }] }
      : {}),
  };
  return withTenant(ctx, async (tx) => {
    const total = await tx.participant.count({ where });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(query.page, pages);
    const rows = await tx.participant.findMany({
      where,
      orderBy: orderBy[query.sort],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, code: true, name: true, targetGroup: true, status: true, anonymous: true,
        activities: {
          // ONGOING before PLANNED (desc in the enum's order): a step under way is the current one.
          orderBy: [{ status: "desc" }, { startDate: "desc" }],
          where: { status: { in: ["ONGOING", "PLANNED"] } },
          take: 1,
          select: { type: true, status: true, organisation: { select: { name: true } } },
        },
        outcomes: { orderBy: { observedAt: "desc" }, take: 1, select: { status: true, point: true, observedAt: true } },
      },
    });
    return {
      total,
      page,
      pages,
      rows: rows.map(({ activities, outcomes, ...p }) => ({ ...p, currentStep: activities[0] ?? null, latestOutcome: outcomes[0] ?? null })),
    };
  });
}

/** The choices of the list's filters. */
export async function getParticipantFilterOptions(ctx: TenantContext) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => ({
    pilots: await tx.pilot.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    organisations: await tx.organisation.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  }));
}
