// Pure (no "server-only", no database): the audit page and the unit tests share it.
import type { TFunction } from "i18next";

/** One audit event with the names the log resolved for it (people, pilots, organisations, participant codes). */
export type AuditEventView = {
  action: string;
  actorName: string | null;
  /** The actor's role in the municipality today; null when they are no longer a member (or it was the system). */
  actorRole: string | null;
  details: unknown;
  participantCode: string | null;
  /** Who or what the event was about, where the log could find it. */
  subject?: {
    email?: string | null;
    memberName?: string | null;
    pilotName?: string | null;
    organisationName?: string | null;
  };
};

type Values = Record<string, string>;
type Detail = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);

/**
 * Per action, the values its sentence needs. A sentence is used only when all of them are known (an erased
 * participant has no code any more, a revoked invitation's e-mail may be gone): otherwise the plain label.
 */
function sentenceValues(e: AuditEventView, t: TFunction): Values | undefined {
  const d: Detail = e.details && typeof e.details === "object" ? (e.details as Detail) : {};
  const s = e.subject ?? {};
  const role = (r: unknown) =>
    text(r) ? t(`participants:audit.roleNames.${String(r)}`, { defaultValue: String(r) }) : undefined;
  const enumLabel = (type: string, v: unknown) =>
    text(v) ? t(`enums:${type}.${String(v)}`, { defaultValue: String(v) }) : undefined;
  const code = e.participantCode ?? undefined;
  const need = (values: Record<string, string | null | undefined>): Values | undefined =>
    Object.values(values).every((v) => v) ? (values as Values) : undefined;
  switch (e.action) {
    case "member.invited":
      return need({ email: s.email, role: role(d.role) });
    case "member.invitationRevoked":
      return need({ email: s.email });
    case "member.joined":
      return need({ role: role(d.role) });
    case "member.roleChanged":
      return need({ member: s.memberName, from: role(d.from), to: role(d.to) });
    case "member.removed":
      return need({ member: s.memberName });
    case "participant.created":
    case "participant.viewed":
    case "participant.updated":
    case "participant.exported":
    case "consent.given":
    case "consent.withdrawn":
    case "activity.updated":
      return need({ code });
    case "enrolment.created":
      return need({ code, pilot: s.pilotName });
    case "enrolment.exited":
      return need({ code, reason: enumLabel("ExitReason", d.exitReason) });
    case "outcome.recorded":
      return need({ code, status: enumLabel("OutcomeStatus", d.status), point: enumLabel("OutcomePoint", d.point) });
    case "activity.created":
      return need({ code, type: enumLabel("ActivityType", d.type) });
    case "activity.ended":
      return need({ code, status: enumLabel("ActivityStatus", d.status) });
    case "pilot.created":
    case "pilot.updated":
      return need({ pilot: s.pilotName ?? text(d.name) });
    case "organisation.created":
    case "organisation.updated":
      return need({ organisation: s.organisationName ?? text(d.name) });
    case "auth.signedIn":
    case "auth.signedOut":
    case "tenant.settingsChanged":
    case "audit.exported":
    case "participants.exported":
    case "import.completed":
    case "model.published":
    case "model.republished":
    case "model.unpublished":
    case "model.updated":
    case "model.created":
    case "release.published":
      return {};
    default:
      return undefined;
  }
}

/** The actor as the log names them: "Kari Vold (koordinator)", or the system when no person acted. */
export function describeActor(e: Pick<AuditEventView, "actorName" | "actorRole">, t: TFunction): string {
  if (!e.actorName) return t("participants:audit.system");
  if (!e.actorRole) return e.actorName;
  return t("participants:audit.actorWithRole", {
    name: e.actorName,
    role: t(`participants:audit.roleNames.${e.actorRole}`, { defaultValue: e.actorRole }),
  });
}

/** One audit event as a sentence in the reader's language: who did what to what. */
export function describeAuditEvent(e: AuditEventView, t: TFunction): string {
  const actor = describeActor(e, t);
  const key = e.action.replace(".", "_");
  const values = sentenceValues(e, t);
  if (values) return t(`participants:audit.sentences.${key}`, { ...values, actor });
  return t("participants:audit.sentences.fallback", {
    actor,
    what: t(`participants:audit.actions.${key}`, { defaultValue: e.action }),
  });
}
