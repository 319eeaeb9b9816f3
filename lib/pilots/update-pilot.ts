import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import type { PilotInput } from "./schemas.ts";
import { checkOrganisations, values } from "./pilot-values.ts";

export type UpdatePilotOptions = { ctx: TenantContext; pilotId: string; data: PilotInput };

/** Saves a pilot's form and its partner organisations; audited with the fields that changed. */
export async function updatePilot(options: UpdatePilotOptions) {
  const { ctx, pilotId, data } = options;
  assertCan(ctx, "pilot.manage");
  return withTenant(ctx, async (tx) => {
    const before = await tx.pilot.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: pilotId } } });
    if (!before) throw new AppError("NOT_FOUND", "errors:notFound");
    const organisationIds = await checkOrganisations(tx, ctx, data.organisationIds);
    await tx.pilot.updateMany({ where: { tenantId: ctx.tenantId, id: pilotId }, data: values(data) });
    await tx.pilotOrganisation.deleteMany({
      where: { tenantId: ctx.tenantId, pilotId, organisationId: { notIn: organisationIds } },
    });
    await tx.pilotOrganisation.createMany({
      data: organisationIds.map((organisationId) => ({ tenantId: ctx.tenantId, pilotId, organisationId })),
      skipDuplicates: true,
    });
    await recordAudit(tx, ctx, {
      action: "pilot.updated",
      entityType: "Pilot",
      entityId: pilotId,
      details: { changed: changedFields(before, values(data)) },
    });
  });
}
