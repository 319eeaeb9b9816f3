import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

export type TenantOverview = {
  participants: number;
  activeParticipants: number;
  activePilots: number;
  partnerOrganisations: number;
  pilots: number;
  members: number;
};

/** The headline counts on a tenant's home page, read through the tenant-scoped path. */
export async function getTenantOverview(ctx: TenantContext): Promise<TenantOverview> {
  assertCan(ctx, "tenant.view");
  // One statement (each count a round trip of its own would cost more than the counting), row-level security applies.
  return withTenant(ctx, async (tx) => {
    const tenantId = ctx.tenantId;
    const [counts] = await tx.$queryRaw<TenantOverview[]>`
      select
        (select count(*) from "Participant" where "tenantId" = ${tenantId})::int as participants,
        (select count(*) from "Participant" where "tenantId" = ${tenantId} and status = 'ACTIVE')::int as "activeParticipants",
        (select count(*) from "Pilot" where "tenantId" = ${tenantId} and status = 'ACTIVE')::int as "activePilots",
        (select count(*) from "Organisation" where "tenantId" = ${tenantId} and active)::int as "partnerOrganisations",
        (select count(*) from "Pilot" where "tenantId" = ${tenantId})::int as pilots,
        (select count(*) from "Membership" where "tenantId" = ${tenantId})::int as members`;
    return counts;
  });
}
