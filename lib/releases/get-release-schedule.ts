import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { nextDue, type Schedule } from "./schedule.ts";

/** The tenant's release schedule and when the next scheduled release is due (administrators). */
export async function getReleaseSchedule(
  ctx: TenantContext,
  now = new Date(),
): Promise<{ schedule: Schedule; next: Date }> {
  assertCan(ctx, "release.publish");
  const tenant = await withTenant(ctx, (tx) =>
    tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { releaseSchedule: true } }),
  );
  return { schedule: tenant.releaseSchedule, next: nextDue(tenant.releaseSchedule, now) };
}
