import "server-only";
import { z } from "zod";
import { actionsOfFilter } from "./audit-actions.ts";

/** The audit log page's and export's filters, from the query string (a bad value is dropped, not refused). */
export const auditQuerySchema = z.object({
  participant: z.string().trim().max(40).optional().catch(undefined),
  user: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  /** One action code, or a whole group ("group:members"); an unknown one is dropped. */
  action: z
    .string()
    .max(60)
    .refine((v) => actionsOfFilter(v) !== undefined)
    .optional()
    .catch(undefined),
  /**
   * Routine sign-ins and sign-outs: "1" shows them, "0" hides them. Left out, every event counts (the export for
   * scripts and reviews); the page hides them unless its checkbox is ticked (auditPageQuery).
   */
  signIns: z
    .preprocess((v) => (v === undefined ? undefined : v === "1" || v === "on" || v === "true"), z.boolean().optional())
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The page's filters: an unticked checkbox sends nothing, and means "hide the sign-ins". */
export function auditPageQuery(raw: Record<string, string | undefined>): AuditQuery {
  const query = auditQuerySchema.parse(raw);
  return { ...query, signIns: query.signIns ?? false };
}
