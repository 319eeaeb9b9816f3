import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

export async function listParticipants(ctx: TenantContext, options: { take?: number } = {}) {
  assertCan(ctx, "participant.view");
  return withTenant(ctx, async (tx) => {
    const where = { tenantId: ctx.tenantId };
    const [total, rows] = [
      await tx.participant.count({ where }),
      await tx.participant.findMany({
        where,
        select: { id: true, code: true, name: true, targetGroup: true, status: true },
        orderBy: { code: "asc" },
        take: Math.min(options.take ?? 50, 200),
      }),
    ];
    return { total, rows };
  });
}
