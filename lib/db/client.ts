import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";
import { env } from "../env.ts";
import { guardTenantQueries } from "./guard.ts";

/**
 * The one Prisma client of the process. It connects as the app's role (no BYPASSRLS); tenant data is only
 * reached through withTenant() in ./tenant.ts, which sets the tenant for row-level security.
 */
export function createClient(connectionString: string, poolSize = 10) {
  const adapter = new PrismaPg({ connectionString, max: poolSize, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter }).$extends(guardTenantQueries);
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { samspillDb?: Db };

export function db(): Db {
  if (!globalForDb.samspillDb) {
    const { APP_DATABASE_URL, DB_POOL_SIZE } = env();
    globalForDb.samspillDb = createClient(APP_DATABASE_URL, DB_POOL_SIZE);
  }
  return globalForDb.samspillDb;
}
