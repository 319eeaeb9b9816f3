/**
 * `npm run dev`: embedded PostgreSQL (unless DATABASE_URL is set), migrations, demo data on an empty
 * database, then `next dev` on http://localhost:3000 (PORT).
 */
import { openDatabase, serverEnv, run, nextBin } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";

const port = Number(process.env.PORT ?? 3000);
const database = await openDatabase();
const client = createClient(database.appUrl, 2);
if ((await client.tenant.count()) === 0) {
  console.log("[seed] empty database: loading the demo data");
  await seedDemoData(client, console.log);
}
await client.$disconnect();
console.log(
  `[dev] Samspill on http://localhost:${port} — demo accounts: admin@verdal.demo / koordinator@verdal.demo, password samspill-demo`,
);
const code = await run(
  process.execPath,
  [nextBin, "dev", "-p", String(port)],
  serverEnv(database.appUrl, port, { demo: true }),
);
await database.stop();
process.exit(code);
