import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import type { AuditQuery } from "./schemas.ts";
import { auditActionWhere } from "./audit-actions.ts";

export const AUDIT_PAGE_SIZE = 50;

const ids = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v))];
const detail = (details: unknown, key: string) =>
  details && typeof details === "object" && typeof (details as Record<string, unknown>)[key] === "string"
    ? ((details as Record<string, unknown>)[key] as string)
    : undefined;

/**
 * The tenant's audit log, newest first, filtered by participant (code), user and action (routine sign-ins only
 * when asked for), with the names each event's sentence needs: the actor's role, the invited e-mail, the member,
 * pilot or organisation concerned. For administrators.
 */
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
    const actions = auditActionWhere(query);
    const where = {
      tenantId: ctx.tenantId,
      ...(participantId ? { participantId } : {}),
      ...(query.user ? { actorId: query.user } : {}),
      ...(actions ? { action: actions } : {}),
    };
    const total = await tx.auditEvent.count({ where });
    const events = await tx.auditEvent.findMany({
      where,
      orderBy: { at: "desc" },
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    });
    const of = (type: string) => ids(events.filter((e) => e.entityType === type).map((e) => e.entityId));
    const memberships = await tx.membership.findMany({
      where: { tenantId: ctx.tenantId, id: { in: of("Membership") } },
      select: { id: true, userId: true },
    });
    const membershipUser = new Map(memberships.map((m) => [m.id, m.userId]));
    const subjectUserOf = (e: (typeof events)[number]) =>
      e.entityType === "Membership" ? (membershipUser.get(e.entityId ?? "") ?? detail(e.details, "userId")) : undefined;
    const userIds = ids([...events.map((e) => e.actorId), ...events.map(subjectUserOf)]);
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
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
    });
    const invitations = await tx.invitation.findMany({
      where: { tenantId: ctx.tenantId, id: { in: of("Invitation") } },
      select: { id: true, email: true },
    });
    const pilotIds = ids([...of("Pilot"), ...events.map((e) => detail(e.details, "pilotId"))]);
    const pilots = await tx.pilot.findMany({
      where: { tenantId: ctx.tenantId, id: { in: pilotIds } },
      select: { id: true, name: true },
    });
    const organisations = await tx.organisation.findMany({
      where: { tenantId: ctx.tenantId, id: { in: of("Organisation") } },
      select: { id: true, name: true },
    });
    const user = new Map(users.map((u) => [u.id, u]));
    const role = new Map(members.map((m) => [m.user.id, m.role]));
    const email = new Map(invitations.map((i) => [i.id, i.email]));
    const pilot = new Map(pilots.map((p) => [p.id, p.name]));
    const organisation = new Map(organisations.map((o) => [o.id, o.name]));
    // Two members of one name are told apart by their e-mail.
    const nameCount = new Map<string, number>();
    for (const m of members) nameCount.set(m.user.name, (nameCount.get(m.user.name) ?? 0) + 1);
    const personName = (id: string | undefined) => {
      const u = id ? user.get(id) : undefined;
      if (!u) return null;
      return (nameCount.get(u.name) ?? 0) > 1 ? `${u.name} <${u.email}>` : u.name;
    };
    const code = new Map(participants.map((p) => [p.id, p.code]));
    return {
      total,
      pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
      members: members
        .map((m) => ({ id: m.user.id, name: m.user.name, email: m.user.email }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      events: events.map((e) => ({
        ...e,
        actorName: personName(e.actorId ?? undefined),
        actorRole: e.actorId ? (role.get(e.actorId) ?? null) : null,
        participantCode: e.participantId ? (code.get(e.participantId) ?? null) : null,
        subject: {
          email: e.entityType === "Invitation" ? (email.get(e.entityId ?? "") ?? null) : null,
          memberName: personName(subjectUserOf(e)),
          pilotName:
            pilot.get(e.entityType === "Pilot" ? (e.entityId ?? "") : (detail(e.details, "pilotId") ?? "")) ?? null,
          organisationName: e.entityType === "Organisation" ? (organisation.get(e.entityId ?? "") ?? null) : null,
        },
      })),
    };
  });
}
