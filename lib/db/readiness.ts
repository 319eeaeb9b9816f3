import "server-only";
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { db, type Db } from "./client.ts";

export type Readiness = { ready: boolean; db: "ok" | "down"; pendingMigrations: string[] | null };

const appliedRows = z.array(z.object({ name: z.string() }));

/** The migrations this build ships (prisma/migrations/<name>/migration.sql). */
export function shippedMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/**
 * Whether this process should get traffic: the database answers within `timeoutMs`, and every migration the
 * build ships has been applied (_prisma_migrations, finished and not rolled back) — code newer than the schema
 * would fail on the first query that needs the new schema. Never throws.
 */
export async function checkReadiness(
  client: Db = db(),
  options: { timeoutMs?: number; migrationsDir?: string } = {},
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), options.timeoutMs ?? 2_000);
  });
  try {
    const applied = await Promise.race([
      client.$queryRaw<unknown[]>`
        select migration_name as name from _prisma_migrations
        where finished_at is not null and rolled_back_at is null /* probe */`.catch(() => null),
      timeout,
    ]);
    if (!applied) return { ready: false, db: "down", pendingMigrations: null };
    const done = new Set(appliedRows.parse(applied).map((r) => r.name));
    const pending = shippedMigrations(options.migrationsDir).filter((m) => !done.has(m));
    return { ready: pending.length === 0, db: "ok", pendingMigrations: pending };
  } finally {
    clearTimeout(timer);
  }
}
