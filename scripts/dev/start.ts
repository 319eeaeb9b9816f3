/**
 * `npm start`: production server (`next start`, after `npm run build`). Applies pending migrations first;
 * loads the demo data only when SEED_DEMO=1.
 */
import { openDatabase, serverEnv, run, nextBin, productionEnv } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";

const port = Number(process.env.PORT ?? 3000);
const database = await openDatabase();
if (process.env.SEED_DEMO === "1") {
  const client = createClient(database.appUrl, 2);
  await seedDemoData(client, console.log);
  await client.$disconnect();
}
const code = await run(process.execPath, [nextBin, "start", "-p", String(port)], {
  ...serverEnv(database.appUrl, port, { demo: process.env.SEED_DEMO === "1" }),
  ...productionEnv(),
});
await database.stop();
process.exit(code);
