/**
 * `npm test`: the whole suite — unit and integration tests (vitest, real PostgreSQL), a production build, and
 * the end-to-end tests (Playwright in Chromium). Without DATABASE_URL / TEST_DATABASE_URL it starts one
 * embedded PostgreSQL for the run; every part makes its own fresh database on it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgresOrExit } from "../lib/db/embedded.ts";
import { dataDir } from "../lib/db/local-secrets.ts";
import { run, nextBin } from "./runtime.ts";
import { freePort } from "./free-port.ts";

const started = Date.now();
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let server: Awaited<ReturnType<typeof startEmbeddedPostgresOrExit>> | undefined;
if (!env.TEST_DATABASE_URL && !env.DATABASE_URL) {
  console.log("[test] starting embedded PostgreSQL for the run");
  server = await startEmbeddedPostgresOrExit({ dataDir: path.join(dataDir, "test-postgres"), port: await freePort(54330, 54399), fresh: true, quiet: true });
  env.TEST_DATABASE_URL = server.adminUrl;
}

// The app under test listens on a port nothing else uses (another app, a dev server, a second run).
env.E2E_PORT ??= String(await freePort(3100, 3199));
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results/screenshots", { recursive: true });
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const counts = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function readJson(file: string) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

try {
  console.log("[test] production build, then the end-to-end tests, beside the unit and integration tests (test-results/build.log, test-results/vitest.log)");
  // Three parts on two cores: vitest uses one worker and waits on PostgreSQL much of the time, so the build
  // runs beside it, and Playwright starts as soon as the build is done rather than when vitest is (measured:
  // about 40 s and then about another 60 s off the run). vitest writes to a file so the outputs do not
  // interleave; it is printed in full when everything is done.
  const build = run(process.execPath, [nextBin, "build"], env, { log: "test-results/build.log" });
  const unit = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest-results.json"], env, { log: "test-results/vitest.log" }).then((code) => {
    const vitest = readJson("test-results/vitest-results.json");
    if (vitest) {
      counts.passed += vitest.numPassedTests;
      counts.failed += vitest.numFailedTests;
      counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
    }
    if (code !== 0) {
      exitCode = code;
      if (!vitest?.numFailedTests) counts.failed += 1; // a suite that failed to load
    }
    console.log(`[test] vitest finished: ${vitest?.numPassedTests ?? 0} passed, ${vitest?.numFailedTests ?? "?"} failed (test-results/vitest.log)`);
  });

  const buildCode = await build;
  if (buildCode !== 0) {
    console.log(readFileSync("test-results/build.log", "utf8"));
    console.log("[test] the production build failed");
    exitCode = buildCode;
    counts.failed += 1;
  } else {
    const e2eCode = await run(bin("playwright"), ["test"], env);
    const e2e = readJson("test-results/e2e-results.json");
    if (e2e?.stats) {
      counts.passed += e2e.stats.expected + e2e.stats.flaky;
      counts.failed += e2e.stats.unexpected;
      counts.skipped += e2e.stats.skipped;
    }
    if (e2eCode !== 0) {
      exitCode = e2eCode;
      if (!e2e?.stats?.unexpected) counts.failed += 1;
    }
  }
  await unit;
  console.log("\n[test] vitest (unit and integration tests):\n");
  console.log(readFileSync("test-results/vitest.log", "utf8"));
} finally {
  await server?.stop();
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`\n[test] finished in ${minutes} min; screenshots in test-results/screenshots/`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(exitCode || (counts.failed ? 1 : 0));
