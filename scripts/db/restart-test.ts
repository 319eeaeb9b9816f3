/**
 * `npm run test:db-restart`: a fault test, separate from `npm test`. Does the running app survive a restart of
 * PostgreSQL under a stream of writes, without losing, doubling or half-applying any write it confirmed?
 *
 *  1. Starts an embedded PostgreSQL of its own (.data/db-restart-postgres, port 54333 or DB_RESTART_PG_PORT;
 *     wiped first), migrates it and loads the demo data as `npm start` does, and starts the production server
 *     (`next start`, building first if .next holds no build) on a free port in 3300–3399.
 *  2. Signs in as koordinator@verdal.demo and runs concurrent writers (8 by default), each calling the real
 *     server action addActivityAction over HTTP as the browser does, every write with a unique marker in its note.
 *  3. After a while stops PostgreSQL (fast shutdown: the embedded server's stop; `--mode immediate` makes it a
 *     crash-like immediate shutdown), keeps it down for --outage seconds while polling /api/health (expected:
 *     503 with db "down"), starts it again on the same data folder and port, and keeps writing.
 *  4. Checks: (a) every write answered "ok" is in the database exactly once; (b) nothing is half-applied: every
 *     activity has its audit event and every "activity.created" event its activity (they share one transaction);
 *     (c) the same Next.js process serves again — health ok, a page loads, new writes succeed; no call hung.
 *
 * Prints a summary; exits non-zero on any violation.
 *
 *   npm run test:db-restart -- [--writers 8] [--before 8] [--outage 7] [--after 10] [--mode fast|immediate] [--build] [--echo]
 */
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgresOrExit, ensureDatabase, type EmbeddedServer } from "../../tooling/db/embedded.ts";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { loadLocalSecrets, dataDir } from "../../tooling/db/local-secrets.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { callAction, get, type Session } from "../../tests/e2e/isolation/client.ts";
import { percentile } from "../bench/stats.ts";
import {
  main,
  onCleanup,
  ensureBuild,
  freePort,
  startApp,
  signIn,
  actionId,
  isoDay,
  postmasterPid,
} from "../load/app.ts";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "8" },
    before: { type: "string", default: "8" },
    outage: { type: "string", default: "7" },
    after: { type: "string", default: "10" },
    mode: { type: "string", default: "fast" },
    build: { type: "boolean", default: false },
    echo: { type: "boolean", default: false },
  },
});
const WRITERS = Number(args.writers);
const BEFORE = Number(args.before);
const OUTAGE = Number(args.outage);
const AFTER = Number(args.after);
const MODE = args.mode;
if (
  ![WRITERS, BEFORE, OUTAGE, AFTER].every((n) => Number.isFinite(n) && n >= 1) ||
  !["fast", "immediate"].includes(MODE)
) {
  console.error(
    "usage: npm run test:db-restart -- [--writers n] [--before s] [--outage s] [--after s] [--mode fast|immediate] [--build] [--echo]",
  );
  process.exit(1);
}

const PG_PORT = Number(process.env.DB_RESTART_PG_PORT ?? 54333);
const PG_DIR = path.join(dataDir, "db-restart-postgres");
const EMAIL = "koordinator@verdal.demo";
const TENANT = "verdal";
const LOCALE = "nb";
/** A write (or health check) that has not answered after this long hangs: the app's own limits are 5 s to get a
 * connection (lib/db/client.ts) and 10 s to start a transaction (lib/db/tenant.ts). */
const HANG_MS = 20_000;

