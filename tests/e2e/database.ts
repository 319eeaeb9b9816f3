/**
 * Direct access to the end-to-end database (as its owner), for specs that must check what the app wrote or
 * did not write. scripts/dev/e2e-server.ts leaves the URL in test-results/e2e-database.json.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import { checksums } from "../../tooling/db/backup.ts";

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
 * Row count and checksum of every table as far as one tenant owns it (tooling/db/backup.ts, the same the backup
 * round trip is checked with). Equal before and after an action means it wrote nothing for the tenant, not even
 * an audit event.
 */
export async function tenantFingerprint(tenantId: string): Promise<Record<string, string>> {
  const sums = await checksums(e2eAdminUrl(), tenantId);
  return Object.fromEntries(Object.entries(sums).map(([table, s]) => [table, `${s.count}:${s.md5 ?? "-"}`]));
}

type E2eServices = { mailFile: string; dnsFile: string };
const services = () => JSON.parse(readFileSync("test-results/e2e-database.json", "utf8")) as E2eServices;

/** Publishes TXT records on the e2e server's DNS server (tests/support/dns-server.ts reads the file per query). */
export function publishTxt(name: string, values: string[]): void {
  const file = services().dnsFile;
  const records = JSON.parse(readFileSync(file, "utf8")) as Record<string, string[]>;
  records[name.toLowerCase()] = values;
  writeFileSync(file, `${JSON.stringify(records)}\n`);
}

/** The mails the app has sent to this address through the e2e server's mail server, oldest first. */
export function mailsTo(address: string): { subject: string; text: string; at: string }[] {
  const file = services().mailFile;
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string[]; subject: string; text: string; at: string })
    .filter((m) => m.to.includes(address.toLowerCase()));
}

/** The first link in the newest mail to this address whose text holds `path`. */
export function linkInMailTo(address: string, path: string): string | null {
  const mail = mailsTo(address)
    .reverse()
    .find((m) => m.text.includes(path));
  return mail?.text.match(/https?:\/\/\S+/)?.[0] ?? null;
}
