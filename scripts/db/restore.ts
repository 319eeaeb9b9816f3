/**
 * `npm run db:restore -- <file>`: loads a backup into the database (migrated first). A whole-database backup
 * needs an empty database; a tenant's backup needs that tenant to be absent. One transaction: all or nothing.
 */
import { openDatabase } from "../../tooling/runtime.ts";
import { restore } from "../../tooling/db/backup.ts";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run db:restore -- <file.jsonl>");
  process.exit(2);
}
const database = await openDatabase();
const { rows } = await restore(database.adminUrl, file);
console.log(
  `[restore] ${file}: ${Object.entries(rows)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ")}`,
);
await database.stop();
