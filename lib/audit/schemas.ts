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
  /** Routine sign-ins and sign-outs are hidden unless this is ticked ("1" from the page's checkbox). */
  signIns: z
    .preprocess((v) => v === "1" || v === "on" || v === "true", z.boolean())
    .default(false)
    .catch(false),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
/** The filters; a caller in code that leaves `signIns` out gets every event (the page's form always sets it). */
export type AuditQuery = Omit<z.infer<typeof auditQuerySchema>, "signIns"> & { signIns?: boolean };
