import "./scripts/server-only.mjs";
import { defineConfig, devices, chromium } from "@playwright/test";
import { existsSync } from "node:fs";

const port = Number(process.env.E2E_PORT ?? 3100);

/** Playwright's own browser where one is installed, else CHROMIUM_PATH or Debian's /usr/bin/chromium. */
function executablePath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no Playwright browser installed
  }
  return "/usr/bin/chromium";
}

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  // Tests, not files, are spread over the workers (the files are uneven); a file whose tests build on each
  // other says so (models.spec.ts runs serially).
  fullyParallel: true,
  // Two on a 2-core machine: measured, three made every test twice as slow and the suite no faster.
  // E2E_WORKERS overrides.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  // Sized for a busy 2-core machine (the suite also runs beside other work): the slowest workflow specs take
  // about 55 s here when idle, about twice that with a CPU hog beside them; a single page or action about 4 s.
  // The long sweeps (isolation, fuzz) set their own.
  timeout: 180_000,
  expect: { timeout: 25_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "nb-NO",
    launchOptions: {
      executablePath: executablePath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
  },
  // Specs that check counts in the demo data run before the specs that add to it.
  projects: [
    { name: "read-only", testMatch: /foundation\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "workflows",
      testIgnore: /foundation\.spec\.ts/,
      dependencies: ["read-only"],
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: {
    command: "npx tsx --import ./scripts/server-only.mjs scripts/dev/e2e-server.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
