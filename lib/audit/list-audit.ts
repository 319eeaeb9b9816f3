import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import type { AuditQuery } from "./schemas.ts";

export const AUDIT_PAGE_SIZE = 50;

/** The tenant's audit log, newest first, filtered by participant (code) and/or user. For administrators. */
export async function listAuditEvents(ctx: TenantContext, query: AuditQuery) {
  assertCan(ctx, "audit.view");
  return withTenant(ctx, async (tx) => {
    let participantId: string | undefined;
    if (query.participant) {
      const p = await tx.participant.findFirst({
        where: { tenantId: ctx.tenantId, OR: [{ code: query.participant.toUpperCase() }, { id: query.participant }] },
        select: { id: true },
      });
      participantId = p?.id ?? "-";
    }
    const where = {
      tenantId: ctx.tenantId,
      ...(participantId ? { participantId } : {}),
      ...(query.user ? { actorId: query.user } : {}),
    };
    const total = await tx.auditEvent.count({ where });
    const events = await tx.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    });
    const userIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
    const participantIds = [...new Set(events.map((e) => e.participantId).filter((id): id is string => !!id))];
    const users = await tx.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, name: true, email: true },
    });
    const participants = await tx.participant.findMany({
      where: { tenantId: ctx.tenantId, id: { in: participantIds } },
      select: { id: true, code: true },
    });
    const members = await tx.membership.findMany({
      where: { tenantId: ctx.tenantId },
      select: { user: { select: { id: true, name: true } } },
    });
    const userName = new Map(users.map((u) => [u.id, u.name]));
    const code = new Map(participants.map((p) => [p.id, p.code]));
    return {
      total,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      members: members.map((m) => m.user).sort((a, b) => a.name.localeCompare(b.name)),
      events: events.map((e) => ({
        ...e,
        actorName: e.actorId ? (userName.get(e.actorId) ?? null) : null,
        participantCode: e.participantId ? (code.get(e.participantId) ?? null) : null,
      })),
    };
  });
}
