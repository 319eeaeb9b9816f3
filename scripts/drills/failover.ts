/**
 * `npm run drill:failover`: does the app survive the death of its database server without losing what it
 * confirmed, and without anyone's help? Not part of `npm test` (it needs Debian's etcd-server, patroni, haproxy
 * and postgresql-15, and two minutes).
 *
 *  1. Starts, in a temporary folder, on free ports on 127.0.0.1: etcd; two PostgreSQL 15 nodes managed by
 *     Patroni with synchronous replication (synchronous_mode: a commit is acknowledged only once the standby
 *     has it, so a failover to the standby loses none); HAProxy sending connections to whichever node answers
 *     Patroni's REST `/primary` with 200; then migrates and seeds the demo data through HAProxy and starts the
 *     production app (`next start`) against HAProxy.
 *  2. Runs the load test's write mix — concurrent writers calling the real server action addActivityAction as
 *     the browser does, each write with a unique marker — and readers loading the participant list.
 *  3. Kills the primary's postmaster with SIGKILL (a crash: no shutdown, no checkpoint). Patroni on the
 *     other node takes the leader key and promotes it (primary_start_timeout 0: no waiting for the crashed
 *     node to come back), HAProxy's check moves the traffic; the app must find the new primary by itself.
 *  4. When the cluster has its standby back, a planned switchover (Patroni's REST /switchover).
 *  5. Reports, for both: acknowledged writes lost (goal 0), seconds from the event until writes succeed again
 *     (goals ≤ 30 s and ≤ 5 s), and what users got in between (counts of answers: the translated "not
 *     answering, nothing saved, try again", HTTP statuses; goal: no 500).
 *
 * Everything it starts, it stops; the temporary folder goes too.
 *
 *   npm run drill:failover -- [--writers 6] [--before 10] [--after 10] [--build] [--echo]
 */
import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { callAction, get, type Session } from "../../tests/e2e/isolation/client.ts";
import { main, ensureBuild, freePort, startApp, signIn, actionId, isoDay } from "../load/app.ts";
import {
  now,
  secs,
  sleep,
  logger,
  tempFolder,
  requireCommands,
  startProcess,
  waitFor,
  httpStatus,
  freeTcpPort,
  postmasterPidOf,
  portOpen,
  registerDataDir,
  type Child,
} from "./processes.ts";

const { values: args } = parseArgs({
  options: {
    writers: { type: "string", default: "6" },
    before: { type: "string", default: "10" },
    after: { type: "string", default: "10" },
    build: { type: "boolean", default: false },
    echo: { type: "boolean", default: false },
  },
});
const WRITERS = Number(args.writers);
const BEFORE = Number(args.before);
const AFTER = Number(args.after);
const PG_BIN = "/usr/lib/postgresql/15/bin";
const EMAIL = "koordinator@verdal.demo";
const TENANT = "verdal";
const SUPERUSER_PASSWORD = randomBytes(12).toString("hex");
const REPLICATION_PASSWORD = randomBytes(12).toString("hex");
const APP_PASSWORD = randomBytes(12).toString("hex");
const log = logger("failover");

requireCommands({
  "/usr/bin/etcd": "etcd-server",
  "/usr/bin/patroni": "patroni",
  "/usr/sbin/haproxy": "haproxy",
  [`${PG_BIN}/postgres`]: "postgresql-15",
});

type Node = { name: string; pgPort: number; restPort: number; dataDir: string; patroni?: Child };
type Write = { marker: string; start: number; end: number; outcome: "ok" | "error"; detail: string };
type Read = { start: number; end: number; status: number };

