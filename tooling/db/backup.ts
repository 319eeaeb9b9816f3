import pg from "pg";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { z } from "zod";

/**
 * Logical backup and restore of the whole database, or of one tenant, as JSON lines: a header, then one line
 * per chunk of rows per table, in foreign-key order. It needs no pg_dump of the server's exact version (the
 * embedded server is newer than Debian's client). It runs as the database owner (a superuser, or a role that
 * bypasses row-level security), and the target must be migrated to the same migrations.
 */
export const TABLES = [
  "Tenant",
  "User",
  "Partnership",
  "Organisation",
  "Membership",
  "Pilot",
  "PilotOrganisation",
  "ParticipantCodeCounter",
  "Participant",
  "Consent",
  "Enrolment",
  "Activity",
  "Outcome",
  "AuditEvent",
  "PartnershipMember",
  "CollaborationModel",
  "Invitation",
] as const;
type Table = (typeof TABLES)[number];
const isTable = (name: string): name is Table => (TABLES as readonly string[]).includes(name);
const GLOBAL_FOR_TENANT: Partial<Record<Table, string>> = {
  Tenant: `"id" = $1`,
  User: `"id" in (select "userId" from "Membership" where "tenantId" = $1)`,
};
// A tenant's backup leaves out what belongs to partnerships with other tenants.
const SKIPPED_FOR_TENANT: Table[] = ["Partnership", "PartnershipMember"];
const CHUNK = 2000;

function scope(table: Table, tenantId?: string): { where: string; params: unknown[] } | null {
  if (!tenantId) return { where: "true", params: [] };
  if (SKIPPED_FOR_TENANT.includes(table)) return null;
  return { where: GLOBAL_FOR_TENANT[table] ?? `"tenantId" = $1`, params: [tenantId] };
}

export type BackupHeader = {
  format: "samspill-backup/1";
  createdAt: string;
  migrations: string[];
  tenant: { id: string; slug: string } | null;
};

// A backup file comes from outside the program: its lines are checked before they are trusted.
const backupHeader = z.object({
  format: z.literal("samspill-backup/1"),
  createdAt: z.string(),
  migrations: z.array(z.string()),
  tenant: z.object({ id: z.string(), slug: z.string() }).nullable(),
}) satisfies z.ZodType<BackupHeader>;
const backupChunk = z.object({ table: z.string(), rows: z.array(z.unknown()) });

async function finishedMigrations(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ migration_name: string }>(
    `select migration_name from _prisma_migrations where finished_at is not null order by 1`,
  );
  return rows.map((r) => r.migration_name);
}

export async function backup(
  adminUrl: string,
  file: string,
  options: { tenantSlug?: string } = {},
): Promise<{ rows: Record<string, number> }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const out = createWriteStream(file);
  const write = async (line: unknown) => {
    if (!out.write(JSON.stringify(line) + "\n")) await once(out, "drain");
  };
  const rows: Record<string, number> = {};
  try {
    await client.query("begin isolation level repeatable read read only");
    let tenant: BackupHeader["tenant"] = null;
    if (options.tenantSlug) {
      const found = await client.query<{ id: string; slug: string }>(`select id, slug from "Tenant" where slug = $1`, [
        options.tenantSlug,
      ]);
      if (!found.rowCount) throw new Error(`No tenant with the slug ${options.tenantSlug}`);
      tenant = found.rows[0];
    }
    const migrations = await finishedMigrations(client);
    await write({
      format: "samspill-backup/1",
      createdAt: new Date().toISOString(),
      migrations,
      tenant,
    } satisfies BackupHeader);
    for (const table of TABLES) {
      const s = scope(table, tenant?.id);
      if (!s) continue;
      rows[table] = 0;
      for (let offset = 0; ; offset += CHUNK) {
        const { rows: chunk } = await client.query<{ r: unknown }>(
          `select to_jsonb(t) as r from "${table}" t where ${s.where} order by to_jsonb(t)::text limit ${CHUNK} offset ${offset}`,
          s.params,
        );
        if (chunk.length === 0) break;
        await write({ table, rows: chunk.map((c) => c.r) });
        rows[table] += chunk.length;
        if (chunk.length < CHUNK) break;
      }
    }
    await client.query("commit");
  } finally {
    out.end();
    await once(out, "finish");
    await client.end();
  }
  return { rows };
}

export async function restore(adminUrl: string, file: string): Promise<{ rows: Record<string, number> }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const rows: Record<string, number> = {};
  try {
    await client.query("begin");
    // Created right before it is read: lines emitted before the iteration starts would be lost.
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    let header: BackupHeader | undefined;
    for await (const line of lines) {
      if (!line.trim()) continue;
      const entry: unknown = JSON.parse(line);
      if (!header) {
        const parsed = backupHeader.safeParse(entry);
        if (!parsed.success) throw new Error(`Not a Samspill backup: ${line.slice(0, 80)}`);
        header = parsed.data;
        const here = await finishedMigrations(client);
        if (JSON.stringify(here) !== JSON.stringify(header.migrations))
          throw new Error(
            "The target database is not at the backup's migrations: run npm run db:migrate first (with the same code)",
          );
        if (
          header.tenant &&
          (
            await client.query(`select 1 from "Tenant" where id = $1 or slug = $2`, [
              header.tenant.id,
              header.tenant.slug,
            ])
          ).rowCount
        ) {
          throw new Error(`The tenant ${header.tenant.slug} already exists in the target database`);
        }
        continue;
      }
      const chunk = backupChunk.safeParse(entry);
      if (!chunk.success) throw new Error(`Not a table's rows in a Samspill backup: ${line.slice(0, 80)}`);
      const { table } = chunk.data;
      if (!isTable(table)) throw new Error(`Unknown table ${table}`);
      // Users may already exist in the target (a tenant restored next to others): keep those.
      const conflict = table === "User" ? "on conflict do nothing" : "";
      const result = await client.query(
        `insert into "${table}" select * from jsonb_populate_recordset(null::"${table}", $1::jsonb) ${conflict}`,
        [JSON.stringify(chunk.data.rows)],
      );
      rows[table] = (rows[table] ?? 0) + (result.rowCount ?? 0);
    }
    if (!header) throw new Error("Empty backup file");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { rows };
}

/** Row count and an order-independent checksum per table (of one tenant's rows, when given). */
export async function checksums(
  adminUrl: string,
  tenantId?: string,
): Promise<Record<string, { count: number; md5: string | null }>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const result: Record<string, { count: number; md5: string | null }> = {};
    for (const table of TABLES) {
      const s = scope(table, tenantId);
      if (!s) continue;
      const { rows } = await client.query<{ count: number; md5: string | null }>(
        `select count(*)::int as count, md5(string_agg(to_jsonb(t)::text, '|' order by to_jsonb(t)::text)) as md5 from "${table}" t where ${s.where}`,
        s.params,
      );
      result[table] = rows[0];
    }
    return result;
  } finally {
    await client.end();
  }
}
