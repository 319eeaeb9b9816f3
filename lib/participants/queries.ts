import "server-only";
import { z } from "zod";
import type { Tx } from "../db/tenant.ts";

const firstNumber = z.tuple([z.object({ first: z.number().int() })]);

/**
 * Moves the tenant's participant-code counter on by `count` at once (safe under concurrency: one upsert) and
 * answers the first of the numbers reserved; registration takes one, an import as many as it needs.
 */
export async function reserveCodeNumbers(tx: Tx, tenantId: string, count: number): Promise<number> {
  const rows = await tx.$queryRaw<unknown[]>`
    insert into "ParticipantCodeCounter" ("tenantId", "next") values (${tenantId}, ${count + 1}::int)
    on conflict ("tenantId") do update set "next" = "ParticipantCodeCounter"."next" + ${count}::int
    returning "next" - ${count}::int as first`;
  return firstNumber.parse(rows)[0].first;
}

/** A pseudonymous participant code: the tenant's prefix and the number in four digits, e.g. VER-0043. */
export function participantCode(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, "0")}`;
}

const nextRow = z.array(z.object({ next: z.number().int() }));

/** The number the tenant's counter would give next, without reserving it (1 before the first registration). */
export async function peekCodeNumber(tx: Tx, tenantId: string): Promise<number> {
  const rows = nextRow.parse(
    await tx.$queryRaw<unknown[]>`select "next" from "ParticipantCodeCounter" where "tenantId" = ${tenantId}`,
  );
  return rows[0]?.next ?? 1;
}
