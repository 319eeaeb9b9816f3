import "server-only";
import { Prisma } from "./generated/client.ts";
import { retryOnConnectionError } from "./retry.ts";

/** Prisma operations that only read. */
const READS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
]);
/** A raw statement that only reads: one SELECT (functions it calls are the app's read functions). */
export const READ_SQL =
  /^\s*select\b(?![\s\S]*\b(insert|update|delete|merge|set_config|nextval|samspill_invite_\w+)\b)/i;

/** Marks a statement that must fail fast, not be repeated: health probes, whose answer is the point. */
export const PROBE = "/* probe */";

export function rawText(args: unknown): string {
  const a = args as { sql?: unknown; strings?: unknown } | unknown[] | null;
  if (a && !Array.isArray(a) && typeof a.sql === "string") return a.sql;
  if (a && !Array.isArray(a) && Array.isArray(a.strings)) return a.strings.join("?");
  if (Array.isArray(a) && Array.isArray(a[0])) return (a[0] as string[]).join("?");
  if (Array.isArray(a) && typeof a[0] === "string") return a[0];
  return "";
}

/**
 * A single read that fails because the connection was lost (the database failing over or restarting) is
 * repeated, briefly (lib/db/retry.ts): the session check and membership look-up every page starts with would
 * otherwise turn a few seconds of failover into error pages. Writes are never repeated here — whether a lost
 * write committed is unknown. Inside a transaction the repeat fails at once (the transaction is gone) and the
 * error goes to withTenant, which decides.
 */
export const retryReads = Prisma.defineExtension({
  name: "retryReads",
  query: {
    $allOperations({ operation, args, query }) {
      const sql = operation === "$queryRaw" ? rawText(args) : "";
      const read = READS.has(operation) || (READ_SQL.test(sql) && !sql.includes(PROBE));
      if (!read) return query(args);
      // Up to 5 s in all: a Patroni failover or switchover takes about 3–5 s here (docs/operations.md).
      return retryOnConnectionError(
        () => query(args),
        () => true,
        [250, 750, 1_500, 2_500],
      );
    },
  },
});
