/**
 * `npm run loadtest`: the production server under load on the big bench data set (samspill_bench, loaded by
 * `npm run bench:seed -- --tenants 200 --participants 200000`).
 *
 * Builds when .next holds no production build, starts `next start` as the app role on samspill_bench on a free
 * port in 3300–3399, signs in one coordinator of each of 50 tenants (spread over the tenant sizes) through
 * next-auth's credentials endpoint, and then, with autocannon, lets them work for 60 s over 50 connections, each
 * user in its own tenant: the participant list (filters, sorts, pages), a participant's page, the dashboard,
 * and writes — the real server action addActivityAction, posted to the participant's page as React's client
 * posts it (Next-Action header, body from React's encodeReply), each with a unique marker in its note.
 *
 * Reports requests, bad answers and latency p50/p90/p99 per kind and overall, requests/s, and the next-server
 * process's resident memory (sampled every second: start, peak, end); then checks in the database that every
 * write answered "ok" added exactly one activity (with its audit event) and that no other activity was added.
 * Exits non-zero on any error, timeout, answer other than 2xx/3xx (or a write not answered "ok"), or mismatch.
 *
 *   npm run loadtest -- [--duration 60] [--connections 50] [--users 50] [--timeout 10] [--pool-size n] [--build] [--echo]
 */
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { openBenchDatabase, readSeedInfo, BENCH_DATABASE } from "../bench/db.ts";
import { percentile } from "../bench/stats.ts";
import { decodeActionState } from "../../tests/e2e/isolation/client.ts";
import { TARGET_GROUPS, PARTICIPANT_STATUSES, SORTS } from "../../lib/participants/schemas.ts";
import {
  main,
  onCleanup,
  ensureBuild,
  freePort,
  startApp,
  rssBytes,
  cpuSeconds,
  treeCpuSeconds,
  postmasterPid,
  signIn,
  cookieHeader,
  actionId,
  encodeAction,
  actionHeaders,
  isoDay,
  type AppServer,
} from "./app.ts";
import { startBalancer, type Balancer } from "./balancer.ts";
import { openSession, DEMO_PASSWORD } from "../../tests/e2e/isolation/client.ts";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "50" },
    users: { type: "string", default: "50" },
    timeout: { type: "string", default: "10" },
    "pool-size": { type: "string" },
    instances: { type: "string", default: "1" },
    build: { type: "boolean", default: false },
    echo: { type: "boolean", default: false },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const USERS = Math.min(Number(args.users), CONNECTIONS);
const TIMEOUT = Number(args.timeout);
const INSTANCES = Number(args.instances);
if (![DURATION, CONNECTIONS, USERS, TIMEOUT, INSTANCES].every((n) => Number.isInteger(n) && n >= 1) || INSTANCES > 8) {
  console.error(
    "usage: npm run loadtest -- [--duration s] [--connections n] [--users n] [--timeout s] [--pool-size n] [--instances 1–8] [--build] [--echo]",
  );
  process.exit(1);
}

// autocannon ships no types; the part of its API used here.
type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (
    status: number,
    body: string,
    context: Record<string, unknown>,
    headers: Record<string, string | string[]>,
  ) => void;
};
type AutocannonResult = {
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  resets: number;
  requests: { sent: number };
};
type AutocannonInstance = Promise<AutocannonResult> & {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  on(event: "reqError", fn: (error: Error) => void): void;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: AutocannonRequest[];
  headers?: Record<string, string>;
}) => AutocannonInstance;

const log = (m: string) => console.log(`[loadtest] ${m}`);
const fmt = (n: number) => n.toLocaleString("en-US");
const mb = (bytes: number | null) => (bytes === null ? "–" : `${Math.round(bytes / 1024 / 1024)} MB`);

const KINDS = ["list", "participant", "dashboard", "write"] as const;
type Kind = (typeof KINDS)[number];
const LABELS: Record<Kind, string> = {
  list: "participant list",
  participant: "participant page",
  dashboard: "dashboard",
  write: "add activity (action)",
};
/** The mix: of every 20 requests a user makes, 6 list pages, 6 participant pages, 3 dashboards, 5 writes. */
const WEIGHTS: Record<Kind, number> = { list: 6, participant: 6, dashboard: 3, write: 5 };

