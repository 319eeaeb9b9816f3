/**
 * What every launch script shares: which PostgreSQL to use (DATABASE_URL, or an embedded one in .data/),
 * bringing its schema up to date, and the environment the Next.js server gets.
 */
import path from "node:path";
import { nodeAdvice, nodeIsSupported } from "../scripts/check-node.mjs";
import { startEmbeddedPostgresOrExit, ensureDatabase, type EmbeddedServer } from "./db/embedded.ts";
import { prepareDatabase } from "./db/bootstrap.ts";
import { loadLocalSecrets, dataDir } from "./db/local-secrets.ts";
import { redact, withDatabase, databaseName } from "../lib/db/connection.ts";

if (!nodeIsSupported) {
  console.error(`\n${nodeAdvice}\n`);
  process.exit(1);
}

export const EMBEDDED_DEV_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

export type Database = { adminUrl: string; appUrl: string; embedded: boolean; stop: () => Promise<void> };

export async function openDatabase(log = console.log): Promise<Database> {
  const secrets = loadLocalSecrets();
  const appPassword = process.env.APP_DB_PASSWORD ?? secrets.appDbPassword;
  let server: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    log(
      `[db] DATABASE_URL is not set: starting embedded PostgreSQL (port ${EMBEDDED_DEV_PORT}, ${path.join(dataDir, "postgres")})`,
    );
    server = await startEmbeddedPostgresOrExit({ dataDir: path.join(dataDir, "postgres"), port: EMBEDDED_DEV_PORT });
    adminUrl = await ensureDatabase(server.adminUrl, "samspill");
  } else {
    log(`[db] using ${redact(adminUrl)}`);
    // A database that does not exist yet is created, when the owner may (a convenience for local servers).
    await ensureDatabase(withDatabase(adminUrl, "postgres"), databaseName(adminUrl)).catch(() => undefined);
  }
  const { appUrl } = await prepareDatabase({ adminUrl, appPassword, appUrl: process.env.APP_DATABASE_URL, log });
  return { adminUrl, appUrl, embedded: !!server, stop: async () => server?.stop() };
}

/** Environment for `next dev` / `next start`. */
export function serverEnv(appUrl: string, port: number, options: { demo?: boolean } = {}): NodeJS.ProcessEnv {
  const secrets = loadLocalSecrets();
  return {
    ...process.env,
    APP_DATABASE_URL: appUrl,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.authSecret,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    ...(options.demo ? { SAMSPILL_DEMO: "1" } : {}),
  };
}

/**
 * The production server's Node.js settings: a fixed old-space (heap) limit, APP_HEAP_MB (default 1024 MB), so
 * that under sustained load the garbage collector works within a known budget instead of letting the heap grow
 * towards V8's default (a quarter of the machine's memory, up to 4 GB); set it to about three quarters of a
 * container's memory limit. And a young generation of 32 MB semi-spaces instead of V8's 16 MB: rendering a page
 * allocates a few MB of short-lived objects, and with the default the scavenger ran often enough to cost every
 * page 1–3 ms of CPU (measured: the dashboard 38.5 → 35.2 ms, the sign-in page 20.0 → 17.1 ms per request).
 * Kept alongside any NODE_OPTIONS already given (a --max-semi-space-size there wins).
 */
export function productionEnv(): Record<string, string> {
  const heap = Number(process.env.APP_HEAP_MB ?? 1024);
  if (!Number.isInteger(heap) || heap < 128)
    throw new Error("APP_HEAP_MB must be a whole number of megabytes, at least 128");
  const options = (process.env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\S+/g, "").trim();
  const young = /--max-semi-space-size=/.test(options) ? "" : " --max-semi-space-size=32";
  return { NODE_ENV: "production", NODE_OPTIONS: `${options} --max-old-space-size=${heap}${young}`.trim() };
}

/**
 * Runs a child process to its end, forwarding Ctrl-C; resolves with its exit code. Its output goes to the
 * terminal, or with `log` to that file (for a process that runs beside another).
 */
export async function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  options: { log?: string } = {},
): Promise<number> {
  const { spawn } = await import("node:child_process");
  const { openSync, closeSync } = await import("node:fs");
  const log = options.log ? openSync(options.log, "w") : undefined;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: log === undefined ? "inherit" : ["ignore", log, log], env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      if (log !== undefined) closeSync(log);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export const nextBin = path.resolve("node_modules/next/dist/bin/next");
