/**
 * How the isolation sweep covers each part of the app. Everything the app serves is found on disk (see
 * inventory.ts); this file only says, per dynamic segment name, per action parameter and per action, how to
 * aim it at the victim — so a new route with known segments is swept with no change here, and a new segment
 * name, a new action or a new action parameter fails the classification test until it is described below.
 */
import type { TenantIds, Victim } from "./tenant-data.ts";
import { fillPattern, type ServerAction } from "./inventory.ts";

export const LOCALE = "nb";

/** The tenant whose records the attackers aim at. */
export const VICTIM = {
  slug: "verdal",
  name: "Verdal kommune",
  admin: "admin@verdal.demo",
  organisation: "Verdal Hotell AS",
};

/** Attackers: signed out, and each role of another tenant (Åre). partner@verdal.demo is the victim's own. */
export const ATTACKER_TENANT = { slug: "are", admin: "admin@are.demo" };
export const ROLES = [
  { label: "signed out", email: null },
  { label: "partner viewer of Åre", email: "partner@are.demo" },
  { label: "coordinator of Åre", email: "koordinator@are.demo" },
  { label: "tenant admin of Åre", email: "admin@are.demo" },
] as const;

/** What a URL is filled with: the tenant slug in the URL (the victim's, or the attacker's own) and the victim. */
export type Fill = { tenant: string; victim: Victim };

/**
 * Every dynamic segment name of app/, and how to fill it. `victim: true`: the segment names one of the victim's
 * records, so the route must answer 404 (403/401, or sign-in for signed-out visitors) to every attacker.
 */
export const SEGMENTS: Record<string, { victim: boolean; fill: (f: Fill) => string; why: string }> = {
  locale: { victim: false, fill: () => LOCALE, why: "the language; one is enough" },
  tenant: {
    victim: true,
    fill: (f) => f.tenant,
    why: "the victim's slug, or the attacker's own with the victim's record ids",
  },
  participantId: { victim: true, fill: (f) => f.victim.participantId, why: "a participant of the victim" },
  pilotId: { victim: true, fill: (f) => f.victim.pilotId, why: "a pilot of the victim" },
  organisationId: { victim: true, fill: (f) => f.victim.organisationId, why: "a partner organisation of the victim" },
  partnership: { victim: true, fill: (f) => f.victim.partnershipSlug, why: "a partnership only the victim belongs to" },
  draftId: {
    victim: true,
    fill: (f) => f.victim.draftId,
    why: "an import draft of the victim (an uploaded file with personal data, not yet imported)",
  },
  table: { victim: false, fill: () => "pilot", why: "a dashboard table name (lib/dashboards/csv.ts), not a record" },
  slug: { victim: false, fill: () => VICTIM.slug, why: "a published model's slug: public" },
  nextauth: { victim: false, fill: () => "session", why: "next-auth's own endpoints: public" },
  rest: { victim: false, fill: () => "no-such-page", why: "a path no page matches: the not-found page" },
};

/** Routes that are public by design. The test fails if one of them no longer exists. */
export const PUBLIC_ROUTES: Record<string, string> = {
  "/[locale]": "the landing page",
  "/[locale]/signin": "the sign-in form",
  "/[locale]/signin/verify":
    "the second step of a password sign-in; shows only a code field, for a pending sign-in in the visitor's own cookie",
  "/[locale]/signin/refused":
    "why a sign-in through a municipality's identity provider was refused: a fixed text per reason",
  "/api/oidc/callback":
    "the identity providers' redirect URI: acts only on the flow sealed in the visitor's own cookie",
  "/[locale]/onboarding": "a municipality signs itself up here",
  "/[locale]/invitation": "accepting an invitation link (the signed token is the credential)",
  "/[locale]/account/second-factor":
    "setting up a required second factor through a link mailed to the account's own address (the sealed token and the password are the credentials)",
  "/[locale]/protection": "how shared figures are protected: the method, no data",
  "/[locale]/accessibility": "the accessibility statement",
  "/[locale]/[...rest]": "any unknown path: the not-found page",
  "/[locale]/models": "the public library of published collaboration models",
  "/[locale]/models/[slug]": "a published collaboration model is public (it names its municipality on purpose)",
  "/api/health": "load balancer health check; says nothing about tenants",
  "/api/health/live": "liveness probe: the process answers; says nothing about tenants",
  "/api/health/ready": "readiness probe: the database answers and no migration is pending; says nothing about tenants",
  "/api/auth/[...nextauth]": "next-auth's sign-in, sign-out, csrf and session endpoints",
};

