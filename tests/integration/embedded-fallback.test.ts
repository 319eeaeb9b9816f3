import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { installedBinaries, startEmbeddedPostgres } from "../../tooling/db/embedded.ts";

/**
 * The quick start as root in a home directory only its owner can enter: PostgreSQL's user cannot execute the
 * binaries there. Here the binaries sit in a folder nobody else may enter, and are not executable either (so the
 * same holds when the suite runs as an ordinary user): the server must start from a copy, with its data
 * elsewhere when the asked-for folder is out of reach too.
 */
describe("embedded PostgreSQL from a folder its user cannot use", () => {
  const locked = mkdtempSync(path.join(os.homedir(), ".samspill-locked-"));
  const version = `test-${randomBytes(4).toString("hex")}`;
  const copy = path.join(os.tmpdir(), `samspill-postgres-${version}-${process.platform}-${process.arch}`);
  afterAll(() => {
    rmSync(locked, { recursive: true, force: true });
    rmSync(copy, { recursive: true, force: true });
  });

  it("runs a copy that it can execute, and serves queries", async () => {
    const nativeDir = path.join(locked, "native");
    cpSync(installedBinaries().nativeDir, nativeDir, { recursive: true, verbatimSymlinks: true });
    for (const program of readdirSync(path.join(nativeDir, "bin")))
      chmodSync(path.join(nativeDir, "bin", program), 0o644);
    chmodSync(locked, 0o700);

    const port = 54400 + Math.floor(Math.random() * 500);
    const server = await startEmbeddedPostgres({
      dataDir: path.join(locked, "data", "pg"),
      port,
      fresh: true,
      quiet: true,
      binaries: { nativeDir, version },
    });
    try {
      expect(server.nativeDir).toBe(copy);
      const client = new pg.Client({ connectionString: server.adminUrl });
      await client.connect();
      const { rows } = await client.query<{ version: number }>(
        "select current_setting('server_version_num')::int as version",
      );
      await client.end();
      expect(rows[0].version).toBeGreaterThanOrEqual(150000);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
