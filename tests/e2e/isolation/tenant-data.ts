/**
 * A tenant's real record ids, read through the app by one of its own members (from the Flight payloads of its
 * pages, which carry the ids the forms use), the strings that only that tenant's data contains (canaries), and a
 * fingerprint of the records the sweep aims at, to show afterwards that nothing changed.
 */
import { expect } from "@playwright/test";
import { flight as getFlight, get, postMultipart, type Session } from "./client.ts";
import { query } from "../database.ts";

export type TenantIds = {
  slug: string;
  participantId: string;
  participantCode: string;
  participantVersion: string;
  activityId: string;
  activityVersion: string;
  /** An enrolment of that participant that has ended (outcomes can be recorded on it). */
  enrolmentId: string;
  consentId: string;
  pilotId: string;
  organisationId: string;
  /** The partner viewer's membership. */
  membershipId: string;
  /** A coordinator's user id. */
  coordinatorUserId: string;
  participantIds: string[];
  participantCodes: string[];
  participantNames: string[];
  pilotIds: string[];
  organisationIds: string[];
  organisationNames: string[];
  memberNames: string[];
  /** An import draft (an uploaded file, not imported), made for the sweep by the tenant's administrator. */
  draftId: string;
};

export type Victim = TenantIds & {
  tenantId: string;
  name: string;
  partnershipId: string;
  partnershipSlug: string;
  partnershipName: string;
  invitationId: string;
  invitationToken: string;
  /** The import draft's file name and the one reference in it: only the draft's page shows them. */
  draftFileName: string;
  draftReference: string;
};

async function flight(session: Session, url: string): Promise<string> {
  const res = await getFlight(session, url);
  expect(res.status, `${session.label}: GET ${url} (→ ${res.location})`).toBe(200);
  return res.body;
}

const all = (text: string, re: RegExp, group = 1) => [...text.matchAll(re)].map((m) => m[group]);
const unique = <T>(a: T[]) => [...new Set(a)];

function one<T>(what: string, values: T[]): T {
  if (values.length === 0 || values[0] === undefined)
    throw new Error(`could not find ${what} in the page (has the page changed?)`);
  return values[0];
}

