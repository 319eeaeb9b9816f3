import "server-only";
import { z } from "zod";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

const count = z.number().int();
const tenantOverviewRow = z.object({
  participants: count,
  activeParticipants: count,
  activePilots: count,
  partnerOrganisations: count,
  pilots: count,
  members: count,
});
/** Exact counts of people (participants) are staff's only: null for a partner viewer, who reads the release. */
export type TenantOverview = Omit<z.infer<typeof tenantOverviewRow>, "participants" | "activeParticipants"> & {
  participants: number | null;
  activeParticipants: number | null;
};

/** The headline counts on a tenant's home page, read through the tenant-scoped path. */
export async function getTenantOverview(ctx: TenantContext): Promise<TenantOverview> {
  assertCan(ctx, "tenant.view");
  // One statement (each count a round trip of its own would cost more than the counting), row-level security applies.
  return withTenant(ctx, async (tx) => {
    const tenantId = ctx.tenantId;
    const rows = await tx.$queryRaw<unknown[]>`
      select
        (select count(*) from "Participant" where "tenantId" = ${tenantId})::int as participants,
        (select count(*) from "Participant" where "tenantId" = ${tenantId} and status = 'ACTIVE')::int as "activeParticipants",
        (select count(*) from "Pilot" where "tenantId" = ${tenantId} and status = 'ACTIVE')::int as "activePilots",
        (select count(*) from "Organisation" where "tenantId" = ${tenantId} and active)::int as "partnerOrganisations",
        (select count(*) from "Pilot" where "tenantId" = ${tenantId})::int as pilots,
        (select count(*) from "Membership" where "tenantId" = ${tenantId})::int as members`;
    const counts = z.tuple([tenantOverviewRow]).parse(rows)[0];
    return ctx.role === "PARTNER_VIEWER" ? { ...counts, participants: null, activeParticipants: null } : counts;
  });
}
