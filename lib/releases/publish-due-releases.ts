import "server-only";
import { db, type Db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { latestDue } from "./schedule.ts";
import { storeRelease } from "./publish-release.ts";

/**
 * The release job (`npm run jobs:releases`, run every few minutes or hourly by the operator's scheduler): for each
 * active tenant whose latest scheduled time has passed without a release at that time, takes the release as of
 * that time. Idempotent: a second run, or a second replica running it, finds the release there (a unique
 * (tenant, asOf) index makes a race end in one release). Returns what it published.
 */
export async function publishDueReleases(
  client: Db = db(),
  now = new Date(),
  only?: string[],
): Promise<{ tenantId: string; asOf: Date }[]> {
  const tenants = await client.tenant.findMany({
    where: { status: "ACTIVE", ...(only ? { id: { in: only } } : {}) },
    select: { id: true, releaseSchedule: true },
  });
  const published: { tenantId: string; asOf: Date }[] = [];
  for (const tenant of tenants) {
    const asOf = latestDue(tenant.releaseSchedule, now);
    const done = await withTenant(
      { tenantId: tenant.id },
      async (tx) => {
        const existing = await tx.release.findFirst({
          where: { tenantId: tenant.id, kind: "SCHEDULED", asOf },
          select: { id: true },
        });
        if (existing) return false;
        await storeRelease(tx, { tenantId: tenant.id, asOf, kind: "SCHEDULED", publishedById: null });
        return true;
      },
      { client },
    ).catch((error: unknown) => {
      // Another run published it first (the unique index): nothing to do.
      if (error instanceof Error && /Unique constraint|P2002/.test(error.message)) return false;
      throw error;
    });
    if (done) published.push({ tenantId: tenant.id, asOf });
  }
  return published;
}
