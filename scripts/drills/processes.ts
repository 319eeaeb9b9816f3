/**
 * What the drills (scripts/drills/) share: a temporary folder that never outlives the script, child processes
 * that are stopped when it ends (also on Ctrl-C: scripts/load/app.ts's onCleanup), PostgreSQL tools run as the
 * `postgres` user when the script runs as root (PostgreSQL refuses root), and waiting on conditions.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { onCleanup } from "../load/app.ts";

const started = performance.now();
export const now = () => performance.now() - started;
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const logger = (name: string) => (m: string) => console.log(`[${name} ${secs(now()).padStart(7)}] ${m}`);

/** The uid/gid processes that run PostgreSQL get: `postgres` when we are root, else ourselves. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
  const uid = id("-u");
  const gid = id("-g");
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error("running as root but there is no postgres user");
  return { uid, gid };
}

// Last resorts when the script dies without its async clean-up (an exception in an event handler): on "exit",
// kill every child still running, every PostgreSQL whose data folder is registered, and remove the folders.
const children = new Set<ChildProcess>();
const dataDirs = new Set<string>();
const folders = new Set<string>();
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dataDirs) {
    try {
      process.kill(postmasterPidOf(dir), "SIGQUIT");
    } catch {
      // not running
    }
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A PostgreSQL data folder whose server is stopped (SIGQUIT) if the script dies without cleaning up. */
export function registerDataDir(dir: string): void {
  dataDirs.add(dir);
}

/** A fresh folder under the system's temporary folder, owned by the PostgreSQL user, removed at the end. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const owner = postgresUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  folders.add(dir);
  onCleanup(`temporary folder ${dir}`, () => {
    rmSync(dir, { recursive: true, force: true });
    folders.delete(dir);
  });
  return dir;
}

/** Which Debian packages are missing, with the apt-get line that installs them. */
export function requireCommands(commands: Record<string, string>): void {
  const missing = Object.entries(commands).filter(([file]) => !existsSync(file));
  if (missing.length) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(" ");
    console.error(`missing: ${missing.map(([f]) => f).join(", ")}\ninstall with: apt-get install -y ${packages}`);
    process.exit(2);
  }
}

export type Child = { name: string; child: ChildProcess; output: () => string[]; stop: () => Promise<void> };

/** Starts a long-running process whose output is kept (last 200 lines) and which is stopped at the end. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: { asPostgres?: boolean; env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Child {
  const owner = options.asPostgres ? postgresUser() : undefined;
  const child = spawn(command, args, {
    env: { ...process.env, ...(owner ? { HOME: tmpdir() } : {}), ...options.env },
    cwd: options.cwd ?? tmpdir(),
    stdio: ["ignore", "pipe", "pipe"],
    ...(owner ?? {}),
  });
  children.add(child);
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (options.echo) console.log(`  [${name}] ${line}`);
    }
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => alive() && child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  };
  onCleanup(name, stop);
  return { name, child, output: () => [...lines], stop };
}

/** Runs a command to its end; throws with its output when it fails. */
export function runCommand(
  command: string,
  args: string[],
  options: { asPostgres?: boolean; env?: NodeJS.ProcessEnv } = {},
): string {
  const owner = options.asPostgres ? postgresUser() : undefined;
  const result = spawnSync(command, args, {
    encoding: "utf8",
    env: { ...process.env, ...(owner ? { HOME: tmpdir() } : {}), ...options.env },
    cwd: tmpdir(),
    ...(owner ?? {}),
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  return result.stdout + result.stderr;
}

/** Waits until `check` answers true, polling every `everyMs`; throws after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function httpStatus(url: string, init: RequestInit = {}): Promise<number> {
  try {
    const r = await fetch(url, { ...init, signal: AbortSignal.timeout(3_000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A free TCP port in [from, to]. */
export async function freeTcpPort(from: number, to: number, taken: Set<number> = new Set()): Promise<number> {
  for (let port = from; port <= to; port++) {
    if (taken.has(port)) continue;
    if (!(await portOpen(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port in ${from}–${to}`);
}

/** The postmaster's pid from its data folder (first line of postmaster.pid). */
export function postmasterPidOf(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}
