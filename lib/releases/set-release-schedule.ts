import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Schedule } from "./schedule.ts";

/** Sets when the tenant's releases are published (the first day of each month or quarter, 06:00). */
export async function setReleaseSchedule(options: { ctx: TenantContext; schedule: Schedule }): Promise<void> {
  const { ctx, schedule } = options;
  assertCan(ctx, "release.publish");
  await withTenant(ctx, async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { releaseSchedule: schedule } });
    await recordAudit(tx, ctx, {
      action: "release.scheduleChanged",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      details: { schedule },
    });
  });
}
