/**
 * `npm run bench`: on the data `npm run bench:seed` loaded, for one tenant of ~2 000 participants, measures
 *  (a) the dashboard's data load — its statement (queryIndicators) in withTenant() through the app role's Prisma
 *      client, past the cache computeIndicators() keeps while the tenant's data is unchanged — against a floor: the same aggregates as one hand-written SQL statement, sent with a plain pg client as
 *      the app role with app.tenant_id set (scripts/bench/floors.ts);
 *  (b) the participant list's query — listParticipants() for settled refugees, status active, sorted by name,
 *      page 2 — against a hand-written statement doing the same filter, sort and page with the total, the
 *      current step and the latest outcome.
 * Both pairs are first checked to give the same results (the script exits non-zero if not), then warmed up
 * and timed interleaved. Prints p50/p95, the ratios and whether the goals hold; writes the figures to
 * bench-results/.
 *
 *  (c) pages: Node CPU per request and latency of the tenant home, participant list, participant page and
 *      dashboard on `next start` (the production build), each as a ratio to the sign-in page (scripts/bench/pages.ts).
 *      The data version does not change during the run, so the dashboard page's figures come from the cache
 *      after its first request; (a) gives the statement's cost when they do not.
 *
 *   npm run bench -- [--runs 30] [--warmup 5] [--size 2000 | --tenant bench-042] [--page-requests 200] [--no-pages]
 */
import { parseArgs } from "node:util";
import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { openBenchDatabase, readSeedInfo, BENCH_DATABASE } from "./db.ts";
import { dashboardFloor, compareGrouped, listFloor, fromApp, compareLists, type Grouped } from "./floors.ts";
import { measurePair, summarise, type Summary } from "./stats.ts";
import { benchPages, type PageFigure } from "./pages.ts";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "30" },
    warmup: { type: "string", default: "5" },
    size: { type: "string", default: "2000" },
    tenant: { type: "string" },
    "page-requests": { type: "string", default: "200" },
    "no-pages": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUP = Number(args.warmup);
const SIZE = Number(args.size);
if (![RUNS, WARMUP, SIZE].every((n) => Number.isInteger(n) && n >= 0) || RUNS < 1) {
  console.error("usage: npm run bench -- [--runs n ≥ 1] [--warmup n] [--size participants | --tenant slug]");
  process.exit(1);
}

const GOALS = { dashboardRatio: 1.5, dashboardP95Ms: 300, listRatio: 2, pageRatio: 2 };
const PAGE_REQUESTS = Number(args["page-requests"]);
// V8 optimises a page's code over its first few dozen requests: the figures are those of a server that has
// served each page that often (with 10, the signed-in pages, which run more code, still paid for compiling it).
const PAGE_WARMUP = 60;
const PAGE_CONCURRENCY = 4;
const LIST_QUERY = { targetGroup: "SETTLED_REFUGEE", status: "ACTIVE", sort: "name", page: 2 } as const;

const log = (m: string) => console.log(`[bench] ${m}`);
const fmt = (n: number) => n.toLocaleString("en-US");
const ms = (n: number) => n.toFixed(1);

const database = await openBenchDatabase({ reset: false, log });
const admin = new pg.Client({ connectionString: database.adminUrl });
const floorClient = new pg.Client({ connectionString: database.appUrl });
const cleanups: (() => Promise<unknown>)[] = [() => admin.end(), () => floorClient.end(), () => database.stop()];
let exitCode = 0;