const started = performance.now();
const now = () => performance.now() - started;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (m: string) => console.log(`[db-restart ${secs(now()).padStart(7)}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Write = { marker: string; writer: number; start: number; end: number; outcome: "ok" | "error"; detail: string };
type Probe = { start: number; end: number; status: number; db: string | null };

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

await main(async () => {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const marker = `db-restart ${runId}`;

  // ---------------------------------------------------------------------------------------------- database
  if (await portInUse(PG_PORT))
    throw new Error(`port ${PG_PORT} is in use: stop what runs there or set DB_RESTART_PG_PORT`);
  rmSync(PG_DIR, { recursive: true, force: true });
  let server: EmbeddedServer | undefined;
  const startPostgres = async () => {
    server = await startEmbeddedPostgresOrExit({ dataDir: PG_DIR, port: PG_PORT, quiet: true });
  };
  onCleanup("embedded PostgreSQL", async () => {
    await server?.stop();
    rmSync(PG_DIR, { recursive: true, force: true });
  });
  log(`embedded PostgreSQL on port ${PG_PORT}, data in ${PG_DIR}`);
  await startPostgres();
  const adminUrl = await ensureDatabase(server!.adminUrl, "samspill");
  const { appUrl } = await prepareDatabase({
    adminUrl,
    appPassword: process.env.APP_DB_PASSWORD ?? loadLocalSecrets().appDbPassword,
    log,
  });
  {
    const client = createClient(appUrl, 2);
    await seedDemoData(client);
    await client.$disconnect();
  }
  const admin = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const participants = (
    await admin<{ id: string }>(
      `select p.id from "Participant" p join "Tenant" t on t.id = p."tenantId" where t.slug = $1 and p."anonymisedAt" is null order by p.code`,
      [TENANT],
    )
  ).map((p) => p.id);
  if (!participants.length) throw new Error(`no participants in ${TENANT}`);
  log(`demo data loaded: ${participants.length} participants in ${TENANT}`);

  // ---------------------------------------------------------------------------------------------- app
  await ensureBuild({ force: args.build, log });
  const action = actionId("addActivityAction", "app/[locale]/t/[tenant]/participants/actions.ts");
  const app = await startApp({ appUrl, port: await freePort(), log, echo: args.echo });
  const base = app.baseUrl;
  const session: Session = await signIn(base, EMAIL);
  const pageUrl = (participantId: string) => `/${LOCALE}/t/${TENANT}/participants/${participantId}`;

  // ---------------------------------------------------------------------------------------------- writers
  const writes: Write[] = [];
  let writing = true;
  let seq = 0;
  async function write(writer: number): Promise<Write> {
    const participantId = participants[seq % participants.length];
    const note = `${marker} w${writer}-${seq++}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({
      type: "JOB_SEEKING",
      status: "ONGOING",
      organisationId: "",
      startDate: isoDay(),
      endDate: "",
      hoursPerWeek: "",
      note,
    }))
      form.set(k, v);
    const start = now();
    let outcome: Write["outcome"] = "error";
    let detail: string;
    try {
      const answer = await callAction(session, pageUrl(participantId), action, base, [
        TENANT,
        participantId,
        { status: "idle" },
        form,
      ]);
      if (answer.status === 200 && answer.state?.status === "ok") {
        outcome = "ok";
        detail = "ok";
      } else {
        detail = answer.state
          ? `HTTP ${answer.status}, action answered ${answer.state.status} ${answer.state.message ?? ""}`.trim()
          : `HTTP ${answer.status}${answer.body ? `: ${answer.body.replace(/\s+/g, " ").slice(0, 80)}` : ""}`;
      }
    } catch (error) {
      detail = `request failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    }
    const done: Write = { marker: note, writer, start, end: now(), outcome, detail };
    writes.push(done);
    return done;
  }
  const writers = Array.from({ length: WRITERS }, async (_, writer) => {
    while (writing) {
      const w = await write(writer);
      // A failed write is retried by a user after a moment, not in a tight loop.
      await sleep(w.outcome === "ok" ? 10 : 250);
    }
  });
  log(`${WRITERS} writers started (${EMAIL}, addActivityAction)`);

  const probes: Probe[] = [];
  const probe = async (): Promise<Probe> => {
    const start = now();
    try {
      const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(HANG_MS) });
      const body = (await response.json().catch(() => null)) as { db?: string } | null;
      const p = { start, end: now(), status: response.status, db: body?.db ?? null };
      probes.push(p);
      return p;
    } catch {
      const p = { start, end: now(), status: 0, db: null };
      probes.push(p);
      return p;
    }
  };

  await sleep(BEFORE * 1000);
  const okBefore = writes.filter((w) => w.outcome === "ok").length;
  log(`${okBefore} writes acknowledged; stopping PostgreSQL (${MODE} shutdown)`);

  // ---------------------------------------------------------------------------------------------- outage
  const stopStart = now();
  if (MODE === "immediate") {
    // The embedded server's stop sends SIGINT (fast shutdown) and waits for the exit; SIGQUIT right after makes
    // the postmaster abandon everything at once, as in a crash (crash recovery on the next start).
    const pid = await postmasterPid(adminUrl);
    const stopping = server!.stop();
    process.kill(pid, "SIGQUIT");
    await stopping;
  } else {
    await server!.stop();
  }
  const stopDone = now();
  log(`PostgreSQL stopped (${secs(stopDone - stopStart)}); down for ${OUTAGE} s, polling /api/health`);
  while (now() - stopDone < OUTAGE * 1000) {
    await probe();
    await sleep(500);
  }
  const restartStart = now();
  await startPostgres();
  const restartDone = now();
  log(`PostgreSQL running again on the same data folder and port (start took ${secs(restartDone - restartStart)})`);

  // ---------------------------------------------------------------------------------------------- recovery
  let healthBack: number | null = null;
  while (now() - restartDone < 30_000) {
    const p = await probe();
    if (p.status === 200) {
      healthBack = p.end;
      break;
    }
    await sleep(250);
  }
  log(
    healthBack === null
      ? "/api/health did not answer 200 within 30 s of the restart"
      : `/api/health 200 again ${secs(healthBack - restartDone)} after the restart`,
  );
  await sleep(AFTER * 1000);
  writing = false;
  await Promise.all(writers);
  const page = await get(session, pageUrl(participants[0])).catch((e: Error) => ({ status: 0, body: e.message }));
  const finalHealth = await probe();
  const serverAlive = app.child.exitCode === null && app.child.signalCode === null;

  // ---------------------------------------------------------------------------------------------- checks
  const rows = await admin<{ note: string; copies: number; audited: number }>(
    `
    select a.note, count(*)::int as copies,
           count(*) filter (where exists (select 1 from "AuditEvent" e where e."tenantId" = a."tenantId" and e."entityId" = a.id and e.action = 'activity.created'))::int as audited
    from "Activity" a where a.note like $1 group by a.note`,
    [`${marker} %`],
  );
  const [orphans] = await admin<{ n: number }>(`
    select count(*)::int as n from "AuditEvent" e
    where e.action = 'activity.created' and not exists (select 1 from "Activity" a where a."tenantId" = e."tenantId" and a.id = e."entityId")`);
  const inDb = new Map(rows.map((r) => [r.note, r]));
  const ok = writes.filter((w) => w.outcome === "ok");
  const failed = writes.filter((w) => w.outcome === "error");
  const missing = ok.filter((w) => !inDb.has(w.marker));
  const duplicated = rows.filter((r) => r.copies > 1);
  const unaudited = rows.filter((r) => r.audited !== r.copies);
  const failedApplied = failed.filter((w) => inDb.has(w.marker));
  const unknown = rows.filter((r) => !writes.some((w) => w.marker === r.note));
  const hung = writes.filter((w) => w.end - w.start > HANG_MS);
  const failedDuringOutage = failed.filter((w) => w.end >= stopStart && w.start <= restartDone);
  const failedAfterRecovery = failed.filter((w) => healthBack !== null && w.start > healthBack);
  const okAfter = ok.filter((w) => w.start > restartDone);
  const firstOkAfter = okAfter.length ? Math.min(...okAfter.map((w) => w.end)) : null;
  const outageProbes = probes.filter((p) => p.start >= stopDone && p.end <= restartStart);
  const wrongProbes = outageProbes.filter((p) => p.status !== 503 || p.db !== "down");
  const failDurations = failedDuringOutage.map((w) => w.end - w.start);
  const reasons = new Map<string, number>();
  for (const w of failed) {
    const reason = w.detail.replace(/[0-9a-f]{8,}|\d+(\.\d+)?\s*ms/g, "…");
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  console.log("");
  console.log(
    `database outage (${MODE} shutdown): stop took ${secs(stopDone - stopStart)}, down ${secs(restartStart - stopDone)}, start took ${secs(restartDone - restartStart)}; ` +
      `unavailable ${secs(restartDone - stopStart)} in all`,
  );
  console.log(
    `writes: ${writes.length} in ${secs(writes.length ? Math.max(...writes.map((w) => w.end)) - Math.min(...writes.map((w) => w.start)) : 0)} by ${WRITERS} writers; ` +
      `${ok.length} acknowledged (${okBefore} before the outage, ${okAfter.length} after the restart), ${failed.length} failed (${failedDuringOutage.length} during the outage, ${failedAfterRecovery.length} after /api/health was 200 again)`,
  );
  if (failDurations.length) {
    console.log(
      `failed writes answered in: p50 ${percentile(failDurations, 50).toFixed(0)} ms, max ${Math.max(...failDurations).toFixed(0)} ms — ` +
        [...reasons].map(([r, n]) => `${n}× ${r}`).join("; "),
    );
  }
  console.log(
    `/api/health during the outage: ${outageProbes.length} polls, ${outageProbes.length - wrongProbes.length} answered 503 {db:"down"}` +
      (outageProbes.length ? ` in ≤ ${Math.max(...outageProbes.map((p) => p.end - p.start)).toFixed(0)} ms` : "") +
      (wrongProbes.length ? `; others: ${wrongProbes.map((p) => `${p.status} ${p.db}`).join(", ")}` : ""),
  );
  console.log(
    `recovery: /api/health 200 ${healthBack === null ? "never" : `${secs(healthBack - restartDone)}`} after PostgreSQL was back, first acknowledged write ` +
      `${firstOkAfter === null ? "never" : `${secs(firstOkAfter - restartDone)}`} after; same next-server process (pid ${app.pid}) ${serverAlive ? "still running" : "GONE"}`,
  );
  console.log(
    `database: ${rows.reduce((s, r) => s + r.copies, 0)} activities with this run's marker; ${failedApplied.length} of the failed writes were nevertheless applied` +
      ` (answer lost, commit done); ${orphans.n} "activity.created" audit events without their activity`,
  );
  console.log(
    `after the restart: participant page HTTP ${page.status}, /api/health ${finalHealth.status} ${finalHealth.db}; server output lines with "error": ${app.errorLines()}`,
  );

  const problems: string[] = [];
  if (missing.length)
    problems.push(`(a) ${missing.length} acknowledged writes are not in the database (e.g. ${missing[0].marker})`);
  if (duplicated.length) problems.push(`(a) ${duplicated.length} writes are in the database more than once`);
  if (unaudited.length) problems.push(`(b) ${unaudited.length} activities without their audit event`);
  if (orphans.n) problems.push(`(b) ${orphans.n} audit events without their activity`);
  if (unknown.length) problems.push(`${unknown.length} activities with the marker that no write of this run sent`);
  if (!serverAlive) problems.push("(c) the Next.js server exited");
  if (healthBack === null || finalHealth.status !== 200) problems.push("(c) /api/health is not 200 after the restart");
  if (page.status !== 200) problems.push(`(c) the participant page answered ${page.status} after the restart`);
  if (!okAfter.length) problems.push("(c) no write succeeded after the restart");
  if (failedAfterRecovery.length)
    problems.push(`(c) ${failedAfterRecovery.length} writes failed after /api/health was 200 again`);
  if (hung.length) problems.push(`${hung.length} writes took longer than ${HANG_MS / 1000} s to answer`);
  if (!outageProbes.length) problems.push("no /api/health poll during the outage");
  if (wrongProbes.length)
    problems.push(`${wrongProbes.length} /api/health polls during the outage did not answer 503 {db:"down"}`);
  if (okBefore === 0) problems.push("no write succeeded before the outage");
  if (!failedDuringOutage.length) problems.push("no write failed during the outage: did the outage happen?");
  const unclear = failedDuringOutage.filter((w) => !w.detail.includes("errors:unavailable"));
  if (unclear.length)
    problems.push(
      `${unclear.length} writes during the outage were not answered "database unavailable, try again" (errors:unavailable), e.g. ${unclear[0].detail}`,
    );
  console.log("");
  if (problems.length) {
    for (const p of problems) console.log(`✗ ${p}`);
    console.log(`server output (last lines):\n${app.output().slice(-25).join("\n")}`);
    return 1;
  }
  console.log(
    "✓ every acknowledged write is in the database exactly once, nothing half-applied; the app recovered by itself",
  );
  return 0;
});