/**
 * Routes that answer 404 to everyone by design (a path no page matches), their owner included: the controls
 * expect 404 from them, the sweep still checks that no one else gets anything of the victim's from them.
 */
export const NOT_FOUND_ROUTES: Record<string, string> = {
  "/[locale]/t/[tenant]/[...rest]":
    "a path inside a workspace that no page matches: not found, under the workspace's navigation",
};

/**
 * Routes that name no tenant and no record: they show the signed-in user their own things. Swept for leaks
 * and 5xx like every route, but any status is fine. The test fails if one of them no longer exists.
 */
export const SELF_SCOPED_ROUTES: Record<string, string> = {
  "/[locale]/t": "the signed-in user's own workspaces (redirects to the only one)",
  "/[locale]/admin/tenants": "the platform operator's queue; 404 for everyone else",
  "/[locale]/account": "the signed-in user's own account; it names no tenant or record",
  "/api/metrics":
    "the operator's metrics, 404 without the METRICS_TOKEN bearer token: route patterns, pool and cache counts, no tenant or person",
};

/**
 * An attacker's own pages with the victim's ids in the query string (filters): they must answer about the
 * attacker's own tenant only. Paths use {own} for the attacker's slug.
 */
export const QUERY_PROBES: ((own: string, v: Victim) => string)[] = [
  (own, v) => `/${LOCALE}/t/${own}/participants?pilotId=${v.pilotId}&organisationId=${v.organisationId}`,
  (own, v) => `/${LOCALE}/t/${own}/participants?q=${v.participantCode}`,
  (own, v) => `/${LOCALE}/t/${own}/dashboard?pilot=${v.pilotId}`,
  (own, v) => `/${LOCALE}/t/${own}/dashboard/report?pilot=${v.pilotId}`,
  (own, v) => `/api/t/${own}/dashboard/pilot?pilot=${v.pilotId}`,
  (own, v) => `/${LOCALE}/t/${own}/audit?participant=${v.participantCode}&user=${v.coordinatorUserId}`,
  (own, v) => `/api/t/${own}/audit?participant=${v.participantCode}&user=${v.coordinatorUserId}`,
  // The participant list's export, filtered as the list is; as CSV, so that a canary in it would be readable (XLSX is zipped).
  (own, v) => `/api/t/${own}/participants/export?pilotId=${v.pilotId}&q=${v.participantCode}&format=csv`,
  (own, v) => `/api/t/${own}/participants/export?organisationId=${v.organisationId}&format=csv`,
];

// ------------------------------------------------------------------------------------------ server actions

/**
 * Every string parameter an action takes before its state and form. "primary"/"secondary" ids are records:
 * in variant C (own tenant, own record, the victim's ids in the form) primary ids are the attacker's own.
 */
export const ACTION_PARAMS: Record<
  string,
  { kind: "locale" | "tenant" | "record"; pick?: (ids: TenantIds) => string }
> = {
  locale: { kind: "locale" },
  tenant: { kind: "tenant" },
  participantId: { kind: "record", pick: (ids) => ids.participantId },
  activityId: { kind: "record", pick: (ids) => ids.activityId },
  enrolmentId: { kind: "record", pick: (ids) => ids.enrolmentId },
  pilotId: { kind: "record", pick: (ids) => ids.pilotId },
  organisationId: { kind: "record", pick: (ids) => ids.organisationId },
  draftId: { kind: "record", pick: (ids) => ids.draftId },
};

/** An action's bound arguments (those before its state and form), aimed at `tenant` and the records of `owner`. */
export function boundArguments(action: ServerAction, tenant: string, owner: TenantIds): string[] {
  return action.params.slice(0, -2).map((p) => {
    const kind = ACTION_PARAMS[p.name];
    return kind.kind === "locale" ? LOCALE : kind.kind === "tenant" ? tenant : kind.pick!(owner);
  });
}

