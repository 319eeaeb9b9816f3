/**
 * `npm run jobs:releases`: publishes every tenant's scheduled release that is due (lib/releases/
 * publish-due-releases.ts) — the first day of each month or quarter at 06:00 Oslo/Stockholm time. Run it hourly
 * (cron, a Kubernetes CronJob, …) with the app's environment; a run that finds nothing due does nothing.
 */
import { openDatabase } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";

const database = await openDatabase();
process.env.APP_DATABASE_URL ??= database.appUrl;
process.env.AUTH_SECRET ??= "release-job-does-not-sign-sessions-00000000";
const { publishDueReleases } = await import("../../lib/releases/publish-due-releases.ts");
const { runJob } = await import("../../lib/jobs/job-run.ts");
const client = createClient(database.appUrl, 2);
const published = await runJob(
  client,
  "releases",
  () => publishDueReleases(client),
  (p) => ({ published: p.length }),
);
console.log(
  published.length === 0
    ? "[releases] nothing due"
    : `[releases] published ${published.length}: ${published.map((p) => `${p.tenantId} as of ${p.asOf.toISOString()}`).join(", ")}`,
);
await client.$disconnect();
await database.stop();
