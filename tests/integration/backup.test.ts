import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { seedDemoData } from "../../prisma/seed.ts";
import { createClient } from "../../lib/db/client.ts";
import { loadLocalSecrets } from "../../tooling/db/local-secrets.ts";
import { backup, checksums, restore } from "../../tooling/db/backup.ts";
import { dropDatabase, ensureDatabase } from "../../tooling/db/embedded.ts";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { withDatabase } from "../../lib/db/connection.ts";

const dir = mkdtempSync(path.join(tmpdir(), "samspill-backup-"));
const created: string[] = [];

/** A fresh, migrated database on the same server (other test files share theirs), dropped after the file. */
async function freshDatabase(label: string) {
  const server = withDatabase(inject("adminUrl"), "postgres");
  const name = `samspill_backup_${label}_${Date.now().toString(36)}`;
  const url = await ensureDatabase(server, name);
  const { appUrl } = await prepareDatabase({
    adminUrl: url,
    appPassword: process.env.APP_DB_PASSWORD ?? loadLocalSecrets().appDbPassword,
  });
  created.push(name);
  return { url, appUrl };
}

let source: string;

beforeAll(async () => {
  const db = await freshDatabase("source");
  source = db.url;
  const client = createClient(db.appUrl, 2);
  await seedDemoData(client);
  await client.$disconnect();
}, 180_000);

afterAll(async () => {
  for (const name of created) await dropDatabase(withDatabase(inject("adminUrl"), "postgres"), name);
});

describe("backup and restore", () => {
  it("round-trips the whole database: the same rows and checksums in every table", async () => {
    const file = path.join(dir, "all.jsonl");
    const before = await checksums(source);
    const { rows } = await backup(source, file);
    expect(rows.Participant).toBe(before.Participant.count);
    expect(readFileSync(file, "utf8").split("\n")[0]).toContain("samspill-backup/1");
    const target = (await freshDatabase("all")).url;
    await restore(target, file);
    expect(await checksums(target)).toEqual(before);
    expect(before.AuditEvent.count).toBeGreaterThan(0);
  });

  it("round-trips one tenant into a database that does not have it, and refuses to restore it twice", async () => {
    const owner = new pg.Client({ connectionString: source });
    await owner.connect();
    const verdal = (await owner.query<{ id: string }>(`select id from "Tenant" where slug = 'verdal'`)).rows[0].id;
    await owner.end();
    const file = path.join(dir, "verdal.jsonl");
    const before = await checksums(source, verdal);
    expect(before.Participant.count).toBe(42);
    await backup(source, file, { tenantSlug: "verdal" });
    const target = (await freshDatabase("verdal")).url;
    await restore(target, file);
    expect(await checksums(target, verdal)).toEqual(before);
    await expect(restore(target, file)).rejects.toThrow(/already exists/);
    // Nothing of the failed second restore stays behind.
    expect((await checksums(target, verdal)).Participant.count).toBe(42);
  });
});
