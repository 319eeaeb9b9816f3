/** `npm run db:seed`: loads the demo data; idempotent (existing demo tenants are left as they are). */
import { openDatabase } from "../../tooling/runtime.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";

const database = await openDatabase();
const client = createClient(database.appUrl, 2);
const created = await seedDemoData(client, console.log);
console.log(created.length ? `[seed] created ${created.join(", ")}` : "[seed] demo data already present");
await client.$disconnect();
await database.stop();