/** The page an action is posted to (`worker`: its page pattern), for `tenant` and the records of `owner`. */
export function actionPageUrl(worker: string, tenant: string, owner: TenantIds, victim: Victim): string {
  return fillPattern(worker, (name) =>
    name === "tenant"
      ? tenant
      : ACTION_PARAMS[name]?.pick
        ? ACTION_PARAMS[name].pick(owner)
        : SEGMENTS[name].fill({ tenant, victim }),
  );
}

export type Fields = Record<string, string | string[]>;

/**
 * A: the victim's slug and records.  B: the attacker's own slug with the victim's records.  C: the attacker's
 * own slug and own records, with the victim's ids in the form's references (a cross-tenant reference).
 * C is only listed where the attacker's own record would be changed legitimately without the reference.
 */
export type Variant = "A" | "B" | "C";

export type ActionProbe = {
  variants: Variant[];
  /** A valid form. `victim` gives the referenced ids, `owner` the acted-on record's (the attacker's own in C). */
  form: (victim: Victim, owner: TenantIds) => Fields;
  /** Form fields that carry a record id: "invalid input" is an acceptable refusal only on these. */
  refs: string[];
  /**
   * A plain form post: it answers every call with a redirect (to the record's page), a refusal with
   * `?error=<message key>` there, which the sweep then reads as the action's answer. A redirect without it is
   * a success, as for any other action.
   */
  redirects?: true;
};

const ORG_FORM = { name: "Isolasjonsprøve AS", type: "OTHER", active: "on" };
const PILOT_FORM = (v: Victim) => ({
  name: "Isolasjonsprøve",
  kind: "CUSTOM",
  status: "ACTIVE",
  startDate: "2020-01-01",
  organisationIds: [v.organisationId],
});

