import "server-only";
import { z } from "zod";
import { Prisma } from "./generated/client.ts";

/**
 * SQL written the same way in several statements. `jsonList`: a sub-select that answers the rows of `from` as
 * one JSON array of objects (json_agg of json_build_object), `[]` when there are none — how a page's option
 * lists (pilots, organisations, coordinators) come back in the statement that reads the rest. `fields` maps
 * each key to its column; the keys are the code's own names, never input.
 */
export function jsonList(fields: Record<string, Prisma.Sql>, from: Prisma.Sql, orderBy?: Prisma.Sql): Prisma.Sql {
  const pairs = Object.entries(fields).map(([key, column]) => Prisma.sql`${Prisma.raw(`'${key}'`)}, ${column}`);
  const order = orderBy ? Prisma.sql` order by ${orderBy}` : Prisma.empty;
  return Prisma.sql`(select coalesce(json_agg(json_build_object(${Prisma.join(pairs, ", ")})${order}), '[]'::json) ${from})`;
}

/** The {id, name} entries of an option list, as jsonList answers them. */
export const idName = z.object({ id: z.string(), name: z.string() });
