import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { openPools } from "./pools.ts";
import { PrismaClient } from "./generated/client.ts";
import { env } from "../env.ts";
import { guardTenantQueries } from "./guard.ts";
import { retryReads } from "./read-retry.ts";

/**
 * The one Prisma client of the process. It connects as the app's role (no BYPASSRLS); tenant data is only
 * reached through withTenant() in ./tenant.ts, which sets the tenant for row-level security.
 */
export function createClient(connectionString: string, poolSize = 10, options: { statementTimeoutMs?: number } = {}) {
  // The pool is ours (not the adapter's) so the metrics can read its counts; the adapter ends it on $disconnect.
  const pool = new pg.Pool({ connectionString, max: poolSize, ...poolTimeouts(options.statementTimeoutMs ?? 0) });
  openPools().add(pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter }).$extends(guardTenantQueries).$extends(retryReads);
}

/**
 * What keeps a request from waiting forever on a database that hangs instead of stopping: a connection must be
 * made within 5 s; PostgreSQL cancels a statement after `statementTimeoutMs` and ends a transaction left idle
 * for twice that; the client gives up on an answer 5 s after PostgreSQL should have (a server that no longer
 * answers at all); TCP keepalive finds a peer that vanished without closing the connection; an idle connection
 * is closed after 30 s, so after a failover the pool does not keep sockets to the old primary. 0: no timeouts on
 * statements (the jobs and scripts that load or copy whole databases).
 */
export function poolTimeouts(statementTimeoutMs: number) {
  return {
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(statementTimeoutMs > 0
      ? {
          statement_timeout: statementTimeoutMs,
          idle_in_transaction_session_timeout: 2 * statementTimeoutMs,
          query_timeout: statementTimeoutMs + 5_000,
        }
      : {}),
  };
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { samspillDb?: Db };

export function db(): Db {
  if (!globalForDb.samspillDb) {
    const { APP_DATABASE_URL, DB_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS } = env();
    globalForDb.samspillDb = createClient(APP_DATABASE_URL, DB_POOL_SIZE, {
      statementTimeoutMs: DB_STATEMENT_TIMEOUT_MS,
    });
  }
  return globalForDb.samspillDb;
}
