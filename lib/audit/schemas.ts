import "server-only";
import { z } from "zod";

/** The audit log page's and export's filters, from the query string (a bad value is dropped, not refused). */
export const auditQuerySchema = z.object({
  participant: z.string().trim().max(40).optional().catch(undefined),
  user: z
    .string()
    .regex(/^[a-z0-9]+$/)
    .max(40)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;
