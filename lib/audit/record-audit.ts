import "server-only";
import type { Tx, TenantContext } from "../db/tenant.ts";
import type { Prisma } from "../db/generated/client.ts";

export type AuditEntry = {
  action: string;
  entityType: string;
  entityId?: string | null;
  participantId?: string | null;
  details?: Prisma.InputJsonValue;
};

/** Writes one audit event inside the caller's transaction: it commits or rolls back with the change itself. */
export async function recordAudit(tx: Tx, ctx: Pick<TenantContext, "tenantId" | "userId">, entry: AuditEntry) {
  await tx.auditEvent.create({
    data: {
      tenantId: ctx.tenantId,
      actorId: ctx.userId || null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      participantId: entry.participantId ?? null,
      details: entry.details,
    },
  });
}
