import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

export async function listOrganisations(ctx: TenantContext) {
  assertCan(ctx, "organisation.view");
  return withTenant(ctx, (tx) =>
    tx.organisation.findMany({
      where: { tenantId: ctx.tenantId },
      select: { id: true, name: true, type: true, partnershipRole: true, active: true },
      orderBy: [{ type: "asc" }, { name: "asc" }],
    }),
  );
}
