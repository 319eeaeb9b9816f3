/**
 * A fresh database for one test run, on the server in TEST_DATABASE_URL / DATABASE_URL, or else on an
 * embedded PostgreSQL started for the run. Migrated, with the app role ready; dropped afterwards.
 */
import path from "node:path";
import { randomBytes } from "node:crypto";
import {
  startEmbeddedPostgresOrExit,
  ensureDatabase,
  dropDatabase,
  type EmbeddedServer,
} from "../../tooling/db/embedded.ts";
import { prepareDatabase } from "../../tooling/db/bootstrap.ts";
import { loadLocalSecrets, dataDir } from "../../tooling/db/local-secrets.ts";
import { withDatabase } from "../../lib/db/connection.ts";

export type TestDatabase = { adminUrl: string; appUrl: string; name: string; dispose: () => Promise<void> };

export async function createTestDatabase(label: string, embeddedPort: number): Promise<TestDatabase> {
  let server: EmbeddedServer | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    server = await startEmbeddedPostgresOrExit({
      dataDir: path.join(dataDir, `test-postgres-${label}`),
      port: embeddedPort,
      fresh: true,
      quiet: true,
    });
    serverUrl = server.adminUrl;
  }
  const name = `samspill_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const adminUrl = await ensureDatabase(withDatabase(serverUrl, "postgres"), name);
  const { appUrl } = await prepareDatabase({
    adminUrl,
    appPassword: process.env.APP_DB_PASSWORD ?? loadLocalSecrets().appDbPassword,
  });
  return {
    adminUrl,
    appUrl,
    name,
    dispose: async () => {
      await dropDatabase(withDatabase(serverUrl, "postgres"), name).catch((e) =>
        console.error("[test-db] drop failed", e),
      );
      await server?.stop();
    },
  };
}