/** One sequence of 20 kinds in which the weights are spread evenly (smooth weighted round-robin). */
function mixSequence(): Kind[] {
  const total = KINDS.reduce((s, k) => s + WEIGHTS[k], 0);
  const current: Record<Kind, number> = { list: 0, participant: 0, dashboard: 0, write: 0 };
  const sequence: Kind[] = [];
  for (let i = 0; i < total; i++) {
    for (const k of KINDS) current[k] += WEIGHTS[k];
    const pick = KINDS.reduce((a, b) => (current[b] > current[a] ? b : a));
    current[pick] -= total;
    sequence.push(pick);
  }
  return sequence;
}

type VirtualUser = {
  no: number;
  email: string;
  tenantId: string;
  slug: string;
  locale: string;
  participants: string[];
  organisationId: string;
  codePrefix: string;
  cookie: string;
  connections: number;
};

await main(async () => {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const marker = `loadtest ${runId}`;

  // ---------------------------------------------------------------------------------------------- database
  let database: Awaited<ReturnType<typeof openBenchDatabase>>;
  try {
    database = await openBenchDatabase({ reset: false, log });
  } catch (error) {
    console.error(`[loadtest] ${error instanceof Error ? error.message : String(error)}`);
    console.error(
      "[loadtest] seed the bench data set first (~1½ minutes):\n  npm run bench:seed -- --tenants 200 --participants 200000",
    );
    return 2;
  }
  onCleanup("bench database", () => database.stop());
  const admin = new pg.Client({ connectionString: database.adminUrl });
  await admin.connect();
  onCleanup("admin connection", () => admin.end());
  const seed = await readSeedInfo(admin);
  if (!seed) {
    console.error(
      `[loadtest] ${BENCH_DATABASE} holds no complete seed: run \`npm run bench:seed -- --tenants 200 --participants 200000\` first.`,
    );
    return 2;
  }
  // Activities an interrupted or failed earlier run left behind (a passing run removes its own).
  const { rowCount: leftovers } = await admin.query(`delete from "Activity" where note like 'loadtest %'`);
  if (leftovers) log(`removed ${fmt(leftovers)} activities an earlier run left behind`);
  const {
    rows: [sizes],
  } = await admin.query<{ tenants: number; participants: number; activities: number; size: string }>(`
    select (select count(*) from "Tenant")::int as tenants, (select count(*) from "Participant")::int as participants,
           (select count(*) from "Activity")::int as activities, pg_size_pretty(pg_database_size(current_database())) as size`);
  log(
    `data: ${fmt(sizes.tenants)} tenants, ${fmt(sizes.participants)} participants, ${fmt(sizes.activities)} activities, ${sizes.size} (seeded ${seed.seededAt})`,
  );

  // The users: a coordinator (or administrator) of each of USERS tenants, evenly spread over the tenants ordered by size.
  const { rows: tenants } = await admin.query<{
    id: string;
    slug: string;
    locale: string;
    prefix: string;
    participants: number;
    email: string;
  }>(`
    select t.id, t.slug, t."defaultLocale"::text as locale, t."codePrefix" as prefix,
           (select count(*) from "Participant" p where p."tenantId" = t.id and p."anonymisedAt" is null)::int as participants,
           (select u.email from "Membership" m join "User" u on u.id = m."userId"
             where m."tenantId" = t.id and m.role in ('COORDINATOR', 'TENANT_ADMIN') order by m.role, u.email limit 1) as email
    from "Tenant" t where t.status = 'ACTIVE'
    order by participants, t.slug`);
  const usable = tenants.filter((t) => t.email && t.participants > 0);
  if (usable.length < USERS)
    throw new Error(`only ${usable.length} tenants with a coordinator and participants; --users ${USERS} needs more`);
  const chosen = Array.from({ length: USERS }, (_, i) => usable[Math.floor(((i + 0.5) * usable.length) / USERS)]);
  const users: VirtualUser[] = [];
  for (const [no, t] of chosen.entries()) {
    const { rows: participants } = await admin.query<{ id: string }>(
      `select id from "Participant" where "tenantId" = $1 and "anonymisedAt" is null order by md5(id) limit 100`,
      [t.id],
    );
    const {
      rows: [organisation],
    } = await admin.query<{ id: string }>(
      `select id from "Organisation" where "tenantId" = $1 and active order by name limit 1`,
      [t.id],
    );
    users.push({
      no,
      email: t.email,
      tenantId: t.id,
      slug: t.slug,
      locale: t.locale,
      participants: participants.map((p) => p.id),
      organisationId: organisation.id,
      codePrefix: t.prefix,
      cookie: "",
      connections: Math.floor(CONNECTIONS / USERS) + (no < CONNECTIONS % USERS ? 1 : 0),
    });
  }
  log(
    `${USERS} users in tenants of ${fmt(chosen[0].participants)}–${fmt(chosen[chosen.length - 1].participants)} participants, ${CONNECTIONS} connections`,
  );

  // ---------------------------------------------------------------------------------------------- server(s)
  await ensureBuild({ force: args.build, log });
  const writeAction = actionId("addActivityAction", "app/[locale]/t/[tenant]/participants/actions.ts");
  const poolEnv: Record<string, string> = args["pool-size"] ? { DB_POOL_SIZE: args["pool-size"] } : {};
  const apps: AppServer[] = [];
  let balancer: Balancer | null = null;
  let base: string;
  if (INSTANCES === 1) {
    apps.push(await startApp({ appUrl: database.appUrl, port: await freePort(), log, echo: args.echo, env: poolEnv }));
    base = apps[0].baseUrl;
  } else {
    // Every replica as production runs them: the same AUTH_SECRET (serverEnv), the balancer's public URL.
    const balancerPort = await freePort(3400, 3499);
    for (let i = 0; i < INSTANCES; i++) {
      apps.push(
        await startApp({
          appUrl: database.appUrl,
          port: await freePort(),
          log,
          echo: args.echo,
          env: { ...poolEnv, NEXTAUTH_URL: `http://localhost:${balancerPort}` },
        }),
      );
    }
    balancer = await startBalancer({
      port: balancerPort,
      servers: apps.map((a, i) => ({ name: `app${i + 1}`, port: a.port })),
      log,
    });
    base = balancer.baseUrl;
  }

  // Sign-in: argon2 verification costs ~0.1 s of CPU each; a few at a time.
  const t0 = performance.now();
  for (let i = 0; i < users.length; i += 4) {
    await Promise.all(
      users.slice(i, i + 4).map(async (u) => {
        u.cookie = await cookieHeader(await signIn(base, u.email));
      }),
    );
  }
  log(`${users.length} users signed in (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  // ---------------------------------------------------------------------------------------------- one app, many replicas
  // What must hold for replicas behind a balancer without sticky sessions, checked on the replicas directly.
  const replicaChecks: string[] = [];
  if (apps.length > 1) {
    const [one] = apps;
    // A session made on one replica opens pages on the other (signed cookie, AUTH_SECRET shared).
    const session = await cookieHeader(await signIn(one.baseUrl, users[0].email));
    const page = `/${users[0].locale}/t/${users[0].slug}/participants`;
    const answers = await Promise.all(
      apps.map((a) =>
        fetch(a.baseUrl + page, { headers: { cookie: session }, redirect: "manual" }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    const sessionHolds = answers.every((status) => status === 200);
    replicaChecks.push(
      `${sessionHolds ? "✓" : "✗"} a session signed in on ${one.baseUrl} opens ${page} on every replica (${answers.join(", ")})`,
    );
    // Failed sign-ins are counted in PostgreSQL: ten wrong passwords spread over the replicas lock the account on all.
    const {
      rows: [victim],
    } = await admin.query<{ email: string }>(
      `select u.email from "User" u where u."passwordHash" is not null and u.email <> all($1) order by u.email limit 1`,
      [users.map((u) => u.email)],
    );
    const tryPassword = async (app: AppServer, password: string) => {
      const api = await openSession(app.baseUrl, "lockout", null);
      try {
        const csrf = await api.api.get("/api/auth/csrf");
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        await api.api.post("/api/auth/callback/credentials", {
          form: { csrfToken, email: victim.email, password, json: "true" },
          maxRedirects: 0,
        });
        return (await api.api.storageState()).cookies.some((c) => /session-token/.test(c.name));
      } finally {
        await api.api.dispose();
      }
    };
    for (let i = 0; i < 10; i++) await tryPassword(apps[i % apps.length], `wrong-${i}`);
    const lockedEverywhere = (await Promise.all(apps.map((a) => tryPassword(a, DEMO_PASSWORD)))).every(
      (signedIn) => !signedIn,
    );
    const {
      rows: [counted],
    } = await admin.query<{ n: number }>(`select coalesce(sum(count), 0)::int as n from "RateLimit" where key = $1`, [
      `signin:account:${victim.email}`,
    ]);
    replicaChecks.push(
      `${lockedEverywhere && counted.n >= 10 ? "✓" : "✗"} ten wrong passwords for one account, alternating over ${apps.length} replicas, lock it on every replica (${counted.n} failures counted in PostgreSQL)`,
    );
    await admin.query(`delete from "RateLimit" where key = $1`, [`signin:account:${victim.email}`]);
    for (const line of replicaChecks) log(line);
  }

  // The write's body, encoded once per user by React's encodeReply with placeholders for the participant and the
  // note; both are replaced per request with text of the same safe alphabet ([a-z0-9 -]), which encodeReply
  // would have written as it is. Checked below against a real encoding.
  const PID = "pidplaceholder";
  const NOTE = "noteplaceholder";
  const writeForm = (u: VirtualUser, participantId: string, note: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      type: "WORK_PRACTICE",
      status: "PLANNED",
      organisationId: u.organisationId,
      startDate: isoDay(),
      endDate: "",
      hoursPerWeek: "20",
      note,
    }))
      form.set(k, v);
    // The arguments as the browser sends them: the bound tenant and participant, the form's previous state, the form.
    return [u.slug, participantId, { status: "idle" }, form];
  };
  const templates = new Map<number, { body: string; contentType: string }>();
  for (const u of users) {
    const { body, contentType } = await encodeAction(writeForm(u, PID, NOTE));
    templates.set(u.no, { body: body.toString("utf8"), contentType });
  }
  {
    const u = users[0];
    const real = await encodeAction(writeForm(u, u.participants[0], `${marker} check`));
    const boundary = (ct: string) => /boundary=(.*)$/.exec(ct)?.[1] ?? "";
    const template = templates.get(u.no)!;
    const fromTemplate = template.body
      .replace(PID, u.participants[0])
      .replace(NOTE, `${marker} check`)
      .split(boundary(template.contentType))
      .join("B");
    if (fromTemplate !== real.body.toString("utf8").split(boundary(real.contentType)).join("B")) {
      throw new Error("the write's body template does not match React's encoding");
    }
  }

  // A few rounds of every page per user, on every replica, before measuring: the server loads its code lazily,
  // the database's pages come into memory.
  const warm = performance.now();
  for (const app of apps) {
    for (let i = 0; i < users.length; i += 5) {
      await Promise.all(
        users.slice(i, i + 5).map(async (u) => {
          for (const path of [
            `/${u.locale}/t/${u.slug}/participants`,
            `/${u.locale}/t/${u.slug}/participants/${u.participants[0]}`,
            `/${u.locale}/t/${u.slug}/dashboard`,
          ]) {
            const response = await fetch(app.baseUrl + path, { headers: { cookie: u.cookie }, redirect: "manual" });
            await response.arrayBuffer();
            if (response.status !== 200)
              throw new Error(`warm-up: ${path} on ${app.baseUrl} answered ${response.status}`);
          }
        }),
      );
    }
  }
  log(`warm-up: ${users.length * 3 * apps.length} pages (${((performance.now() - warm) / 1000).toFixed(1)} s)`);

  const listQueries: string[] = [];
  for (const sort of SORTS) {
    listQueries.push(`sort=${sort}`, `sort=${sort}&page=2`);
    for (const [i, targetGroup] of TARGET_GROUPS.entries()) {
      listQueries.push(
        `targetGroup=${targetGroup}&status=${PARTICIPANT_STATUSES[i % PARTICIPANT_STATUSES.length]}&sort=${sort}&page=${1 + (i % 3)}`,
      );
    }
  }
  listQueries.push("status=ACTIVE&page=5", "q=__PREFIX__", "targetGroup=YOUNG_ADULT&sort=newest&page=3");
  const sequence = mixSequence();
  const postgresPid = database.embedded ? await postmasterPid(database.adminUrl).catch(() => null) : null;

  // ---------------------------------------------------------------------------------------------- a run
  /** One run of the mix against `base` with the replicas `serving` in the rotation; prints its report. */
  const measure = async (
    label: string,
    serving: AppServer[],
  ): Promise<{
    requestsPerSecond: number;
    cpu: { servers: number; postgres: number; generator: number };
    problems: string[];
  }> => {
    if (balancer)
      for (const [i, a] of apps.entries())
        await balancer.setServer(`app${i + 1}`, serving.includes(a) ? "ready" : "maint");
    const runMarker = `${marker}-${label.replace(/\W+/g, "")}`;
    const {
      rows: [before],
    } = await admin.query<{ n: number }>(`select count(*)::int as n from "Activity"`);
    const latencies: Record<Kind, number[]> = { list: [], participant: [], dashboard: [], write: [] };
    const statuses: Record<Kind, Map<number, number>> = {
      list: new Map(),
      participant: new Map(),
      dashboard: new Map(),
      write: new Map(),
    };
    const bad: Record<Kind, number> = { list: 0, participant: 0, dashboard: 0, write: 0 };
    const okMarkers = new Set<string>();
    const failedMarkers = new Set<string>();
    const sentMarkers = new Set<string>();
    const badSamples: string[] = [];
    const requestErrors = new Map<string, number>();
    // onResponse (per request) runs just before the instance's "response" event for the same answer.
    let answered: Kind | null = null;

    const requestsFor = (u: VirtualUser): AutocannonRequest[] => {
      const counters = { list: u.no * 7, participant: u.no * 13, write: u.no * 17, writeSeq: 0 };
      const nextParticipant = (key: "participant" | "write") => u.participants[counters[key]++ % u.participants.length];
      const track =
        (
          kind: Kind,
          check?: (status: number, body: string, context: Record<string, unknown>, type: string) => boolean,
        ) =>
        (
          status: number,
          body: string,
          context: Record<string, unknown>,
          headers: Record<string, string | string[]>,
        ) => {
          answered = kind;
          statuses[kind].set(status, (statuses[kind].get(status) ?? 0) + 1);
          const type = String(Object.entries(headers).find(([k]) => k.toLowerCase() === "content-type")?.[1] ?? "");
          const ok = status >= 200 && status < 400 && (check ? check(status, body, context, type) : status === 200);
          if (!ok) {
            bad[kind]++;
            if (badSamples.length < 5)
              badSamples.push(
                `${kind} ${status} ${typeof context.path === "string" ? context.path : ""}: ${body.slice(0, 300)}`,
              );
          }
        };
      const rotate = u.no % sequence.length;
      return [...sequence.slice(rotate), ...sequence.slice(0, rotate)].map((kind): AutocannonRequest => {
        const page = (path: () => string): AutocannonRequest => ({
          method: "GET",
          setupRequest: (req, context) => {
            context.path = req.path = path();
            return req;
          },
          onResponse: track(kind),
        });
        switch (kind) {
          case "list":
            return page(
              () =>
                `/${u.locale}/t/${u.slug}/participants?${listQueries[counters.list++ % listQueries.length].replace("__PREFIX__", u.codePrefix)}`,
            );
          case "participant":
            return page(() => `/${u.locale}/t/${u.slug}/participants/${nextParticipant("participant")}`);
          case "dashboard":
            return page(() => `/${u.locale}/t/${u.slug}/dashboard`);
          case "write": {
            const template = templates.get(u.no)!;
            return {
              method: "POST",
              headers: actionHeaders(base, writeAction, template.contentType, u.cookie),
              setupRequest: (req, context) => {
                const participantId = nextParticipant("write");
                const note = `${runMarker} ${u.no}-${counters.writeSeq++}`;
                context.note = note;
                context.path = req.path = `/${u.locale}/t/${u.slug}/participants/${participantId}`;
                req.body = template.body.replace(PID, participantId).replace(NOTE, note);
                sentMarkers.add(note);
                return req;
              },
              onResponse: track("write", (status, body, context, type) => {
                const ok = status === 200 && decodeActionState(body, type)?.status === "ok";
                (ok ? okMarkers : failedMarkers).add(String(context.note));
                return ok;
              }),
            };
          }
        }
      });
    };

    log(
      `${label}: running ${DURATION} s, ${CONNECTIONS} connections, mix per 20 requests ${KINDS.map((k) => `${WEIGHTS[k]} ${k}`).join(", ")}`,
    );
    const loadBefore = os.loadavg()[0].toFixed(2);
    const memory = new Map<AppServer, number[]>(serving.map((a) => [a, []]));
    const sample = () => {
      for (const a of serving) {
        const rss = rssBytes(a.pid);
        if (rss !== null) memory.get(a)!.push(rss);
      }
    };
    sample();
    const sampler = setInterval(sample, 1000);
    const countsBefore = balancer ? await balancer.counts() : null;
    const serversCpu = () => serving.reduce((sum, a) => sum + (cpuSeconds(a.pid) ?? NaN), 0);
    const cpuBefore = {
      servers: serversCpu(),
      generator: process.cpuUsage(),
      postgres: postgresPid ? treeCpuSeconds(postgresPid) : NaN,
    };
    const started = performance.now();
    const instances = users
      .filter((u) => u.connections > 0)
      .map((u) => {
        const instance = autocannon({
          url: base,
          connections: u.connections,
          duration: DURATION,
          timeout: TIMEOUT,
          headers: { cookie: u.cookie, "accept-language": u.locale === "sv" ? "sv-SE" : "nb-NO" },
          requests: requestsFor(u),
        });
        instance.on("response", (_client, _status, _bytes, ms) => {
          if (answered) latencies[answered].push(ms);
          answered = null;
        });
        instance.on("reqError", (error) =>
          requestErrors.set(error.message, (requestErrors.get(error.message) ?? 0) + 1),
        );
        return instance;
      });
    const results = await Promise.all(instances);
    const seconds = (performance.now() - started) / 1000;
    const serverCpu = serversCpu() - cpuBefore.servers;
    const generatorCpu = (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuBefore.generator));
    const postgresCpu = postgresPid ? treeCpuSeconds(postgresPid) - cpuBefore.postgres : NaN;
    clearInterval(sampler);
    sample();
    const countsAfter = balancer ? await balancer.counts() : null;

    // A write cut off when the run ended may still commit: wait until the servers have nothing in flight.
    await new Promise((r) => setTimeout(r, 2_000));
    const {
      rows: [after],
    } = await admin.query<{ n: number }>(`select count(*)::int as n from "Activity"`);
    const { rows: written } = await admin.query<{ note: string; copies: number; audited: number }>(
      `
      select a.note, count(*)::int as copies,
             count(*) filter (where exists (select 1 from "AuditEvent" e where e."tenantId" = a."tenantId" and e."entityId" = a.id and e.action = 'activity.created'))::int as audited
      from "Activity" a where a.note like $1 group by a.note`,
      [`${runMarker} %`],
    );
    const inDb = new Map(written.map((w) => [w.note, w]));
    const problems: string[] = [];
    const missing = [...okMarkers].filter((m) => !inDb.has(m));
    const duplicated = written.filter((w) => w.copies > 1);
    const unaudited = written.filter((w) => w.audited !== w.copies);
    const appliedDespiteError = [...failedMarkers].filter((m) => inDb.has(m));
    const unanswered = written.filter((w) => !okMarkers.has(w.note) && !failedMarkers.has(w.note));
    const rowsAdded = after.n - before.n;
    const rowsMarked = written.reduce((s, w) => s + w.copies, 0);

    const total = KINDS.reduce((s, k) => s + latencies[k].length, 0);
    const errors = results.reduce((s, r) => s + r.errors, 0);
    const timeouts = results.reduce((s, r) => s + r.timeouts, 0);
    const non2xx3xx = KINDS.reduce(
      (s, k) => s + [...statuses[k]].filter(([code]) => code < 200 || code >= 400).reduce((a, [, n]) => a + n, 0),
      0,
    );
    const all = KINDS.flatMap((k) => latencies[k]);
    const row = (name: string, values: number[], requests: number, badCount: number | string) =>
      `${name.padEnd(24)}${fmt(requests).padStart(9)}${(requests / seconds).toFixed(1).padStart(8)}${String(badCount).padStart(6)}` +
      [50, 90, 99].map((p) => (values.length ? percentile(values, p).toFixed(0) : "–").padStart(8)).join("") +
      (values.length ? Math.max(...values).toFixed(0) : "–").padStart(8);
    console.log("");
    console.log(`── ${label} ──`);
    console.log(
      `run: ${seconds.toFixed(1)} s, ${CONNECTIONS} connections, app DB pool ${args["pool-size"] ?? process.env.DB_POOL_SIZE ?? "10 (default)"} per replica; load average before ${loadBefore}, after ${os.loadavg()[0].toFixed(2)}`,
    );
    console.log("");
    console.log(
      `${"kind".padEnd(24)}${"requests".padStart(9)}${"req/s".padStart(8)}${"bad".padStart(6)}${"p50 ms".padStart(8)}${"p90 ms".padStart(8)}${"p99 ms".padStart(8)}${"max ms".padStart(8)}`,
    );
    for (const k of KINDS) console.log(row(LABELS[k], latencies[k], latencies[k].length, bad[k]));
    console.log(
      row(
        "all",
        all,
        total,
        KINDS.reduce((s, k) => s + bad[k], 0),
      ),
    );
    console.log("");
    if (countsBefore && countsAfter) {
      console.log(
        `requests per replica (HAProxy): ${apps.map((a, i) => `app${i + 1} ${fmt((countsAfter.get(`app${i + 1}`) ?? 0) - (countsBefore.get(`app${i + 1}`) ?? 0))}`).join(", ")}`,
      );
    }
    console.log(
      `answers other than 2xx/3xx: ${non2xx3xx}; status codes: ${KINDS.map((k) => `${k} ${[...statuses[k]].map(([c, n]) => `${c}×${fmt(n)}`).join(" ")}`).join("; ")}`,
    );
    console.log(
      `connection errors: ${errors} (timeouts ${timeouts})${requestErrors.size ? ": " + [...requestErrors].map(([m, n]) => `${m} ×${n}`).join(", ") : ""}`,
    );
    for (const [i, a] of serving.entries()) {
      const m = memory.get(a)!;
      console.log(
        `next-server${serving.length > 1 ? ` ${i + 1}` : ""} memory (RSS): start ${mb(m[0] ?? null)}, peak ${mb(m.length ? Math.max(...m) : null)}, end ${mb(m[m.length - 1] ?? null)} (${m.length} samples; every 10 s: ${m
          .filter((_, j) => j % 10 === 0)
          .map((b) => Math.round(b / 2 ** 20))
          .join(" ")} MB)`,
      );
    }
    console.log(
      `CPU during the run: next-server${serving.length > 1 ? `s (${serving.length})` : ""} ${serverCpu.toFixed(0)} s (${(serverCpu / seconds).toFixed(2)} cores), PostgreSQL ${Number.isNaN(postgresCpu) ? "–" : `${postgresCpu.toFixed(0)} s (${(postgresCpu / seconds).toFixed(2)} cores)`}, ` +
        `this load generator ${generatorCpu.toFixed(0)} s (${(generatorCpu / seconds).toFixed(2)} cores), of ${os.cpus().length} cores`,
    );
    console.log(
      `writes: ${fmt(sentMarkers.size)} sent, ${fmt(okMarkers.size)} answered ok, ${fmt(failedMarkers.size)} answered otherwise; ` +
        `activities added ${fmt(rowsAdded)} (${fmt(rowsMarked)} with this run's marker, ${fmt(unanswered.length)} of them from writes cut off unanswered at the end)`,
    );
    for (const sampleText of badSamples) console.log(`  bad answer: ${sampleText.replace(/\s+/g, " ")}`);

    if (non2xx3xx || errors || timeouts)
      problems.push(`${non2xx3xx} answers other than 2xx/3xx, ${errors} errors (${timeouts} timeouts)`);
    const badTotal = KINDS.reduce((s, k) => s + bad[k], 0);
    if (badTotal) problems.push(`${badTotal} unexpected answers (pages not 200, writes not "ok")`);
    if (missing.length)
      problems.push(`${missing.length} writes answered ok are not in the database (e.g. "${missing[0]}")`);
    if (duplicated.length) problems.push(`${duplicated.length} writes are in the database more than once`);
    if (unaudited.length) problems.push(`${unaudited.length} activities without their audit event`);
    if (appliedDespiteError.length)
      problems.push(`${appliedDespiteError.length} writes answered with an error were applied`);
    if (rowsAdded !== rowsMarked)
      problems.push(`${rowsAdded - rowsMarked} activities were added that no write of this run made`);
    if (rowsMarked !== okMarkers.size + unanswered.length)
      problems.push(
        `activities with the marker ${rowsMarked} ≠ writes answered ok ${okMarkers.size} + unanswered ${unanswered.length}`,
      );
    if (unanswered.length > CONNECTIONS)
      problems.push(`${unanswered.length} unanswered writes applied: more than one per connection`);
    if (!total) problems.push("no request was answered");
    if (!problems.length)
      console.log(
        `✓ no errors; every write answered ok is in the database exactly once, with its audit event (${fmt(okMarkers.size)} + ${unanswered.length} cut off at the end)`,
      );
    for (const p of problems) console.log(`✗ ${p}`);
    return {
      requestsPerSecond: total / seconds,
      cpu: { servers: serverCpu / seconds, postgres: postgresCpu / seconds, generator: generatorCpu / seconds },
      problems,
    };
  };

  // ---------------------------------------------------------------------------------------------- report
  console.log("");
  console.log(
    `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GB · Node ${process.version}`,
  );
  console.log(
    `data: ${fmt(sizes.tenants)} tenants, ${fmt(sizes.participants)} participants, ${fmt(sizes.activities)} activities (${sizes.size}); ${USERS} users in tenants of ${fmt(chosen[0].participants)}–${fmt(chosen[chosen.length - 1].participants)} participants`,
  );
  const problems: string[] = replicaChecks.filter((c) => c.startsWith("✗")).map((c) => c.slice(2));
  const runs: {
    label: string;
    requestsPerSecond: number;
    cpu: { servers: number; postgres: number; generator: number };
  }[] = [];
  // With replicas: the same mix through the same balancer, first with one replica in the rotation, then with all.
  for (const serving of apps.length > 1 ? [apps.slice(0, 1), apps] : [apps]) {
    const label =
      apps.length > 1
        ? `${serving.length} ${serving.length === 1 ? "replica" : "replicas"} behind HAProxy`
        : "one next start";
    const result = await measure(label, serving);
    problems.push(...result.problems.map((p) => `${label}: ${p}`));
    runs.push({ label, ...result });
  }
  if (apps.length > 1) {
    const [one, many] = runs;
    const ratio = many.requestsPerSecond / one.requestsPerSecond;
    const cores = os.cpus().length;
    const busy = (r: typeof one) =>
      r.cpu.servers + (Number.isNaN(r.cpu.postgres) ? 0 : r.cpu.postgres) + r.cpu.generator;
    console.log("");
    console.log("goals");
    for (const line of replicaChecks) console.log(`  ${line.startsWith("✓") ? "HOLDS " : "MISSED"}  ${line.slice(2)}`);
    console.log(
      `  ${(ratio >= 1.5 ? "HOLDS " : "MISSED").padEnd(7)} throughput with ${apps.length} replicas ≥ 1.5× one: ${many.requestsPerSecond.toFixed(1)} vs ${one.requestsPerSecond.toFixed(1)} req/s = ${ratio.toFixed(2)}×`,
    );
    console.log(
      `          CPU in use (of ${cores} cores): one replica ${busy(one).toFixed(2)} (app ${one.cpu.servers.toFixed(2)}, PostgreSQL ${one.cpu.postgres.toFixed(2)}, load generator ${one.cpu.generator.toFixed(2)}); ` +
        `${apps.length} replicas ${busy(many).toFixed(2)} (apps ${many.cpu.servers.toFixed(2)}, PostgreSQL ${many.cpu.postgres.toFixed(2)}, load generator ${many.cpu.generator.toFixed(2)})`,
    );
    if (ratio < 1.5 && busy(many) > cores * 0.9) {
      console.log(
        `          the machine is saturated: with ${apps.length} replicas every core is busy (PostgreSQL and the load generator share them), so a second replica can only take the CPU the first left idle`,
      );
    }
  }
  console.log("");
  for (const p of problems) console.log(`✗ ${p}`);
  const { rowCount } = await admin.query(`delete from "Activity" where note like $1`, [`${marker}%`]);
  // The activities the runs added: the bench data set is reloaded by bench:seed; removed to keep it as seeded.
  log(
    `removed the runs' ${fmt(rowCount ?? 0)} activities again (their audit events stay: the audit log is append-only)`,
  );
  if (problems.length) {
    for (const a of apps)
      if (a.errorLines()) console.log(`server output (last lines):\n${a.output().slice(-20).join("\n")}`);
    return 1;
  }
  return 0;
});