/** Reads a tenant's ids as one of its administrators. `preferOrganisation`: a seeded organisation no other spec edits. */
export async function collectTenant(
  admin: Session,
  slug: string,
  preferOrganisation?: string,
): Promise<Omit<TenantIds, "draftId">> {
  const base = `/nb/t/${slug}`;
  const participantIds: string[] = [];
  const participantCodes: string[] = [];
  const participantNames: string[] = [];
  for (let page = 1; page <= 20; page++) {
    const list = await flight(admin, `${base}/participants?page=${page}`);
    const ids = unique(all(list, new RegExp(`/t/${slug}/participants/([a-z0-9]{20,})`, "g")));
    const fresh = ids.filter((id) => !participantIds.includes(id));
    if (fresh.length === 0) break;
    participantIds.push(...fresh);
    participantCodes.push(...all(list, /"children":"([A-Z]{2,5}-\d{4,6})"\}\]\}\]/g));
    participantNames.push(
      ...all(list, /"children":"[A-Z]{2,5}-\d{4,6}"\}\]\}\],\["\$","td","1",\{[^{}]*"children":"([^"]+)"/g),
    );
  }
  // The first participant with an ended enrolment, an activity and a consent: the seeded ones all have them.
  let found: Pick<
    TenantIds,
    | "participantId"
    | "participantCode"
    | "participantVersion"
    | "activityId"
    | "activityVersion"
    | "enrolmentId"
    | "consentId"
    | "coordinatorUserId"
  > | null = null;
  for (const id of participantIds.slice(0, 10)) {
    const page = await flight(admin, `${base}/participants/${id}`);
    const activity = /"activity":\{"id":"([a-z0-9]+)"[^{}]*?"version":(\d+)/.exec(page);
    const enrolment = /"enrolments":\[\{"id":"([a-z0-9]+)"[^{}]*"exitDate":"\d{4}-\d\d-\d\d"/.exec(page);
    const consent = /"consents":\[\{"id":"([a-z0-9]+)"/.exec(page);
    const details = /"details":\{"name":[^{}]*"coordinatorId":"([a-z0-9]+)","version":(\d+)/.exec(page);
    const code = /"h1",null,\{[^{}]*"children":"([A-Z]{2,5}-\d{4,6})"/.exec(page);
    if (activity && enrolment && consent && details && code) {
      found = {
        participantId: id,
        participantCode: code[1],
        participantVersion: details[2],
        activityId: activity[1],
        activityVersion: activity[2],
        enrolmentId: enrolment[1],
        consentId: consent[1],
        coordinatorUserId: details[1],
      };
      break;
    }
  }
  if (!found) throw new Error(`no participant of ${slug} with an ended enrolment, an activity and a consent`);

  const pilots = await flight(admin, `${base}/pilots`);
  const pilotIds = unique(all(pilots, new RegExp(`/t/${slug}/pilots/([a-z0-9]{20,})`, "g")));
  const organisations = await flight(admin, `${base}/organisations`);
  const organisationIds = unique(all(organisations, new RegExp(`/t/${slug}/organisations/([a-z0-9]{20,})`, "g")));
  const organisationNames = unique(
    all(organisations, new RegExp(`/t/${slug}/organisations/[a-z0-9]{20,}","[^{}]*?"children":"([^"]+)"`, "g")),
  );
  const preferred = preferOrganisation
    ? new RegExp(
        `/t/${slug}/organisations/([a-z0-9]{20,})","[^{}]*?"children":"${preferOrganisation.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"`,
      ).exec(organisations)?.[1]
    : undefined;
  const members = await flight(admin, `${base}/members`);
  const membershipId = one(
    "the partner viewer's membership",
    all(members, /"membershipId":"([a-z0-9]+)","role":"PARTNER_VIEWER"/g),
  );
  const memberNames = unique(all(members, /"membershipId":"[a-z0-9]+","role":"[A-Z_]+"[^{}]*?"name":"([^"]+)"/g));
  return {
    slug,
    ...found,
    pilotId: one("a pilot", pilotIds),
    organisationId: preferred ?? one("an organisation", organisationIds),
    membershipId,
    participantIds,
    participantCodes: unique(participantCodes),
    participantNames: unique(participantNames),
    pilotIds,
    organisationIds,
    organisationNames,
    memberNames,
  };
}

/**
 * Uploads a one-row CSV as `admin` through the import's route (as the upload page's script does: JSON answer)
 * and returns the new draft's id, from the draft page's address the answer names.
 */
export async function uploadImportDraft(
  admin: Session,
  slug: string,
  file: { fileName: string; reference: string },
): Promise<string> {
  const csv = `Referanse;Målgruppe;Samtykkedato;Samtykke til oppfølging\r\n${file.reference};Innvandrer;2024-01-01;ja\r\n`;
  const res = await postMultipart(
    admin,
    `/api/t/${slug}/import?locale=nb`,
    { file: { name: file.fileName, mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") } },
    { accept: "application/json" },
  );
  expect(res.status, `${admin.label} uploads an import file: ${res.body.slice(0, 200)}`).toBe(200);
  const location = (JSON.parse(res.body) as { location?: string }).location ?? "";
  const draftId = new RegExp(`^/nb/t/${slug}/import/([a-z0-9]{20,})$`).exec(location)?.[1];
  expect(draftId, `the upload's answer names the new draft's page (${location})`).toBeTruthy();
  return draftId!;
}

/** The strings only the victim's data contains, after removing anything the attacker's own tenant also has. */
export function canaries(victim: Victim, attacker: TenantIds): string[] {
  const theirs = new Set([...attacker.participantNames, ...attacker.organisationNames, ...attacker.memberNames]);
  const names = [
    ...victim.participantNames.filter((n) => /^\p{L}+ \p{L}\.$/u.test(n)),
    ...victim.organisationNames,
    ...victim.memberNames,
  ].filter((n) => !theirs.has(n));
  return unique([
    victim.name,
    victim.partnershipName,
    // (Not the demo e-mail addresses: the sign-in hint, shipped with every page's translations, names them.)
    ...victim.participantCodes,
    ...names,
    // Every record id: a response may only contain the ids its own request named.
    victim.tenantId,
    victim.partnershipId,
    victim.invitationId,
    victim.membershipId,
    victim.coordinatorUserId,
    victim.activityId,
    victim.enrolmentId,
    victim.consentId,
    victim.draftId,
    ...victim.participantIds,
    ...victim.pilotIds,
    ...victim.organisationIds,
    // What only the import draft's page shows.
    victim.draftFileName,
    victim.draftReference,
  ]).filter((s) => s.length >= 4);
}

/** The canaries a response contains, leaving out those its request itself named (URLs echo their segments). */
export function leaks(body: string, canaryList: string[], request: string): string[] {
  return canaryList.filter((c) => body.includes(c) && !request.includes(c));
}

// -------------------------------------------------------------------------------------- "nothing changed"

/** The visible text of a page's <main>, for comparing a page before and after. */
function mainText(html: string): string {
  const main = /<main[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export type Fingerprint = Record<string, string>;

/**
 * The records the sweep aims at, as the victim's administrator sees them: the participant's full export (minus
 * its timestamp and access log), the pilot's, the organisation's, the settings' and the import draft's pages,
 * the memberships and invitations, and the number of participants; and the import draft's row in the database
 * (its updatedAt moves with any write, even one that stores the same mapping again; gone if it was discarded).
 * Reading them is audited as the administrator, which the audit check allows.
 */
export async function fingerprint(admin: Session, victim: Victim): Promise<Fingerprint> {
  const base = `/nb/t/${victim.slug}`;
  const out: Fingerprint = {};
  const exp = await get(admin, `/api/t/${victim.slug}/participants/${victim.participantId}/export`);
  expect(exp.status, "the victim's administrator exports the participant").toBe(200);
  const data = JSON.parse(exp.body) as Record<string, unknown>;
  // Its time, and its own access log, which grows with every read (the audit log check covers who read it).
  delete data.exportedAt;
  delete data.accessLog;
  out[`participant ${victim.participantCode} (export)`] = JSON.stringify(data);
  // Members and invitations as data: the members page's text also lists every organisation (for the role
  // form), which other specs add to while this one runs.
  const members = await flight(admin, `${base}/members`);
  out["members"] = all(members, /"membershipId":"([a-z0-9]+","role":"[A-Z_]+","organisationId":(?:null|"[a-z0-9]+"))/g)
    .sort()
    .join("\n");
  out["invitations"] = all(members, /"invitationId":"([a-z0-9]+","email":"[^"]+)"/g)
    .sort()
    .join("\n");
  expect(out["members"], "the memberships were read").toContain(victim.membershipId);
  expect(out["invitations"], "the invitations were read").toContain(victim.invitationId);
  for (const [label, url] of [
    ["pilot page", `${base}/pilots/${victim.pilotId}`],
    ["organisation page", `${base}/organisations/${victim.organisationId}`],
    ["settings page", `${base}/settings`],
  ]) {
    const res = await get(admin, url);
    expect(res.status, `the victim's administrator reads ${url}`).toBe(200);
    out[label] = mainText(res.body);
  }
  // The draft page plans the import afresh on each read (a write by anyone would change what it shows).
  const draft = await get(admin, `${base}/import/${victim.draftId}`);
  out["import draft page"] =
    draft.status === 200
      ? mainText(draft.body)
      : `answered ${draft.status}${draft.location ? ` → ${draft.location}` : ""}`;
  const [row] = await query(
    `select "fileName", "fileSize", "headers", "rows", "rowCount", "mapping", "result", "importedAt", "createdById", "createdAt", "updatedAt"
       from "ImportDraft" where "tenantId" = $1 and id = $2`,
    [victim.tenantId, victim.draftId],
  );
  out["import draft (database)"] = row ? JSON.stringify(row) : "gone";
  const home = await get(admin, `${base}`);
  out["participants on the home page"] =
    /data-testid="count-participants"[\s\S]*?data-testid="value"[^>]*>([^<]+)</.exec(home.body)?.[1] ?? "?";
  return out;
}

export type AuditRow = { line: string; user: string; action: string };

/** The victim's whole audit log (CSV in English, comma-separated, as its administrator). */
export async function auditLog(admin: Session, slug: string): Promise<AuditRow[]> {
  const res = await get(admin, `/api/t/${slug}/audit?locale=en`);
  expect(res.status, "the victim's administrator downloads the audit log").toBe(200);
  return res.body
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n")
    .slice(1)
    .map((line) => {
      const cells = line.split(",");
      return { line, user: cells[1] ?? "", action: cells[2] ?? "" };
    });
}
