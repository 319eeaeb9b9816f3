/**
 * `npm run jobs:purge`: the hourly job that deletes what has outlived its use — uploaded import files older
 * than a day, old sessions, used one-time tokens, old rate-limit windows (lib/jobs/purge-expired.ts). Run it
 * every hour (cron, a Kubernetes CronJob, …) with the app's environment.
 */
import { openDatabase } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";

const database = await openDatabase();
process.env.APP_DATABASE_URL ??= database.appUrl;
process.env.AUTH_SECRET ??= "purge-job-does-not-sign-sessions-0000000000";
const { purgeExpired } = await import("../../lib/jobs/purge-expired.ts");
const { runJob } = await import("../../lib/jobs/job-run.ts");
const client = createClient(database.appUrl, 2);
const counts = await runJob(
  client,
  "purge",
  () => purgeExpired(client),
  (c) => c,
);
console.log(
  `[purge] done: ${counts.importDrafts} import drafts, ${counts.sessions} sessions, ${counts.usedTokens} used tokens, ${counts.rateLimits} rate-limit windows`,
);
await client.$disconnect();
await database.stop();