/** Every action of every app/**\/actions.ts that runs for a tenant (runTenantAction). */
export const TENANT_ACTIONS: Record<string, ActionProbe> = {
  // members
  inviteAction: {
    variants: ["A", "B"],
    refs: ["organisationId"],
    form: (v) => ({ email: "isolasjon@example.invalid", role: "PARTNER_VIEWER", organisationId: v.organisationId }),
  },
  revokeInvitationAction: {
    variants: ["A", "B"],
    refs: ["invitationId"],
    form: (v) => ({ invitationId: v.invitationId }),
  },
  changeRoleAction: {
    variants: ["A", "B", "C"],
    refs: ["membershipId", "organisationId"],
    form: (v, o) => ({ membershipId: o.membershipId, role: "PARTNER_VIEWER", organisationId: v.organisationId }),
  },
  removeMemberAction: {
    variants: ["A", "B"],
    refs: ["membershipId"],
    form: (_, o) => ({ membershipId: o.membershipId }),
  },
  // collaboration model: no record ids, only the tenant
  saveModelAction: { variants: ["A"], refs: [], form: () => ({ title: "Isolasjonsprøve" }) },
  publishModelAction: { variants: ["A"], refs: [], form: () => ({}) },
  unpublishModelAction: { variants: ["A"], refs: [], form: () => ({}) },
  adoptModelAction: { variants: ["A"], refs: [], form: () => ({ modelSlug: VICTIM.slug }) },
  // organisations
  createOrganisationAction: { variants: ["A"], refs: [], form: () => ORG_FORM },
  updateOrganisationAction: { variants: ["A", "B"], refs: [], form: () => ORG_FORM },
  // participants
  registerParticipantAction: {
    variants: ["A", "B"],
    refs: ["sharingOrganisationIds"],
    form: (v) => ({
      targetGroup: "IMMIGRANT",
      consentFollowUp: "on",
      consentPartnerSharing: "on",
      sharingOrganisationIds: [v.organisationId],
      consentDate: "2020-01-01",
    }),
  },
  updateParticipantAction: {
    variants: ["A", "B", "C"],
    refs: ["coordinatorId"],
    form: (v, o) => ({
      targetGroup: "IMMIGRANT",
      status: "ACTIVE",
      version: o.participantVersion,
      coordinatorId: v.coordinatorUserId,
    }),
  },
  recordConsentAction: {
    variants: ["A", "B", "C"],
    refs: ["partnerOrganisationId"],
    form: (v) => ({ purpose: "PARTNER_SHARING", partnerOrganisationId: v.organisationId, givenAt: "2020-01-01" }),
  },
  withdrawConsentAction: {
    variants: ["A", "B", "C"],
    refs: ["consentId"],
    form: (v) => ({ consentId: v.consentId, withdrawnAt: "2020-01-01" }),
  },
  addActivityAction: {
    variants: ["A", "B", "C"],
    refs: ["organisationId", "enrolmentId"],
    form: (v) => ({
      type: "MENTORING",
      status: "PLANNED",
      startDate: "2030-01-01",
      organisationId: v.organisationId,
      enrolmentId: v.enrolmentId,
    }),
  },
  updateActivityAction: {
    variants: ["A", "B", "C"],
    refs: ["organisationId", "enrolmentId"],
    form: (v, o) => ({
      type: "MENTORING",
      status: "PLANNED",
      startDate: "2030-01-01",
      organisationId: v.organisationId,
      enrolmentId: v.enrolmentId,
      version: o.activityVersion,
    }),
  },
  endActivityAction: {
    variants: ["A", "B"],
    refs: [],
    form: (_, o) => ({ status: "COMPLETED", endDate: "2020-01-01", version: o.activityVersion }),
  },
  enrolAction: {
    variants: ["A", "B", "C"],
    refs: ["pilotId"],
    form: (v) => ({ pilotId: v.pilotId, startDate: "2020-01-01" }),
  },
  exitEnrolmentAction: {
    variants: ["A", "B"],
    refs: [],
    form: () => ({ exitDate: "2020-01-01", exitReason: "OTHER" }),
  },
  endProgrammeAction: {
    variants: ["A", "B"],
    refs: [],
    form: () => ({ exitDate: "2020-01-01", exitReason: "OTHER", status: "UNKNOWN" }),
  },
  recordOutcomeAction: {
    variants: ["A", "B", "C"],
    refs: ["enrolmentId", "organisationId"],
    form: (v) => ({
      enrolmentId: v.enrolmentId,
      point: "MONTHS_12",
      status: "UNKNOWN",
      observedAt: "2020-01-01",
      organisationId: v.organisationId,
    }),
  },
  eraseParticipantAction: { variants: ["A", "B"], refs: [], form: (_, o) => ({ confirmCode: o.participantCode }) },
  applyRetentionAction: { variants: ["A"], refs: [], form: () => ({}) },
  // pilots
  createPilotAction: { variants: ["A", "B"], refs: ["organisationIds"], form: (v) => PILOT_FORM(v) },
  updatePilotAction: { variants: ["A", "B", "C"], refs: ["organisationIds"], form: (v) => PILOT_FORM(v) },
  // settings and partnerships
  setSharingAction: {
    variants: ["A", "B"],
    refs: ["partnershipId"],
    form: (v) => ({ partnershipId: v.partnershipId, share: "" }),
  },
  updateSettingsAction: { variants: ["A"], refs: [], form: () => ({ name: "Isolasjonsprøve kommune" }) },
  // releases
  publishReleaseAction: { variants: ["A"], refs: [], form: () => ({}) },
  setReleaseScheduleAction: { variants: ["A"], refs: [], form: () => ({ schedule: "MONTHLY" }) },
  createPartnershipAction: {
    variants: ["A"],
    refs: [],
    form: () => ({ name: "Isolasjonsprøve", slug: "isolasjonsprove" }),
  },
  saveProviderAction: {
    variants: ["A"],
    refs: [],
    form: () => ({
      preset: "GENERIC",
      issuer: "https://login.isolasjon.example",
      clientId: "isolasjon",
      clientSecret: "isolasjonshemmelighet",
      domains: "isolasjon.example",
      domainRole: "",
      roleClaim: "",
      roleMap: "",
    }),
  },
  testProviderAction: { variants: ["A"], refs: [], form: () => ({}) },
  totpRequirementAction: { variants: ["A"], refs: [], form: () => ({ requireTotpForAdmins: "on" }) },
  switchProviderAction: { variants: ["A"], refs: [], form: () => ({ enabled: "on", requireOidc: "on" }) },
  claimDomainAction: { variants: ["A"], refs: [], form: () => ({ domain: "isolasjon.example" }) },
  verifyDomainAction: { variants: ["A"], refs: [], form: () => ({ domain: "isolasjon.example" }) },
  removeDomainAction: { variants: ["A"], refs: [], form: () => ({ domain: "isolasjon.example" }) },
  invitePartnerAction: {
    variants: ["A", "B"],
    refs: ["partnershipId"],
    form: (v) => ({ partnershipId: v.partnershipId, tenantSlug: "inderoy" }),
  },
  respondPartnershipAction: {
    variants: ["A", "B"],
    refs: ["partnershipId"],
    form: (v) => ({ partnershipId: v.partnershipId, answer: "accept" }),
  },
  // import: the draft is the record; the forms name no other record (organisations and pilots to create go by name)
  saveImportMappingAction: {
    variants: ["A", "B"],
    refs: [],
    redirects: true,
    form: () => ({ "column.0": "reference" }),
  },
  runImportAction: { variants: ["A", "B"], refs: [], redirects: true, form: () => ({}) },
  discardImportAction: { variants: ["A", "B"], refs: [], redirects: true, form: () => ({}) },
};

