/**
 * `npm test`: the whole suite — unit and integration tests (vitest, real PostgreSQL), the linter and the format
 * check (`eslint .`, `prettier --check .`), a production build, and the end-to-end tests (Playwright in
 * Chromium). Without DATABASE_URL / TEST_DATABASE_URL it starts one embedded PostgreSQL for the run; every part
 * makes its own fresh database on it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgresOrExit } from "../tooling/db/embedded.ts";
import { dataDir } from "../tooling/db/local-secrets.ts";
import { run, nextBin } from "../tooling/runtime.ts";
import { freePort } from "../tooling/free-port.ts";

const started = Date.now();
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let server: Awaited<ReturnType<typeof startEmbeddedPostgresOrExit>> | undefined;
if (!env.TEST_DATABASE_URL && !env.DATABASE_URL) {
  console.log("[test] starting embedded PostgreSQL for the run");
  server = await startEmbeddedPostgresOrExit({
    dataDir: path.join(dataDir, "test-postgres"),
    port: await freePort(54330, 54399),
    fresh: true,
    quiet: true,
  });
  env.TEST_DATABASE_URL = server.adminUrl;
}

// The app under test listens on a port nothing else uses (another app, a dev server, a second run).
env.E2E_PORT ??= String(await freePort(3100, 3199));
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results/screenshots", { recursive: true });
const bin = (name: string) => path.resolve("node_modules/.bin", name);
const counts = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

// The parts of the reporters' JSON files that the summary counts (vitest's json reporter, Playwright's).
type VitestResults = { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
type PlaywrightResults = { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } };

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
}

try {
  // The production build first, then vitest: one after the other, each has both cores (vitest runs two files at
  // a time). Measured on this 2-core machine: build 47 s + vitest 94 s alone, against 172 s side by side, where
  // they slowed each other down (the build took 119–159 s). The build's output goes to a file.
  console.log("[test] production build for the end-to-end tests (test-results/build.log)");
  const seconds = () => ((Date.now() - started) / 1000).toFixed(0);
  // Turbopack's build cache is written for nothing on CI's clean clone (next.config.ts).
  const buildCode = await run(process.execPath, [nextBin, "build"], env.CI ? { ...env, NEXT_BUILD_CACHE: "0" } : env, {
    log: "test-results/build.log",
  });
  console.log(`[test] build finished at ${seconds()} s`);
  // The linter and the format check beside vitest, one after the other: vitest's files spend much of their time
  // waiting on PostgreSQL, and ESLint (type-checked rules, ~60 s of one core) would otherwise add its whole
  // time to the run. Their output goes to files, printed when they fail.
  console.log("[test] eslint . and prettier --check . beside vitest (test-results/lint.log, format.log)");
  const checks = (async () => {
    const lint = await run(bin("eslint"), ["."], env, { log: "test-results/lint.log" });
    console.log(`[test] eslint finished at ${seconds()} s`);
    const format = await run(bin("prettier"), ["--check", "."], env, { log: "test-results/format.log" });
    console.log(`[test] prettier --check finished at ${seconds()} s`);
    return [
      { name: "eslint . (npm run lint)", code: lint, log: "test-results/lint.log" },
      { name: "prettier --check . (npm run format rewrites the files)", code: format, log: "test-results/format.log" },
    ];
  })();
  const vitestCode = await run(
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest-results.json"],
    env,
  );
  console.log(`[test] vitest finished at ${seconds()} s`);
  const vitest = readJson<VitestResults>("test-results/vitest-results.json");
  if (vitest) {
    counts.passed += vitest.numPassedTests;
    counts.failed += vitest.numFailedTests;
    counts.skipped += vitest.numPendingTests + vitest.numTodoTests;
  }
  if (vitestCode !== 0) {
    exitCode = vitestCode;
    if (!vitest?.numFailedTests) counts.failed += 1; // a suite that failed to load
  }
  // Each check counts as one test.
  for (const check of await checks) {
    if (check.code === 0) {
      counts.passed += 1;
      continue;
    }
    console.log(readFileSync(check.log, "utf8"));
    console.log(`[test] ${check.name} failed`);
    exitCode = check.code;
    counts.failed += 1;
  }

  if (buildCode !== 0) {
    console.log(readFileSync("test-results/build.log", "utf8"));
    console.log("[test] the production build failed");
    exitCode = buildCode;
    counts.failed += 1;
  } else {
    const e2eCode = await run(bin("playwright"), ["test"], env);
    const e2e = readJson<PlaywrightResults>("test-results/e2e-results.json");
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
} finally {
  await server?.stop();
}

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(
  `\n[test] finished in ${minutes} min${env.SCREENSHOTS === "1" ? "; screenshots in test-results/screenshots/" : ""}`,
);
console.log(
  `tests: ${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`,
);
process.exit(exitCode || (counts.failed ? 1 : 0));
