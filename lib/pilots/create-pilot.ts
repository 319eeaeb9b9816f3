import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { PilotInput } from "./schemas.ts";
import { checkOrganisations, values } from "./pilot-values.ts";

export type CreatePilotOptions = { ctx: TenantContext; data: PilotInput };

/** A new pilot with its partner organisations; audited. */
export async function createPilot(options: CreatePilotOptions) {
  const { ctx, data } = options;
  assertCan(ctx, "pilot.manage");
  return withTenant(ctx, async (tx) => {
    const organisationIds = await checkOrganisations(tx, ctx, data.organisationIds);
    const pilot = await tx.pilot.create({
      data: {
        tenantId: ctx.tenantId,
        ...values(data),
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
      },
    });
    await recordAudit(tx, ctx, {
      action: "pilot.created",
      entityType: "Pilot",
      entityId: pilot.id,
      details: { name: data.name },
    });
    return pilot;
  });
}
