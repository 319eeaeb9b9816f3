import "server-only";
import { Prisma } from "../db/generated/client.ts";

const normalise = (v: unknown) =>
  v === undefined || v === null
    ? null
    : v instanceof Date
      ? v.toISOString()
      : Prisma.Decimal.isDecimal(v)
        ? v.toString()
        : v;

/** The names of the fields whose value differs (dates and decimals compared by value), for the audit trail. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((k) => JSON.stringify(normalise(before[k])) !== JSON.stringify(normalise(after[k])));
}
