import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

/** The partnerships a tenant belongs to, for its settings page (row-level security: member rows of its own
 * partnerships only). */
export async function listTenantPartnerships(ctx: TenantContext) {
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, (tx) =>
    tx.partnershipMember.findMany({
      where: { tenantId: ctx.tenantId, status: { not: "LEFT" } },
      include: {
        partnership: {
          include: {
            members: {
              where: { status: { not: "LEFT" } },
              include: { tenant: { select: { name: true, country: true } } },
            },
          },
        },
      },
      orderBy: { createdAt: "asc" },
    }),
  );
}