/**
 * Actions that run without a tenant (runPublicAction), with why, and how the sweep aims them at the victim
 * (null: not swept, with the reason in `why`).
 */
export const PUBLIC_ACTIONS: Record<string, { why: string; form: ((v: Victim) => Fields) | null; refs: string[] }> = {
  startOidcAction: {
    why: "sends the visitor to a municipality's identity provider; reads only which tenants offer one (slugs and names)",
    form: null,
    refs: [],
  },
  verifySecondFactorAction: {
    why: "the second step of a password sign-in: acts only on the pending sign-in sealed in the visitor's own cookie",
    form: null,
    refs: [],
  },
  startTotpAction: {
    why: "starts two-step verification for the signed-in user's own account; names no tenant or record",
    form: null,
    refs: [],
  },
  confirmTotpAction: {
    why: "turns on the signed-in user's own second factor; names no tenant or record",
    form: null,
    refs: [],
  },
  disableTotpAction: {
    why: "turns off the signed-in user's own second factor (a code is required); names no tenant or record",
    form: null,
    refs: [],
  },
  signInAction: {
    why: "signs in with an e-mail and a password; the form names no tenant or record, and the session it starts is checked per request",
    form: null,
    refs: [],
  },
  changePasswordAction: {
    why: "changes the signed-in user's own password; the form names no account, tenant or record",
    form: null,
    refs: [],
  },
  onboardAction: {
    why: "a new municipality signs itself up; it creates a tenant of its own and names no other",
    form: null,
    refs: [],
  },
  acceptInvitationAction: {
    why: "the signed invitation token is the credential; another account holding the victim's token must be refused",
    form: (v) => ({ token: v.invitationToken }),
    refs: [],
  },
  signOutAction: {
    why: "ends the visitor's own session (the one its cookie names) and removes the cookie",
    form: null,
    refs: [],
  },
  signOutEverywhereAction: {
    why: "ends every session of the signed-in user's own account",
    form: null,
    refs: [],
  },
  endSessionAction: {
    why: "ends one session of the signed-in user's own account: a session id of another account is 'not found'",
    form: null,
    refs: [],
  },
  sendSetupLinkAction: {
    why: "mails a second-factor set-up link to the signed-in user's own address; names no tenant or record",
    form: null,
    refs: [],
  },
  reauthenticateAction: {
    why: "the signed-in user gives their own password and code again; names no tenant or record",
    form: null,
    refs: [],
  },
  setupPasswordAction: {
    why: "step 1 of a mailed second-factor set-up link: the sealed token and the account's password are the credentials",
    form: null,
    refs: [],
  },
  setupConfirmAction: {
    why: "step 2 of a mailed set-up link: the token, the password given in this browser, and a code",
    form: null,
    refs: [],
  },
  decideTenantAction: {
    why: "the platform operator approves sign-ups; anyone else gets 'not found'",
    form: (v) => ({ tenantId: v.tenantId, approve: "on" }),
    refs: [],
  },
};
