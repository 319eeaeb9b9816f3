/**
 * `npm run jobs:retention`: the scheduled job. For every active municipality, anonymises the participants
 * who left longer ago than its retention period (Tenant.retentionMonths), exactly as the bulk action on
 * /{locale}/t/{tenant}/retention does. Run it daily (cron, a Kubernetes CronJob, …) with the app's env.
 */
import { openDatabase } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";

const database = await openDatabase();
process.env.APP_DATABASE_URL ??= database.appUrl;
process.env.AUTH_SECRET ??= "retention-job-does-not-sign-sessions-000000";
const { applyRetention } = await import("../../lib/participants/gdpr.ts");
const client = createClient(database.appUrl, 2);
const { runJob } = await import("../../lib/jobs/job-run.ts");
const tenants = await client.tenant.findMany({ where: { status: "ACTIVE" }, select: { id: true, slug: true } });
let total = 0;
await runJob(
  client,
  "retention",
  async () => {
    for (const tenant of tenants) {
      const count = await applyRetention({
        tenantId: tenant.id,
        tenantSlug: tenant.slug,
        userId: "",
        role: "TENANT_ADMIN",
        organisationId: null,
      });
      if (count) console.log(`[retention] ${tenant.slug}: anonymised ${count}`);
      total += count;
    }
  },
  () => ({ anonymised: total, tenants: tenants.length }),
);
console.log(`[retention] done: ${total} participants anonymised in ${tenants.length} municipalities`);
await client.$disconnect();
await database.stop();
