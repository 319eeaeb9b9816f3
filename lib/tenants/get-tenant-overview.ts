import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

export type TenantOverview = {
  participants: number; activeParticipants: number; activePilots: number; partnerOrganisations: number; pilots: number; members: number;
};

/** The headline counts on a tenant's home page, read through the tenant-scoped path. */
export async function getTenantOverview(ctx: TenantContext): Promise<TenantOverview> {
  assertCan(ctx, "tenant.view");
  return withTenant(ctx, async (tx) => {
    const tenantId = ctx.tenantId;
    const participants = await tx.participant.count({ where: { tenantId } });
    const activeParticipants = await tx.participant.count({ where: { tenantId, status: "ACTIVE" } });
    const activePilots = await tx.pilot.count({ where: { tenantId, status: "ACTIVE" } });
    const partnerOrganisations = await tx.organisation.count({ where: { tenantId, active: true } });
    const pilots = await tx.pilot.count({ where: { tenantId } });
    const members = await tx.membership.count({ where: { tenantId } });
    return { participants, activeParticipants, activePilots, partnerOrganisations, pilots, members };
  });
}
