/**
 * Direct access to the end-to-end database (as its owner), for specs that must check what the app wrote or
 * did not write. scripts/e2e-server.ts leaves the URL in test-results/e2e-database.json.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { checksums } from "../../lib/db/backup.ts";

let pool: pg.Pool | undefined;

function e2eAdminUrl(): string {
  return (JSON.parse(readFileSync("test-results/e2e-database.json", "utf8")) as { adminUrl: string }).adminUrl;
}

/** The test identity provider the e2e server started (tests/support/oidc-provider.ts). */
export function e2eIdentityProvider(): { issuer: string; clientId: string; clientSecret: string } {
  return (
    JSON.parse(readFileSync("test-results/e2e-database.json", "utf8")) as {
      idp: { issuer: string; clientId: string; clientSecret: string };
    }
  ).idp;
}

export function e2eDatabase(): pg.Pool {
  pool ??= new pg.Pool({ connectionString: e2eAdminUrl(), max: 2 });
  return pool;
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return (await e2eDatabase().query<T>(sql, params)).rows;
}

/**
 * Row count and checksum of every table as far as one tenant owns it (lib/db/backup.ts, the same the backup
 * round trip is checked with). Equal before and after an action means it wrote nothing for the tenant, not even
 * an audit event.
 */
export async function tenantFingerprint(tenantId: string): Promise<Record<string, string>> {
  const sums = await checksums(e2eAdminUrl(), tenantId);
  return Object.fromEntries(Object.entries(sums).map(([table, s]) => [table, `${s.count}:${s.md5 ?? "-"}`]));
}
