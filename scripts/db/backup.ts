/** `npm run db:backup -- <file> [--tenant <slug>]`: the whole database, or one tenant, as JSON lines. */
import { openDatabase } from "../../tooling/runtime.ts";
import { backup } from "../../tooling/db/backup.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--tenant");
const tenantSlug = args.includes("--tenant") ? args[args.indexOf("--tenant") + 1] : undefined;
if (!file) {
  console.error("usage: npm run db:backup -- <file.jsonl> [--tenant <slug>]");
  process.exit(2);
}
const database = await openDatabase();
const { rows } = await backup(database.adminUrl, file, { tenantSlug });
console.log(
  `[backup] ${file}: ${Object.entries(rows)
    .map(([t, n]) => `${t} ${n}`)
    .join(", ")}`,
);
await database.stop();
