import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { appDb } from "../support/db.ts";
import { createClient } from "../../lib/db/client.ts";
import { checkReadiness, shippedMigrations } from "../../lib/db/readiness.ts";
import { retryOnConnectionError } from "../../lib/db/retry.ts";
import { derivedCache } from "../../lib/cache/derived.ts";
import { runJob } from "../../lib/jobs/job-run.ts";
import { noteRequestUser } from "../../lib/observability/request-context.ts";
import { routePattern, compilePatterns, tenantSlugOf } from "../../lib/observability/route.ts";

// The logger writes here (it reads LOG_FILE when first used); the request-log hook is installed per process.
const dir = mkdtempSync(path.join(tmpdir(), "samspill-obs-"));
const logFile = path.join(dir, "server.log");
process.env.LOG_FILE = logFile;
const TOKEN = `metrics-${randomBytes(12).toString("hex")}`;
process.env.METRICS_TOKEN = TOKEN;

let server: http.Server;
let base: string;

beforeAll(async () => {
  const { installRequestLog } = await import("../../lib/observability/request-log.ts");
  installRequestLog();
  // A plain Node http server stands in for Next's: the hook listens on Node's http events, not on Next.
  server = http.createServer((req, res) => {
    if (req.url?.startsWith("/nb/t/")) noteRequestUser("user-id-123");
    res.statusCode = req.url?.includes("missing") ? 404 : 200;
    res.end(`seen ${String(req.headers["x-request-id"])}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const logLines = () =>
  readFileSync(logFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request log", () => {
  it("writes one JSON line per request with id, tenant, route pattern, status, duration and user id", async () => {
    const answer = await fetch(`${base}/nb/t/verdal/participants/cmabcdefghijklmnopqrstuvw?token=very-secret`);
    const requestId = answer.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await answer.text()).toBe(`seen ${requestId}`); // the app sees the same id
    const line = logLines().find((l) => l.requestId === requestId);
    expect(line).toMatchObject({
      msg: "request",
      method: "GET",
      // The build's own name for the segment when there is a build, else the shape's.
      route: expect.stringMatching(/^\/\[locale\]\/t\/\[tenant\]\/participants\/\[(id|participantId)\]$/) as string,
      tenant: "verdal",
      status: 200,
      userId: "user-id-123",
    });
    expect(typeof line?.durationMs).toBe("number");
    expect(readFileSync(logFile, "utf8")).not.toContain("very-secret");
    expect(readFileSync(logFile, "utf8")).not.toContain("cmabcdefghijklmnopqrstuvw");
  });

  it("keeps a load balancer's request id and replaces one that does not look like an id", async () => {
    const kept = await fetch(`${base}/api/health`, { headers: { "x-request-id": "haproxy-0001-abcdef" } });
    expect(kept.headers.get("x-request-id")).toBe("haproxy-0001-abcdef");
    const replaced = await fetch(`${base}/api/health`, { headers: { "x-request-id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts personal fields that slip into a log call", async () => {
    const { logger } = await import("../../lib/observability/logger.ts");
    logger().info({ email: "kari@example.org", user: { name: "Kari Vold", id: "u1" } }, "slip");
    const text = readFileSync(logFile, "utf8");
    expect(text).not.toContain("kari@example.org");
    expect(text).not.toContain("Kari Vold");
  });
});

describe("route patterns", () => {
  const patterns = compilePatterns([
    "/[locale]",
    "/[locale]/t/[tenant]/participants",
    "/[locale]/t/[tenant]/participants/[id]",
    "/[locale]/t/[tenant]/participants/new",
    "/api/t/[tenant]/export",
    "/api/auth/[...nextauth]",
  ]);
  it("names the route, not the URL", () => {
    expect(routePattern("/nb/t/verdal/participants/new", patterns)).toBe("/[locale]/t/[tenant]/participants/new");
    expect(routePattern("/sv/t/are/participants/abc", patterns)).toBe("/[locale]/t/[tenant]/participants/[id]");
    expect(routePattern("/api/auth/callback/credentials", patterns)).toBe("/api/auth/[...nextauth]");
    expect(routePattern("/nope/a/b", patterns)).toBe("unmatched");
    expect(tenantSlugOf("/api/t/inderoy/export?x=1")).toBe("inderoy");
    expect(tenantSlugOf("/en/models")).toBeUndefined();
  });
});

describe("/api/metrics", () => {
  const scrape = async (authorization?: string) => {
    const { GET } = await import("../../app/api/metrics/route.ts");
    return GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));
  };

  it("answers 404 without the token or with a wrong one", async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(404);
    expect((await scrape(`Basic ${TOKEN}`)).status).toBe(404);
  });

  it("answers the named series with the token", async () => {
    const job = `test-job-${randomBytes(3).toString("hex")}`;
    await runJob(
      appDb(),
      job,
      () => Promise.resolve(3),
      (n) => ({ n }),
    );
    await appDb().$queryRaw`select 1`; // a pool that has been used
    const cache = derivedCache<number>(4, "test_cache");
    const owner = {};
    cache([owner], "k", () => 1);
    cache([owner], "k", () => 1);
    await fetch(`${base}/nb/t/verdal/participants`);
    const answer = await scrape(`Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toMatch(
      /samspill_http_request_duration_seconds_count\{method="GET",route="\/\[locale\]\/t\/\[tenant\]\/participants",status="200"\} \d+/,
    );
    expect(text).toMatch(/samspill_db_pool_in_use \d+/);
    expect(text).toMatch(/samspill_db_pool_idle [1-9]\d*/);
    expect(text).toMatch(/samspill_db_pool_waiting \d+/);
    expect(text).toContain('samspill_cache_lookups_total{cache="test_cache",result="hit"} 1');
    expect(text).toContain('samspill_cache_lookups_total{cache="test_cache",result="miss"} 1');
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(new RegExp(`samspill_job_last_success_timestamp_seconds\\{job="${job}"\\} \\d+`));
    const jobLines = logLines().filter((l) => l.job === job);
    expect(jobLines.map((l) => l.msg)).toEqual(["job started", "job finished"]);
  });
});

describe("health", () => {
  it("live answers without the database", async () => {
    const { GET } = await import("../../app/api/health/live/route.ts");
    expect(GET().status).toBe(200);
  });

  it("ready when the database answers and every shipped migration is applied", async () => {
    expect(await checkReadiness(appDb())).toEqual({ ready: true, db: "ok", pendingMigrations: [] });
    const { GET } = await import("../../app/api/health/ready/route.ts");
    expect((await GET()).status).toBe(200);
  });

  it("not ready while a migration is pending", async () => {
    const migrations = path.join(dir, "migrations");
    for (const name of [...shippedMigrations(), "29991231000000_not_yet_applied"]) {
      mkdirSync(path.join(migrations, name), { recursive: true });
      writeFileSync(path.join(migrations, name, "migration.sql"), "select 1;\n");
    }
    expect(await checkReadiness(appDb(), { migrationsDir: migrations })).toEqual({
      ready: false,
      db: "ok",
      pendingMigrations: ["29991231000000_not_yet_applied"],
    });
  });

  it("not ready, without throwing, while the database is unreachable", async () => {
    const unreachable = createClient("postgresql://samspill_app:x@127.0.0.1:9/none", 1);
    const started = Date.now();
    // Fails at once, not after the reads' retries (up to 5 s) or the 4 s timeout: a probe is not repeated.
    expect(await checkReadiness(unreachable, { timeoutMs: 4_000 })).toEqual({
      ready: false,
      db: "down",
      pendingMigrations: null,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    await unreachable.$disconnect();
  });
});

describe("retry after a lost connection", () => {
  const lost = Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

  it("repeats work that is safe to repeat", async () => {
    let calls = 0;
    const result = await retryOnConnectionError(
      () => (++calls === 1 ? Promise.reject(lost) : Promise.resolve("ok")),
      () => true,
      [1],
    );
    expect([result, calls]).toEqual(["ok", 2]);
  });

  it("never repeats a write that may have reached the server, nor other errors", async () => {
    let calls = 0;
    await expect(
      retryOnConnectionError(
        () => {
          calls++;
          return Promise.reject(lost);
        },
        () => false,
        [1],
      ),
    ).rejects.toBe(lost);
    const bug = new Error("bug");
    await expect(
      retryOnConnectionError(
        () => {
          calls++;
          return Promise.reject(bug);
        },
        () => true,
        [1],
      ),
    ).rejects.toBe(bug);
    expect(calls).toBe(2);
  });
});

describe("which reads are repeated", () => {
  it("sees a raw statement's text and tells reads from writes", async () => {
    const { rawText, READ_SQL } = await import("../../lib/db/read-retry.ts");
    const seen: string[] = [];
    const spy = appDb().$extends({
      query: {
        $allOperations({ operation, args, query }) {
          if (operation === "$queryRaw") seen.push(rawText(args));
          return query(args);
        },
      },
    });
    await spy.$queryRaw`select ${1}::int as n`;
    expect(seen[0]).toMatch(/^select .+::int as n$/);
    expect(READ_SQL.test(seen[0])).toBe(true);
    expect(READ_SQL.test("select samspill_session($1, $2) as account")).toBe(true);
    expect(READ_SQL.test("insert into x values (1) returning id")).toBe(false);
    expect(READ_SQL.test("select set_config('app.tenant_id', $1, true)")).toBe(false);
    const probe = appDb().$extends({
      query: {
        $allOperations({ operation, args, query }) {
          if (operation === "$queryRaw") seen.push(rawText(args));
          return query(args);
        },
      },
    });
    await probe.$queryRaw`select 1 /* probe */`;
    expect(seen[1]).toContain("/* probe */");
    expect(READ_SQL.test("with d as (delete from x returning id) select count(*) from d")).toBe(false);
  });
});
