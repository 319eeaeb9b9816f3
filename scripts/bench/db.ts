/**
 * The benchmark's own database, `samspill_bench`: on the server in DATABASE_URL when it is set (the database is
 * created there), else on an embedded PostgreSQL in .data/bench-postgres (port 54332, or BENCH_PG_PORT) whose
 * data survives between runs, so `npm run bench` reuses what `npm run bench:seed` loaded.
 */
import path from "node:path";
import pg from "pg";
import {
  startEmbeddedPostgresOrExit,
  ensureDatabase,
  dropDatabase,
  type EmbeddedServer,
} from "../../tooling/db/embedded.ts";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { loadLocalSecrets, dataDir } from "../../tooling/db/local-secrets.ts";
import { redact, withDatabase, databaseName } from "../../lib/db/connection.ts";

export const BENCH_DATABASE = "samspill_bench";
export const BENCH_PORT = Number(process.env.BENCH_PG_PORT ?? 54332);

export type BenchDatabase = {
  /** The owner's connection to samspill_bench (superuser on the embedded server: bypasses RLS). */
  adminUrl: string;
  /** The app role samspill_app on samspill_bench: bound by row-level security. */
  appUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

/** Marker the seed writes as the database's comment once everything (indexes, constraints, statistics) is in. */
export const SEED_MARKER = "samspill-bench-seed";
export type SeedInfo = { tenants: number; participants: number; seededAt: string; seconds: number };

export async function openBenchDatabase(options: {
  reset: boolean;
  log?: (m: string) => void;
}): Promise<BenchDatabase> {
  const log = options.log ?? console.log;
  let server: EmbeddedServer | undefined;
  let serverUrl: string;
  const base = process.env.DATABASE_URL;
  if (base) {
    // Create and drop samspill_bench through the database DATABASE_URL names (or `postgres` if that is the bench one).
    serverUrl = databaseName(base) === BENCH_DATABASE ? withDatabase(base, "postgres") : base;
    log(`using the server in DATABASE_URL (${redact(withDatabase(base, BENCH_DATABASE))})`);
  } else {
    const dir = path.join(dataDir, "bench-postgres");
    log(`DATABASE_URL is not set: embedded PostgreSQL on port ${BENCH_PORT}, data in ${dir}`);
    server = await startEmbeddedPostgresOrExit({ dataDir: dir, port: BENCH_PORT });
    serverUrl = server.adminUrl;
  }
  try {
    if (options.reset) {
      await dropDatabase(serverUrl, BENCH_DATABASE);
    } else if (!(await databaseExists(serverUrl, BENCH_DATABASE))) {
      throw new Error(`The database ${BENCH_DATABASE} does not exist: run \`npm run bench:seed\` first.`);
    }
    const adminUrl = await ensureDatabase(serverUrl, BENCH_DATABASE);
    const secrets = loadLocalSecrets();
    const appPassword = process.env.APP_DB_PASSWORD ?? secrets.appDbPassword;
    const givenAppUrl = process.env.APP_DATABASE_URL
      ? withDatabase(process.env.APP_DATABASE_URL, BENCH_DATABASE)
      : undefined;
    const { appUrl } = await prepareDatabase({ adminUrl, appPassword, appUrl: givenAppUrl, log });
    return { adminUrl, appUrl, embedded: !!server, stop: async () => server?.stop() };
  } catch (error) {
    await server?.stop();
    throw error;
  }
}

async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    return !!rowCount;
  } finally {
    await client.end();
  }
}

export async function readSeedInfo(client: pg.Client): Promise<SeedInfo | null> {
  const { rows } = await client.query<{ comment: string | null }>(
    "select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()",
  );
  const comment = rows[0]?.comment;
  if (!comment?.startsWith(SEED_MARKER + " ")) return null;
  return JSON.parse(comment.slice(SEED_MARKER.length + 1)) as SeedInfo;
}

export async function writeSeedInfo(client: pg.Client, info: SeedInfo): Promise<void> {
  const text = `${SEED_MARKER} ${JSON.stringify(info)}`.replace(/'/g, "''");
  await client.query(`comment on database "${BENCH_DATABASE}" is '${text}'`);
}
