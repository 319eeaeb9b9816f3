/**
 * The audit log as administrators read it: routine sign-ins hidden unless asked for, filters by action or group,
 * and the names each event's sentence needs (the actor's role, the invited e-mail, the member concerned).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  delete process.env.SMTP_URL;
});

import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { listAuditEvents } from "../../lib/audit/list-audit.ts";
import { auditPageQuery, auditQuerySchema } from "../../lib/audit/schemas.ts";
import { describeAuditEvent } from "../../lib/audit/describe-audit.ts";
import { auditSignIn } from "../../lib/auth/memberships.ts";
import { inviteMember } from "../../lib/members/invite-member.ts";
import { changeRole } from "../../lib/members/change-role.ts";
import { getT } from "../../lib/i18n/instance.ts";
import {
  addMember,
  adminQuery,
  createTenantWithStaff,
  createUser,
  register,
  type Tenant,
} from "./helpers/coordinator.ts";

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

let t: Tenant;
let participantCode: string;
const invitedEmail = `ola-${Date.now()}@example.test`;

beforeAll(async () => {
  t = await createTenantWithStaff("auditlog");
  await auditSignIn(t.coordinator.userId, "auth.signedIn", { method: "password" });
  await auditSignIn(t.admin.userId, "auth.signedIn", { method: "password" });
  participantCode = (await register(t.coordinator)).code;
  await inviteMember({
    ctx: { ...t.admin, tenantName: "Test" },
    email: invitedEmail,
    role: "COORDINATOR",
    locale: "nb",
  });
  const [{ id }] = await adminQuery<{ id: string }>(
    `select id from "Membership" where "tenantId" = $1 and "userId" = $2`,
    [t.tenantId, t.coordinator.userId],
  );
  await changeRole({ ctx: t.admin, membershipId: id, role: "TENANT_ADMIN" });
  await changeRole({ ctx: t.admin, membershipId: id, role: "COORDINATOR" });
});

/** As the page asks: an unticked checkbox sends nothing. */
const audit = (query: Record<string, string> = {}) => listAuditEvents(t.admin, auditPageQuery(query));

describe("the audit log's filters", () => {
  it("hides routine sign-ins by default, and shows them when asked for", async () => {
    const plain = await audit();
    expect(plain.events.map((e) => e.action)).not.toContain("auth.signedIn");
    expect(plain.total).toBe(4);
    const all = await audit({ signIns: "1" });
    expect(all.total).toBe(6);
    expect(all.events.filter((e) => e.action === "auth.signedIn")).toHaveLength(2);
    // The export without the parameter (scripts, reviews) has everything; the page's link says which it wants.
    expect((await listAuditEvents(t.admin, auditQuerySchema.parse({}))).total).toBe(6);
    expect((await listAuditEvents(t.admin, auditQuerySchema.parse({ signIns: "0" }))).total).toBe(4);
    // Choosing the sign-in action shows them whatever the checkbox says.
    expect((await audit({ action: "auth.signedIn" })).total).toBe(2);
  });

  it("filters by one action, by a group, and with the person who acted", async () => {
    expect((await audit({ action: "member.roleChanged" })).total).toBe(2);
    const members = await audit({ action: "group:members" });
    expect(members.events.map((e) => e.action).sort()).toEqual([
      "member.invited",
      "member.roleChanged",
      "member.roleChanged",
    ]);
    expect((await audit({ action: "group:members", user: t.coordinator.userId })).total).toBe(0);
    expect((await audit({ user: t.coordinator.userId, signIns: "1" })).total).toBe(2);
    // An unknown code is dropped, not refused: the whole log (without sign-ins).
    expect((await audit({ action: "member.hacked" })).total).toBe(4);
  });

  it("gives each event the names its sentence needs", async () => {
    const t_ = getT("nb", ["participants", "common", "enums"]);
    const sentences = (await audit()).events.map((e) => describeAuditEvent(e, t_));
    expect(sentences).toContain(`Admin auditlog (administrator) inviterte ${invitedEmail} som koordinator`);
    expect(sentences).toContain(
      "Admin auditlog (administrator) endret rollen til Coordinator auditlog fra koordinator til administrator",
    );
    expect(sentences).toContain(`Coordinator auditlog (koordinator) registrerte deltaker ${participantCode}`);
  });

  it("tells two members of the same name apart by their e-mail", async () => {
    const twin = await createUser("Admin auditlog");
    const twinCtx = await addMember(t, twin.id, "TENANT_ADMIN");
    await auditSignIn(twinCtx.userId, "auth.signedIn", { method: "password" });
    const result = await audit({ action: "auth.signedIn" });
    const names = result.events.map((e) => e.actorName);
    expect(names).toContain(`Admin auditlog <${twin.email}>`);
    expect(names.filter((n) => n?.startsWith("Admin auditlog <"))).toHaveLength(2);
  });
});
