import "server-only";
import { z } from "zod";
import { db, type Db } from "../db/client.ts";

/**
 * A fixed-window rate limit kept in PostgreSQL, so it holds across app instances. Counts one hit for `key`
 * and answers whether it is still within `limit` hits per `windowSeconds`.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  client: Db = db(),
): Promise<{ allowed: boolean; count: number }> {
  const now = Date.now();
  const windowStart = new Date(now - (now % (windowSeconds * 1000)));
  const rows = await client.$queryRaw<unknown[]>`
    insert into "RateLimit" ("key", "windowStart", "count") values (${key}, ${windowStart}, 1)
    on conflict ("key", "windowStart") do update set "count" = "RateLimit"."count" + 1
    returning "count"`;
  const [row] = z.tuple([z.object({ count: z.number().int() })]).parse(rows);
  // Old windows are cleared now and then, by whichever request happens to come.
  if (Math.random() < 0.01)
    await client.$executeRaw`delete from "RateLimit" where "windowStart" < ${new Date(now - 24 * 3600 * 1000)}`;
  return { allowed: row.count <= limit, count: row.count };
}

/** How many hits `key` has in the current window, without counting one. */
export async function peekRateLimit(key: string, windowSeconds: number, client: Db = db()): Promise<number> {
  const now = Date.now();
  const windowStart = new Date(now - (now % (windowSeconds * 1000)));
  const row = await client.rateLimit.findUnique({
    where: { key_windowStart: { key, windowStart } },
    select: { count: true },
  });
  return row?.count ?? 0;
}

/**
 * Takes back one hit of the current window (an attempt counted before it was checked turned out good), never
 * below zero.
 */
export async function releaseRateLimit(key: string, windowSeconds: number, client: Db = db()): Promise<void> {
  const now = Date.now();
  const windowStart = new Date(now - (now % (windowSeconds * 1000)));
  await client.$executeRaw`
    update "RateLimit" set "count" = greatest("count" - 1, 0) where "key" = ${key} and "windowStart" = ${windowStart}`;
}
