/** `npm run db:migrate`: applies pending migrations (embedded PostgreSQL unless DATABASE_URL is set). */
import { openDatabase } from "../../tooling/runtime.ts";

const database = await openDatabase();
console.log("[db] schema is up to date");
await database.stop();