try {
  await admin.connect();
  const seed = await readSeedInfo(admin);
  if (!seed) throw new Error(`${BENCH_DATABASE} holds no complete seed: run \`npm run bench:seed\` first.`);

  // The tenant: the one named, or the one whose size is nearest to --size (the owner sees every tenant).
  const {
    rows: [tenant],
  } = await admin.query<{ id: string; slug: string; participants: number }>(
    `
    select t.id, t.slug, count(p.id)::int as participants
    from "Tenant" t join "Participant" p on p."tenantId" = t.id
    where $1::text is null or t.slug = $1
    group by t.id, t.slug
    order by abs(count(p.id) - $2), t.slug
    limit 1`,
    [args.tenant ?? null, SIZE],
  );
  if (!tenant) throw new Error(`no tenant ${args.tenant ?? ""} in ${BENCH_DATABASE}`);
  const {
    rows: [sizes],
  } = await admin.query<Record<string, number>>(
    `
    select (select count(*) from "Enrolment" where "tenantId" = $1)::int as enrolments,
           (select count(*) from "Activity" where "tenantId" = $1)::int as activities,
           (select count(*) from "Outcome" where "tenantId" = $1)::int as outcomes,
           (select count(*) from "Consent" where "tenantId" = $1)::int as consents,
           (select count(*) from "Activity")::int as "allActivities",
           (select count(*) from "Participant")::int as "allParticipants",
           (select count(*) from "Tenant")::int as "allTenants"`,
    [tenant.id],
  );
  const {
    rows: [server],
  } = await admin.query<{ version: string; shared_buffers: string; work_mem: string; size: string }>(`
    select current_setting('server_version') as version, current_setting('shared_buffers') as shared_buffers,
           current_setting('work_mem') as work_mem, pg_size_pretty(pg_database_size(current_database())) as size`);

  // The lib code reads its configuration from the environment (lib/env.ts) when it makes its own client.
  process.env.APP_DATABASE_URL = database.appUrl;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  const { createClient, db } = await import("../../lib/db/client.ts");
  const { withTenant } = await import("../../lib/db/tenant.ts");
  const { computeIndicators, queryIndicators } = await import("../../lib/dashboards/indicators.ts");
  const { listParticipants } = await import("../../lib/participants/list-participants.ts");
  const { listParticipantsSchema, PAGE_SIZE } = await import("../../lib/participants/schemas.ts");
  const client = createClient(database.appUrl);
  cleanups.unshift(
    () => client.$disconnect(),
    () => db().$disconnect(),
  );

  await floorClient.connect();
  // The floor's session belongs to the tenant, as withTenant's transaction does (RLS applies to both).
  await floorClient.query("select set_config('app.tenant_id', $1, false), set_config('app.user_id', 'bench', false)", [
    tenant.id,
  ]);

  const ctx = {
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    userId: "bench",
    role: "COORDINATOR" as const,
    organisationId: null,
  };
  const today = new Date().toISOString().slice(0, 10);
  // The statement itself (the cache would answer every run but the first), and the app's path while the
  // tenant's data is unchanged: the version read, then the cache.
  const dashboardApp = () =>
    withTenant(ctx, (tx) => queryIndicators(tx, { tenantId: tenant.id, filters: { point: "MONTHS_12" } }), { client });
  const dashboardCached = () =>
    withTenant(ctx, (tx) => computeIndicators(tx, { tenantId: tenant.id, filters: { point: "MONTHS_12" } }), {
      client,
    });
  const dashboardFloorRun = () => dashboardFloor(floorClient, tenant.id, today);
  const query = listParticipantsSchema.parse(LIST_QUERY);
  const listApp = () => listParticipants(ctx, query);
  const listFloorRun = () =>
    listFloor(
      floorClient,
      tenant.id,
      { targetGroup: LIST_QUERY.targetGroup, status: LIST_QUERY.status, page: LIST_QUERY.page },
      PAGE_SIZE,
    );

  console.log(`
Samspill benchmark — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC
machine:  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; Node ${process.versions.node}
database: ${BENCH_DATABASE} on PostgreSQL ${server.version} (${database.embedded ? "embedded" : "DATABASE_URL"}; shared_buffers ${server.shared_buffers}, work_mem ${server.work_mem}), ${server.size}
data:     ${fmt(sizes.allTenants)} tenants, ${fmt(sizes.allParticipants)} participants, ${fmt(sizes.allActivities)} activities (seeded ${seed.seededAt.slice(0, 10)} in ${seed.seconds} s)
tenant:   ${tenant.slug}: ${fmt(tenant.participants)} participants, ${fmt(sizes.enrolments)} enrolments, ${fmt(sizes.activities)} activities, ${fmt(sizes.outcomes)} outcomes, ${fmt(sizes.consents)} consents
`);

  // ---- Same results? -------------------------------------------------------------------------------------
  const appGrouped = (await dashboardApp()) as Grouped[];
  const floorGrouped = await dashboardFloorRun();
  const appTotal = appGrouped.find((r) => r.dimension === "total")?.row;
  const floorTotal = floorGrouped.find((r) => r.dimension === "total")?.row;
  const totalLine = (r: typeof appTotal) => {
    if (!r) return "none";
    const p = r.points.MONTHS_12;
    return `enrolled ${r.enrolled}, due ${p.due}: permanent ${p.permanent}, temporary ${p.temporary}, education ${p.education}, other ${p.other}, unknown ${p.unknown}`;
  };
  const totalKeys = (r: typeof appTotal) =>
    r && [
      r.enrolled,
      ...(["due", "permanent", "temporary", "education", "other", "unknown"] as const).map(
        (k) => r.points.MONTHS_12[k],
      ),
    ];
  const totalsEqual = !!appTotal && JSON.stringify(totalKeys(appTotal)) === JSON.stringify(totalKeys(floorTotal));
  const dashboardProblems = compareGrouped(appGrouped, floorGrouped);
  log(`dashboard total at MONTHS_12 — function: ${totalLine(appTotal)}`);
  log(`                                floor:    ${totalLine(floorTotal)}`);
  log(totalsEqual ? "the totals agree" : "THE TOTALS DIFFER");
  log(
    dashboardProblems.length
      ? `${dashboardProblems.length} of ${appGrouped.length} grouped rows differ:\n  ${dashboardProblems.slice(0, 10).join("\n  ")}`
      : `all ${appGrouped.length} grouped rows (total, pilot, target group, year, quarter, gender, organisation) agree in every figure`,
  );

  const appList = fromApp(await listApp());
  const floorList = await listFloorRun();
  const listProblems = compareLists(appList, floorList);
  log(
    `participant list (${Object.entries(LIST_QUERY)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}): ${appList.total} matching, page of ${appList.rows.length}` +
      `, ${appList.rows.filter((r) => r.step).length} with a current step, ${appList.rows.filter((r) => r.outcome).length} with an outcome`,
  );
  log(
    listProblems.length
      ? `THE LISTS DIFFER:\n  ${listProblems.slice(0, 10).join("\n  ")}`
      : "function and floor return the same page",
  );
  if (appList.total <= PAGE_SIZE)
    log(`warning: only ${appList.total} matching participants, so page 2 does not exist; pick a larger tenant`);

  if (!totalsEqual || dashboardProblems.length || listProblems.length) {
    exitCode = 1;
    throw new Error("the floors do not compute what the functions compute: the timings would compare different work");
  }

  // ---- Timings -------------------------------------------------------------------------------------------
  log(`timing: ${WARMUP} warm-up and ${RUNS} measured runs of each, function and floor interleaved`);
  const dashboard = await measurePair(dashboardApp, dashboardFloorRun, { runs: RUNS, warmup: WARMUP });
  const list = await measurePair(listApp, listFloorRun, { runs: RUNS, warmup: WARMUP });
  const cachedRuns: number[] = [];
  await dashboardCached();
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await dashboardCached();
    cachedRuns.push(performance.now() - started);
  }
  const result = {
    dashboard: { app: summarise(dashboard.app), floor: summarise(dashboard.floor) },
    list: { app: summarise(list.app), floor: summarise(list.floor) },
    dashboardCached: summarise(cachedRuns),
  };
  const ratio = (a: Summary, b: Summary) => ({ p50: a.p50 / b.p50, p95: a.p95 / b.p95 });
  const dashboardRatio = ratio(result.dashboard.app, result.dashboard.floor);
  const listRatio = ratio(result.list.app, result.list.floor);

  const row = (cells: string[]) =>
    `${cells[0].padEnd(44)}${cells
      .slice(1)
      .map((c) => c.padStart(10))
      .join("")}`;
  console.log("\n" + row(["", "p50 ms", "p95 ms", "min ms", "max ms"]));
  const timingRows = (label: string, s: Summary) => row([label, ms(s.p50), ms(s.p95), ms(s.min), ms(s.max)]);
  console.log(timingRows("dashboard: the statement in withTenant", result.dashboard.app));
  console.log(timingRows("dashboard: floor (one SQL statement)", result.dashboard.floor));
  console.log(
    row([
      "dashboard: ratio function / floor",
      `${dashboardRatio.p50.toFixed(2)}×`,
      `${dashboardRatio.p95.toFixed(2)}×`,
    ]),
  );
  console.log(timingRows("dashboard: unchanged data (version, cache)", result.dashboardCached));
  console.log(timingRows("list: listParticipants", result.list.app));
  console.log(timingRows("list: floor (one SQL statement)", result.list.floor));
  console.log(row(["list: ratio function / floor", `${listRatio.p50.toFixed(2)}×`, `${listRatio.p95.toFixed(2)}×`]));

  // ---- Pages ---------------------------------------------------------------------------------------------
  let pages: PageFigure[] = [];
  if (!args["no-pages"]) {
    const {
      rows: [coordinator],
    } = await admin.query<{ email: string; locale: string }>(
      `
      select u.email, t."defaultLocale"::text as locale from "Membership" m join "User" u on u.id = m."userId" join "Tenant" t on t.id = m."tenantId"
      where m."tenantId" = $1 and m.role = 'COORDINATOR' and u."passwordHash" is not null order by u.email limit 1`,
      [tenant.id],
    );
    const { rows: participants } = await admin.query<{ id: string }>(
      `select id from "Participant" where "tenantId" = $1 and "anonymisedAt" is null order by md5(id) limit 40`,
      [tenant.id],
    );
    log(
      `pages: next start on the production build, ${coordinator.email}; ${PAGE_REQUESTS} requests per page, ${PAGE_CONCURRENCY} at a time, after ${PAGE_WARMUP} unmeasured`,
    );
    pages = await benchPages({
      appUrl: database.appUrl,
      slug: tenant.slug,
      locale: coordinator.locale,
      email: coordinator.email,
      participantIds: participants.map((p) => p.id),
      listQuery: `targetGroup=${LIST_QUERY.targetGroup}&status=${LIST_QUERY.status}&sort=${LIST_QUERY.sort}&page=${LIST_QUERY.page}`,
      requests: PAGE_REQUESTS,
      warmup: PAGE_WARMUP,
      concurrency: PAGE_CONCURRENCY,
      log,
    });
    console.log(
      "\n" + row([`page, ${PAGE_CONCURRENCY} requests at a time`, "CPU ms", "× sign-in", "p50 ms", "p95 ms"]),
    );
    for (const f of pages)
      console.log(row([f.page, ms(f.cpuMsPerRequest), `${f.ratio.toFixed(2)}×`, ms(f.p50), ms(f.p95)]));
  }

  const goals = [
    ...pages.slice(1).map((f) => ({
      goal: `${f.page} ≤ ${GOALS.pageRatio}× sign-in page CPU`,
      holds: f.ratio <= GOALS.pageRatio,
      detail: `${ms(f.cpuMsPerRequest)} ms = ${f.ratio.toFixed(2)}×`,
    })),
    {
      goal: `dashboard ≤ ${GOALS.dashboardRatio}× floor (p50 and p95)`,
      holds: dashboardRatio.p50 <= GOALS.dashboardRatio && dashboardRatio.p95 <= GOALS.dashboardRatio,
      detail: `${dashboardRatio.p50.toFixed(2)}× / ${dashboardRatio.p95.toFixed(2)}×`,
    },
    {
      goal: `dashboard p95 < ${GOALS.dashboardP95Ms} ms`,
      holds: result.dashboard.app.p95 < GOALS.dashboardP95Ms,
      detail: `${ms(result.dashboard.app.p95)} ms`,
    },
    {
      goal: `list ≤ ${GOALS.listRatio}× floor (p50 and p95)`,
      holds: listRatio.p50 <= GOALS.listRatio && listRatio.p95 <= GOALS.listRatio,
      detail: `${listRatio.p50.toFixed(2)}× / ${listRatio.p95.toFixed(2)}×`,
    },
  ];
  console.log("\ngoals:");
  for (const g of goals) console.log(`  ${(g.holds ? "HOLDS " : "MISSED").padEnd(7)} ${g.goal.padEnd(40)} ${g.detail}`);
  console.log(
    `\nload average after the runs: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} (other work on the machine skews the timings)`,
  );

  mkdirSync("bench-results", { recursive: true });
  const file = `bench-results/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        machine: {
          cores: os.cpus().length,
          cpu: os.cpus()[0]?.model.trim(),
          node: process.versions.node,
          postgres: server.version,
        },
        seed,
        tenant: { slug: tenant.slug, participants: tenant.participants, ...sizes },
        runs: RUNS,
        warmup: WARMUP,
        result,
        ratios: { dashboard: dashboardRatio, list: listRatio },
        pages,
        goals,
        samples: { dashboard, list },
      },
      null,
      2,
    ) + "\n",
  );
  log(`figures written to ${file}`);
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.message : String(error)}`);
  exitCode ||= 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
}
process.exit(exitCode);
