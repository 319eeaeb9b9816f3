import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

/** The partner registry: active organisations first, then by type and name; with how much history each has. */
export async function listOrganisations(ctx: TenantContext) {
  assertCan(ctx, "organisation.view");
  return withTenant(ctx, (tx) =>
    tx.organisation.findMany({
      where: { tenantId: ctx.tenantId },
      select: {
        id: true,
        name: true,
        type: true,
        sector: true,
        partnershipRole: true,
        active: true,
        agreementStart: true,
        agreementEnd: true,
        contactName: ctx.role !== "PARTNER_VIEWER",
        contactEmail: ctx.role !== "PARTNER_VIEWER",
        _count: { select: { pilots: true } },
      },
      orderBy: [{ active: "desc" }, { type: "asc" }, { name: "asc" }],
    }),
  );
}