function patroniConfig(dir: string, node: Node, etcdPort: number): string {
  // JSON is YAML: no YAML library needed.
  return JSON.stringify(
    {
      scope: "samspill-drill",
      namespace: "/samspill-drill/",
      name: node.name,
      restapi: { listen: `127.0.0.1:${node.restPort}`, connect_address: `127.0.0.1:${node.restPort}` },
      etcd3: { hosts: `127.0.0.1:${etcdPort}` },
      bootstrap: {
        dcs: {
          // The leader key lives 10 s; Patroni looks every second.
          ttl: 10,
          loop_wait: 1,
          retry_timeout: 4,
          maximum_lag_on_failover: 1048576,
          // A crashed primary is not waited for: the synchronous standby takes over at once.
          primary_start_timeout: 0,
          synchronous_mode: true,
          postgresql: {
            use_pg_rewind: true,
            use_slots: true,
            parameters: {
              wal_level: "replica",
              hot_standby: "on",
              max_wal_senders: 10,
              max_replication_slots: 10,
              wal_log_hints: "on",
              max_connections: 100,
            },
          },
        },
        initdb: [{ encoding: "UTF8" }, { locale: "C" }, "data-checksums"],
        pg_hba: [
          "local all all trust",
          "host replication replicator 127.0.0.1/32 scram-sha-256",
          "host all all 127.0.0.1/32 scram-sha-256",
        ],
      },
      postgresql: {
        listen: `127.0.0.1:${node.pgPort}`,
        connect_address: `127.0.0.1:${node.pgPort}`,
        data_dir: node.dataDir,
        bin_dir: PG_BIN,
        pgpass: path.join(dir, `pgpass-${node.name}`),
        authentication: {
          superuser: { username: "postgres", password: SUPERUSER_PASSWORD },
          replication: { username: "replicator", password: REPLICATION_PASSWORD },
          rewind: { username: "postgres", password: SUPERUSER_PASSWORD },
        },
        parameters: { unix_socket_directories: dir, shared_buffers: "64MB" },
      },
      tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
    },
    null,
    2,
  );
}

