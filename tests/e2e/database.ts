/**
 * Direct access to the end-to-end database (as its owner), for specs that must check what the app wrote or
 * did not write. scripts/e2e-server.ts leaves the URL in test-results/e2e-database.json.
 */
import { readFileSync } from "node:fs";
import pg from "pg";

let pool: pg.Pool | undefined;

export function e2eDatabase(): pg.Pool {
  if (!pool) {
    const { adminUrl } = JSON.parse(readFileSync("test-results/e2e-database.json", "utf8")) as { adminUrl: string };
    pool = new pg.Pool({ connectionString: adminUrl, max: 2 });
  }
  return pool;
}

export async function query<T extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await e2eDatabase().query<T>(sql, params)).rows;
}

/**
 * A checksum of everything one tenant has: every table with a tenantId column, row by row. Equal before and
 * after an action means the action wrote nothing for the tenant (not even an audit event).
 */
export async function tenantFingerprint(tenantId: string): Promise<Record<string, string>> {
  const tables = await query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenantId' order by table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    const [row] = await query<{ n: string; sum: string | null }>(
      `select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as sum from "${table_name}" t where "tenantId" = $1`, [tenantId],
    );
    out[table_name] = `${row.n}:${row.sum ?? "-"}`;
  }
  return out;
}
