import { defineConfig } from "vitest/config";
import path from "node:path";
import { availableParallelism } from "node:os";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      "server-only": path.resolve(import.meta.dirname, "tests/support/server-only.ts"),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-env.ts"],
    pool: "forks",
    // Two files at a time even on a 2-core machine (vitest's default there is one): the tests wait on PostgreSQL
    // much of the time, and the production build runs beside them in `npm test`. Measured: 94 s alone with two
    // workers; with one, vitest (187 s) outlasted the build (119 s). Files share the test database; their data
    // is their own (unique slugs and e-mails).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // With margin for a busy 2-core machine: the slowest test (the disclosure attack's generated data set) takes
    // ~15 s when idle and 41 s beside the build.
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
