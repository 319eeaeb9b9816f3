import "server-only";
import { db } from "../db/client.ts";

/**
 * Marks a token as used, atomically: true for the first use, false for every later one (two requests racing
 * with the same token get one true between them). Kept until the token would have expired anyway; the purge
 * job (scripts/jobs) removes older ones.
 */
export async function spendTokenOnce(id: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db().$executeRaw`
    insert into "UsedToken" (id, "expiresAt") values (${id}, ${expiresAt}) on conflict (id) do nothing`;
  return inserted === 1;
}

/** Whether a token has been used already (without using it). */
export async function tokenUsed(id: string): Promise<boolean> {
  return (await db().usedToken.count({ where: { id } })) > 0;
}
