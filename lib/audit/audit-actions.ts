/**
 * The audit log's action codes in the groups the log's filter offers (no "server-only": the page, the schema
 * and the unit tests share it). tests/unit/audit-actions.test.ts checks that every code the code writes is here.
 */
export const AUDIT_ACTION_GROUPS = {
  participants: [
    "participant.created",
    "participant.viewed",
    "participant.updated",
    "participant.exported",
    "participant.erased",
    "participants.exported",
    "consent.given",
    "consent.withdrawn",
    "import.completed",
  ],
  pathways: [
    "enrolment.created",
    "enrolment.exited",
    "activity.created",
    "activity.updated",
    "activity.ended",
    "outcome.recorded",
  ],
  members: ["member.invited", "member.invitationRevoked", "member.joined", "member.roleChanged", "member.removed"],
  setup: [
    "tenant.onboarded",
    "tenant.seeded",
    "tenant.settingsChanged",
    "organisation.created",
    "organisation.updated",
    "pilot.created",
    "pilot.updated",
    "model.created",
    "model.updated",
    "model.adopted",
    "model.published",
    "model.republished",
    "model.unpublished",
    "partnership.created",
    "partnership.invited",
    "partnership.accept",
    "partnership.decline",
    "partnership.leave",
    "partnership.sharingOn",
    "partnership.sharingOff",
    "release.published",
    "release.scheduleChanged",
    "audit.exported",
  ],
  security: [
    "auth.signInFailed",
    "auth.passwordRefused",
    "auth.oidcRefused",
    "auth.totpEnabled",
    "auth.totpDisabled",
    "auth.recoveryCodeUsed",
    "auth.identityLinked",
    "tenant.totpRequirement",
    "identityProvider.saved",
    "identityProvider.tested",
    "identityProvider.enabled",
    "identityProvider.disabled",
    "domain.claimed",
    "domain.verified",
    "domain.removed",
  ],
  signIns: ["auth.signedIn", "auth.signedOut", "auth.signedOutEverywhere"],
} as const;

export type AuditActionGroup = keyof typeof AUDIT_ACTION_GROUPS;
export const AUDIT_ACTION_GROUP_NAMES = Object.keys(AUDIT_ACTION_GROUPS) as AuditActionGroup[];
export const AUDIT_ACTIONS: readonly string[] = Object.values(AUDIT_ACTION_GROUPS).flat();

/** Routine sign-ins and sign-outs: hidden from the log unless asked for (they drown everything else). */
export const SIGN_IN_ACTIONS: readonly string[] = AUDIT_ACTION_GROUPS.signIns;

/** The filter's value: one action code, or a whole group as "group:<name>". */
export function actionsOfFilter(value: string): string[] | undefined {
  if (value.startsWith("group:")) {
    const group = value.slice("group:".length);
    return Object.hasOwn(AUDIT_ACTION_GROUPS, group) ? [...AUDIT_ACTION_GROUPS[group as AuditActionGroup]] : undefined;
  }
  return AUDIT_ACTIONS.includes(value) ? [value] : undefined;
}

/**
 * The action codes a query selects, or undefined for "any". Routine sign-ins are left out only when `signIns` is
 * false (the page's default); a chosen action or group is shown whatever the checkbox says.
 */
export function auditActionWhere(query: {
  action?: string;
  signIns?: boolean;
}): { in: string[] } | { notIn: string[] } | undefined {
  const chosen = query.action ? actionsOfFilter(query.action) : undefined;
  if (chosen) return { in: chosen };
  return query.signIns === false ? { notIn: [...SIGN_IN_ACTIONS] } : undefined;
}
