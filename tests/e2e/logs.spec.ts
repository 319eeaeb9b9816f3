import { test, expect } from "./fixtures";
import { existsSync, readFileSync } from "node:fs";
import { signIn } from "./helpers.ts";
import { query } from "./database.ts";

/**
 * The server's log holds no personal data (issue #29). Works through the pages that show the most of it —
 * sign-in, the participant list, a participant's page, the dashboard, the account page — then reads everything
 * the server wrote (scripts/dev/e2e-server.ts sends its output to test-results/e2e-server.log) and searches it for
 * the demo people's names and e-mail addresses, as the database holds them: users and participants.
 */
const LOG = "test-results/e2e-server.log";

test("the server's log has a line per request and none of the demo people's names or e-mail addresses", async ({
  page,
}) => {
  await page.goto("/nb/signin");
  await signIn(page, "koordinator@verdal.demo");
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  await page.goto("/nb/t/verdal/participants");
  const first = page.locator('main a[href*="/nb/t/verdal/participants/c"]').first();
  await first.click();
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/participants\/c[a-z0-9]+$/);
  await page.goto("/nb/t/verdal/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const account = await page.goto("/nb/account");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // The response names its request: the same id as the log line.
  const requestId = account?.headers()["x-request-id"] ?? "";
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // The request lines are in the log (so an empty or misdirected log cannot pass), with the signed-in user's id.
  const [{ id: userId }] = await query<{ id: string }>(`select id from "User" where email = $1`, [
    "koordinator@verdal.demo",
  ]);
  await expect
    .poll(() => {
      const lines = existsSync(LOG) ? readFileSync(LOG, "utf8").split("\n") : [];
      const requests = lines
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === "request" && l.userId === userId && l.tenant === "verdal");
      return ["/[locale]/t/[tenant]/participants", "/[locale]/t/[tenant]/participants/[participantId]"].every((route) =>
        requests.some((r) => r.route === route && r.status === 200 && typeof r.requestId === "string"),
      );
    })
    .toBe(true);

  const log = readFileSync(LOG, "utf8");
  expect(log.length).toBeGreaterThan(0);
  expect(log).toContain(`"requestId":"${requestId}"`);
  const people = await query<{ value: string }>(`
    select name as value from "User" where name is not null and email like '%.demo'
    union select email from "User" where email like '%.demo'
    union select p.name from "Participant" p join "Tenant" t on t.id = p."tenantId"
      where p.name is not null and t.slug in ('verdal', 'inderoy', 'are')`);
  expect(people.length).toBeGreaterThan(10);
  const lower = log.toLowerCase();
  const hits = people.map((p) => p.value).filter((v) => v.length >= 4 && lower.includes(v.toLowerCase()));
  expect(hits, "personal data in the server's log").toEqual([]);
});

test("/api/metrics answers the named series to the token holder only", async ({ request }) => {
  // The same token scripts/dev/e2e-server.ts gives the server.
  const token = "e2e-metrics-token-0123456789";
  expect((await request.get("/api/metrics")).status()).toBe(404);
  expect((await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}x` } })).status()).toBe(404);
  await request.get("/api/health");
  const answer = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(answer.status()).toBe(200);
  const text = await answer.text();
  // Requests observed by instrumentation.ts show in the route handler's registry: one registry per process.
  expect(text).toMatch(
    /samspill_http_request_duration_seconds_count\{method="GET",route="\/api\/health",status="200"\} \d+/,
  );
  for (const series of [
    "samspill_db_pool_in_use",
    "samspill_db_pool_idle",
    "samspill_db_pool_waiting",
    "samspill_cache_lookups_total",
    "nodejs_eventloop_lag_seconds",
    "samspill_job_last_success_timestamp_seconds",
  ])
    expect(text).toContain(`# TYPE ${series}`);
  expect((await request.get("/api/health/live")).status()).toBe(200);
  expect((await request.get("/api/health/ready")).status()).toBe(200);
});