await main(async () => {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const marker = `failover-drill ${runId}`;
  const dir = tempFolder("samspill-failover-");
  const taken = new Set<number>();
  const etcdPort = await freeTcpPort(23790, 23889, taken);
  const etcdPeerPort = await freeTcpPort(23890, 23989, taken);
  const proxyPort = await freeTcpPort(55440, 55499, taken);
  const nodes: Node[] = [];
  for (const name of ["node1", "node2"]) {
    nodes.push({
      name,
      pgPort: await freeTcpPort(55500, 55599, taken),
      restPort: await freeTcpPort(18008, 18099, taken),
      dataDir: path.join(dir, name),
    });
  }
  log(`working in ${dir}`);

  // ------------------------------------------------------------------------------------------------ etcd
  startProcess(
    "etcd",
    "/usr/bin/etcd",
    [
      "--name=drill",
      `--data-dir=${path.join(dir, "etcd")}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=drill=http://127.0.0.1:${etcdPeerPort}`,
      "--initial-cluster-state=new",
    ],
    { echo: args.echo },
  );
  await waitFor("etcd", async () => (await httpStatus(`http://127.0.0.1:${etcdPort}/health`)) === 200, 30_000);
  log(`etcd on ${etcdPort}`);

  // ------------------------------------------------------------------------------------------------ Patroni
  const rest = (node: Node, p: string) => `http://127.0.0.1:${node.restPort}${p}`;
  const startPatroni = (node: Node) => {
    const config = path.join(dir, `${node.name}.yml`);
    writeFileSync(config, patroniConfig(dir, node, etcdPort));
    node.patroni = startProcess(`patroni ${node.name}`, "/usr/bin/patroni", [config], {
      asPostgres: true,
      echo: args.echo,
    });
  };
  for (const n of nodes) registerDataDir(n.dataDir);
  startPatroni(nodes[0]);
  await waitFor(`${nodes[0].name} primary`, async () => (await httpStatus(rest(nodes[0], "/primary"))) === 200, 90_000);
  startPatroni(nodes[1]);
  await waitFor(
    `${nodes[1].name} synchronous standby`,
    async () => (await httpStatus(rest(nodes[1], "/sync"))) === 200,
    120_000,
  );
  log(
    `Patroni: ${nodes[0].name} primary on ${nodes[0].pgPort}, ${nodes[1].name} synchronous standby on ${nodes[1].pgPort}`,
  );

  // ------------------------------------------------------------------------------------------------ HAProxy
  const haproxyConfig = path.join(dir, "haproxy.cfg");
  writeFileSync(
    haproxyConfig,
    [
      "global",
      "  maxconn 400",
      "defaults",
      "  mode tcp",
      "  timeout connect 2s",
      "  timeout client 30m",
      "  timeout server 30m",
      "  timeout check 2s",
      "listen postgres_primary",
      `  bind 127.0.0.1:${proxyPort}`,
      "  option httpchk GET /primary",
      "  http-check expect status 200",
      // Checked every second, down after two failures, up after one success; connections to a node marked
      // down are cut, so the app does not keep talking to a demoted primary.
      "  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions",
      ...nodes.map((n) => `  server ${n.name} 127.0.0.1:${n.pgPort} maxconn 100 check port ${n.restPort}`),
      "",
    ].join("\n"),
  );
  startProcess("haproxy", "/usr/sbin/haproxy", ["-db", "-f", haproxyConfig], { echo: args.echo });
  const superUrl = (db: string) => `postgresql://postgres:${SUPERUSER_PASSWORD}@127.0.0.1:${proxyPort}/${db}`;
  // HAProxy starts with every server up until its first checks: wait until five connections in a row land on
  // the primary.
  let onPrimary = 0;
  await waitFor(
    "HAProxy to route to the primary only",
    async () => {
      const c = new pg.Client({ connectionString: superUrl("postgres"), connectionTimeoutMillis: 2_000 });
      c.on("error", () => undefined);
      try {
        await c.connect();
        const [{ standby }] = (await c.query<{ standby: boolean }>("select pg_is_in_recovery() as standby")).rows;
        onPrimary = standby ? 0 : onPrimary + 1;
        return onPrimary >= 5;
      } finally {
        await c.end().catch(() => undefined);
      }
    },
    30_000,
    300,
  );
  log(`HAProxy on ${proxyPort} → the node whose Patroni answers /primary`);

  // ------------------------------------------------------------------------------------------------ database
  {
    const c = new pg.Client({ connectionString: superUrl("postgres") });
    c.on("error", () => undefined);
    await c.connect();
    await c.query("create database samspill");
    await c.end();
  }
  const adminUrl = superUrl("samspill");
  const { appUrl } = await prepareDatabase({ adminUrl, appPassword: APP_PASSWORD, log });
  {
    const client = createClient(appUrl, 2);
    await seedDemoData(client);
    await client.$disconnect();
  }
  const admin = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: adminUrl });
    client.on("error", () => undefined);
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
  log(`demo data loaded through HAProxy: ${participants.length} participants in ${TENANT}`);

  // ------------------------------------------------------------------------------------------------ app
  await ensureBuild({ force: args.build, log });
  const action = actionId("addActivityAction", "app/[locale]/t/[tenant]/participants/actions.ts");
  // The app's JSON log lines go to a file of their own, so its other output (errors) stays in view.
  const app = await startApp({
    appUrl,
    port: await freePort(),
    log,
    echo: args.echo,
    env: { LOG_FILE: path.join(dir, "app.log") },
  });
  const base = app.baseUrl;
  const session: Session = await signIn(base, EMAIL);
  const pageUrl = (participantId: string) => `/nb/t/${TENANT}/participants/${participantId}`;

  // ------------------------------------------------------------------------------------------------ load
  const writes: Write[] = [];
  const reads: Read[] = [];
  let running = true;
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
      } else if (answer.state) {
        detail = `HTTP ${answer.status} ${answer.state.message ?? answer.state.status}`;
      } else {
        detail = `HTTP ${answer.status}`;
      }
    } catch (error) {
      detail = `no answer (${error instanceof Error ? error.message.split("\n")[0].slice(0, 60) : String(error)})`;
    }
    const done: Write = { marker: note, start, end: now(), outcome, detail };
    writes.push(done);
    return done;
  }
  const writers = Array.from({ length: WRITERS }, async (_, writer) => {
    while (running) {
      const w = await write(writer);
      await sleep(w.outcome === "ok" ? 20 : 250); // a user tries again after a moment
    }
  });
  const readers = Array.from({ length: 2 }, async () => {
    while (running) {
      const start = now();
      const answer = await get(session, `/nb/t/${TENANT}/participants`).catch(() => ({ status: 0 }));
      reads.push({ start, end: now(), status: answer.status });
      await sleep(100);
    }
  });
  log(`${WRITERS} writers (addActivityAction) and 2 readers (participant list) started`);
  await sleep(BEFORE * 1000);

  const primary = async (): Promise<Node | undefined> => {
    for (const n of nodes) if ((await httpStatus(rest(n, "/primary"))) === 200) return n;
    return undefined;
  };
  const ackedBefore = () => writes.filter((w) => w.outcome === "ok").length;

  type Event = { name: string; at: number; newPrimary?: string; writesBack: number | null; failedFrom: number | null };
  const afterEvent = async (name: string, at: number, goalMs: number): Promise<Event> => {
    let writesBack: number | null = null;
    await waitFor(
      `writes after the ${name}`,
      () => {
        const ok = writes.filter((w) => w.outcome === "ok" && w.start > at);
        if (ok.length) writesBack = Math.min(...ok.map((w) => w.end));
        return Promise.resolve(writesBack !== null);
      },
      Math.max(60_000, goalMs * 2),
      100,
    ).catch(() => undefined);
    const failed = writes.filter((w) => w.outcome === "error" && w.end > at);
    const event: Event = {
      name,
      at,
      writesBack,
      failedFrom: failed.length ? Math.min(...failed.map((w) => w.start)) : null,
      newPrimary: (await primary())?.name,
    };
    log(
      `${name}: writes succeed again ${writesBack === null ? "never (60 s)" : secs((writesBack as number) - at)} after; primary now ${event.newPrimary ?? "none"}`,
    );
    return event;
  };

  // ------------------------------------------------------------------------------------------------ failover
  const old = await primary();
  if (!old) throw new Error("no primary before the kill");
  const pid = postmasterPidOf(old.dataDir);
  log(`${ackedBefore()} writes acknowledged; SIGKILL to ${old.name}'s postmaster (pid ${pid})`);
  const killAt = now();
  process.kill(pid, "SIGKILL");
  const failover = await afterEvent("failover", killAt, 30_000);
  await sleep(AFTER * 1000);

  // ------------------------------------------------------------------------------------------------ switchover
  await waitFor(
    "the old primary back as synchronous standby",
    async () => {
      for (const n of nodes) if ((await httpStatus(rest(n, "/sync"))) === 200) return true;
      return false;
    },
    120_000,
    500,
  );
  const leader = (await primary())!;
  const candidate = nodes.find((n) => n !== leader)!;
  log(`standby ${candidate.name} in sync again; planned switchover ${leader.name} → ${candidate.name}`);
  const switchAt = now();
  const answer = await fetch(rest(leader, "/switchover"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ leader: leader.name, candidate: candidate.name }),
  });
  log(`Patroni /switchover answered ${answer.status}: ${(await answer.text()).trim().slice(0, 100)}`);
  const switchover = await afterEvent("switchover", switchAt, 5_000);
  await sleep(AFTER * 1000);
  running = false;
  await Promise.all([...writers, ...readers]);
  const serverAlive = app.child.exitCode === null && app.child.signalCode === null;

  // ------------------------------------------------------------------------------------------------ checks
  await waitFor("HAProxy to a primary", async () => portOpen(proxyPort), 10_000);
  const rows = await admin<{ note: string; copies: number }>(
    `select a.note, count(*)::int as copies from "Activity" a where a.note like $1 group by a.note`,
    [`${marker} %`],
  );
  const inDb = new Map(rows.map((r) => [r.note, r.copies]));
  const ok = writes.filter((w) => w.outcome === "ok");
  const lost = ok.filter((w) => !inDb.has(w.marker));
  const doubled = rows.filter((r) => r.copies > 1);

  /**
   * How long writes were unavailable: the longest time without an acknowledged write between the event and
   * `until` (the next event, or the end of the run), counted from the event itself. Writes acknowledged just
   * before a connection died do not shorten it.
   */
  const outage = (e: Event, until: number) => {
    const ends = writes
      .filter((w) => w.outcome === "ok" && w.end > e.at && w.end < until)
      .map((w) => w.end)
      .sort((a, b) => a - b);
    if (!ends.length) return null;
    let worst = { from: e.at, to: ends[0] };
    let previous = e.at;
    for (const end of ends) {
      if (end - previous > worst.to - worst.from) worst = { from: previous, to: end };
      previous = end;
    }
    return worst;
  };
  const window = (from: number, to: number) => {
    const ws = writes.filter((w) => w.end > from && w.start < to);
    const rs = reads.filter((r) => r.end > from && r.start < to);
    const count = (xs: string[]) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
      return [...m].map(([k, n]) => `${n}× ${k}`).join(", ") || "none";
    };
    return {
      writes: count(ws.map((w) => w.detail)),
      reads: count(rs.map((r) => `HTTP ${r.status}`)),
      fivehundreds: ws.filter((w) => w.detail.startsWith("HTTP 500")).length + rs.filter((r) => r.status >= 500).length,
    };
  };
  const report = (e: Event, until: number, goalMs: number) => {
    const gap = outage(e, until);
    const back = gap === null ? null : gap.to - gap.from;
    // What users got from the event until writes were back (and a second more).
    const w = window(e.at, (gap?.to ?? until) + 1_000);
    console.log(
      `${e.name}: writes unavailable for ${back === null ? "THE WHOLE RUN" : secs(back)} (goal ≤ ${goalMs / 1000} s); new primary ${e.newPrimary ?? "?"}`,
    );
    console.log(`  writes answered meanwhile: ${w.writes}`);
    console.log(`  participant list meanwhile: ${w.reads}`);
    return { back, w };
  };
  console.log("");
  const f = report(failover, switchover.at, 30_000);
  const s = report(switchover, now(), 5_000);
  console.log(
    `writes: ${writes.length} in all, ${ok.length} acknowledged; acknowledged writes lost: ${lost.length} (goal 0); written twice: ${doubled.length}`,
  );
  console.log(`reads: ${reads.length}; HTTP statuses: ${[...new Set(reads.map((r) => r.status))].sort().join(", ")}`);
  console.log(`same next-server process (pid ${app.pid}) ${serverAlive ? "still running" : "GONE"}`);

  const summary = {
    at: new Date().toISOString(),
    failoverSeconds: f.back === null ? null : f.back / 1000,
    switchoverSeconds: s.back === null ? null : s.back / 1000,
    acknowledged: ok.length,
    lost: lost.length,
    doubled: doubled.length,
    failoverAnswers: f.w,
    switchoverAnswers: s.w,
  };
  mkdirSync("test-results", { recursive: true });
  writeFileSync(`test-results/drill-failover-${runId}.json`, JSON.stringify(summary, null, 2));

  const problems: string[] = [];
  if (lost.length) problems.push(`${lost.length} acknowledged writes lost (e.g. ${lost[0].marker})`);
  if (doubled.length) problems.push(`${doubled.length} writes applied twice`);
  if (f.back === null || f.back > 30_000) problems.push("writes did not succeed again within 30 s of the kill");
  if (s.back === null || s.back > 5_000) problems.push("writes did not succeed again within 5 s of the switchover");
  if (f.w.fivehundreds + s.w.fivehundreds)
    problems.push(`${f.w.fivehundreds + s.w.fivehundreds} answers were HTTP 500`);
  if (!serverAlive) problems.push("the app exited");
  console.log("");
  const generic = writes.filter((w) => w.detail.includes("errors:generic")).length;
  if (problems.length || generic) {
    console.log("the app's error lines (last 20):");
    for (const line of app
      .output()
      .filter((l) => /error|⨯/i.test(l))
      .slice(-20))
      console.log(`  ${line.slice(0, 300)}`);
  }
  for (const p of problems) console.log(`✗ ${p}`);
  if (!problems.length) console.log("✓ nothing acknowledged was lost; writes came back by themselves within the goals");
  return problems.length ? 1 : 0;
});
