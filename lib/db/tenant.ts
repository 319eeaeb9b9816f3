import "server-only";
import type { Role } from "./generated/enums.ts";
import { db, type Db } from "./client.ts";
import { retryOnConnectionError } from "./retry.ts";

/** Who acts, for which tenant, in which role: resolved once per request (lib/auth/context.ts). */
export type TenantContext = {
  tenantId: string;
  tenantSlug: string;
  userId: string;
  role: Role;
  /** For PARTNER_VIEWER: the organisation whose view the member has. */
  organisationId: string | null;
};

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

type Options = {
  client?: Db;
  timeoutMs?: number;
  /** `fn` only reads: the transaction is READ ONLY and is repeated after a lost connection (./retry.ts). */
  readOnly?: boolean;
};

/**
 * The one way in to tenant data: one interactive transaction per unit of work whose first statement sets
 * the tenant for row-level security. Everything inside commits or rolls back together.
 */
export function withTenant<T>(
  ctx: Pick<TenantContext, "tenantId"> & { userId?: string | null },
  fn: (tx: Tx) => Promise<T>,
  options: Options = {},
): Promise<T> {
  if (!ctx.tenantId) throw new Error("withTenant needs a tenantId");
  const client = options.client ?? db();
  // Whether `fn` was entered: before that, only BEGIN and set_config ran, so a lost connection (a stale pooled
  // connection after a failover) is repeated for writes too; after it, only for read-only work.
  let entered = false;
  return retryOnConnectionError(
    () => {
      entered = false;
      return client.$transaction(
        async (tx) => {
          if (options.readOnly) await tx.$executeRaw`set transaction read only`;
          await tx.$queryRaw`select set_config('app.tenant_id', ${ctx.tenantId}, true), set_config('app.user_id', ${ctx.userId ?? ""}, true)`;
          entered = true;
          return fn(tx);
        },
        { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
      );
    },
    () => !entered || options.readOnly === true,
    [250, 750, 1_500, 2_500],
  );
}

/** withTenant for work that only reads: READ ONLY, and repeated after a lost connection. */
export function readTenant<T>(
  ctx: Pick<TenantContext, "tenantId"> & { userId?: string | null },
  fn: (tx: Tx) => Promise<T>,
  options: Omit<Options, "readOnly"> = {},
): Promise<T> {
  return withTenant(ctx, fn, { ...options, readOnly: true });
}

/** A user's own rows across tenants (their memberships), with no tenant set. */
export function withUser<T>(userId: string, fn: (tx: Tx) => Promise<T>, options: Options = {}): Promise<T> {
  if (!userId) throw new Error("withUser needs a userId");
  const client = options.client ?? db();
  return client.$transaction(async (tx) => {
    await tx.$queryRaw`select set_config('app.user_id', ${userId}, true)`;
    return fn(tx);
  });
}

/**
 * Rows that are public by design (published collaboration models): a transaction that explicitly sets no tenant
 * and no user, so row-level security shows only what it lets anyone read, whoever asks.
 */
export function withPublic<T>(fn: (tx: Tx) => Promise<T>, options: Options = {}): Promise<T> {
  const client = options.client ?? db();
  return client.$transaction(async (tx) => {
    await tx.$queryRaw`select set_config('app.tenant_id', '', true), set_config('app.user_id', '', true)`;
    return fn(tx);
  });
}

/**
 * Creates a tenant and its first data in one transaction (onboarding, demo data): the tenant row first, then
 * the tenant is set for row-level security and `fn` writes its rows. A failure anywhere leaves nothing.
 */
export function withNewTenant<T>(
  create: (tx: Tx) => Promise<{ id: string }>,
  fn: (tx: Tx, tenantId: string) => Promise<T>,
  options: Options = {},
): Promise<T> {
  const client = options.client ?? db();
  return client.$transaction(
    async (tx) => {
      const tenant = await create(tx);
      await tx.$queryRaw`select set_config('app.tenant_id', ${tenant.id}, true)`;
      return fn(tx, tenant.id);
    },
    { timeout: options.timeoutMs ?? 15_000, maxWait: 10_000 },
  );
}
