/**
 * Members of a municipality: invitations (signed, single-use, revocable, expiring links), accepting them,
 * role changes and removals with the last-administrator rule, permissions and tenant isolation.
 * Without SMTP_URL the invitation link is returned instead of mailed (tests/integration/mail.test.ts mails it).
 */
import { afterAll, describe, expect, vi } from "vitest";
import { testWithTwoTenants } from "../support/two-tenants.ts";
import pg from "pg";
import { inject } from "vitest";

vi.hoisted(() => {
  delete process.env.SMTP_URL;
});

import { appDb, uniqueSlug, withAdmin } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { env } from "../../lib/env.ts";
import type { TenantContext } from "../../lib/db/tenant.ts";
import { AppError } from "../../lib/errors.ts";
import { verifyPassword } from "../../lib/auth/password.ts";
import { resolveTenantContext } from "../../lib/auth/context.ts";
import { createInvitationToken, hashSecret, readInvitationToken } from "../../lib/members/invitation-token.ts";
import { changeRoleSchema, inviteSchema, removeMemberSchema } from "../../lib/members/schemas.ts";
import { acceptInvitation } from "../../lib/members/accept-invitation.ts";
import { changeRole } from "../../lib/members/change-role.ts";
import { describeInvitation } from "../../lib/members/describe-invitation.ts";
import { INVITATION_DAYS, inviteMember } from "../../lib/members/invite-member.ts";
import { listMembers } from "../../lib/members/list-members.ts";
import { removeMember } from "../../lib/members/remove-member.ts";
import { revokeInvitation } from "../../lib/members/revoke-invitation.ts";
import {
  addMember,
  adminQuery,
  auditCount,
  createTenantWithStaff,
  createUser,
  expectAppError,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

const it = testWithTwoTenants("mem");

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const PASSWORD = "correct horse battery staple";
const newEmail = (prefix = "invitee") => `${uniqueSlug(prefix)}@example.test`;
const asAdmin = (t: Tenant) => ({ ...t.admin, tenantName: `Test ${t.slug}` });
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

/** Invites through the form schema, as the server action does. */
async function invite(t: Tenant, input: { email: string; role: string; organisationId?: string }, locale = "nb") {
  const data = inviteSchema.parse(input);
  return inviteMember({ ctx: asAdmin(t), ...data, locale });
}

async function invitationRow(tenantId: string, invitationId: string) {
  const [row] = await adminQuery<Record<string, unknown>>(
    `select * from "Invitation" where "tenantId" = $1 and id = $2`,
    [tenantId, invitationId],
  );
  return row;
}

/** The tenant's rows (snapshot) plus its invitations, which the shared snapshot does not cover. */
async function fullSnapshot(tenantId: string) {
  const invitations = await adminQuery(`select * from "Invitation" where "tenantId" = $1 order by id`, [tenantId]);
  return { ...(await snapshot(tenantId)), invitations };
}

const b64 = (s: string) => Buffer.from(s).toString("base64url");
/** An invitation token's payload (lib/members/invitation-token.ts): tenant, invitation, expiry in ms. */
const fromB64 = (s: string) =>
  JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as { t: string; i: string; e: number };

describe("inviting and accepting", () => {
  it("runs without a mail server in this file", () => {
    expect(env().SMTP_URL).toBeUndefined();
  });

  it("returns a signed link (not mailed) and stores only a hash of the link's secret", async ({ tenants: { a } }) => {
    const email = newEmail();
    const before = Date.now();
    const result = await invite(a, { email: email.toUpperCase(), role: "COORDINATOR" });
    expect(result.mailed).toBe(false);
    expect(result.link.startsWith(`${env().NEXTAUTH_URL.replace(/\/$/, "")}/nb/invitation?token=`)).toBe(true);
    expect(result.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_DAYS * 86_400_000);
    expect(result.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_DAYS * 86_400_000);

    const claims = readInvitationToken(env().AUTH_SECRET, tokenOf(result.link))!;
    expect(claims).toMatchObject({ tenantId: a.tenantId, expiresAt: result.expiresAt });
    const row = await invitationRow(a.tenantId, claims.invitationId);
    expect(row).toMatchObject({
      email,
      role: "COORDINATOR",
      organisationId: null,
      invitedById: a.admin.userId,
      acceptedAt: null,
      revokedAt: null,
      secretHash: hashSecret(claims.secret),
      expiresAt: result.expiresAt,
    });
    expect(JSON.stringify(row)).not.toContain(claims.secret);
    const [event] = await adminQuery(
      `select "actorId", details from "AuditEvent" where "tenantId" = $1 and action = 'member.invited' and "entityId" = $2`,
      [a.tenantId, claims.invitationId],
    );
    expect(event).toEqual({ actorId: a.admin.userId, details: { role: "COORDINATOR" } });

    const listed = await listMembers(a.admin);
    expect(listed.invitations).toContainEqual(
      expect.objectContaining({ id: claims.invitationId, email, role: "COORDINATOR" }),
    );
    expect(listed.members.map((m) => m.user.id).sort()).toEqual(
      [a.admin.userId, a.coordinator.userId, a.partner.userId].sort(),
    );
  });

  it("creates the account and the membership with the invited role when accepted, once", async ({ tenants: { a } }) => {
    const email = newEmail();
    const { link } = await invite(a, { email, role: "COORDINATOR" }, "en");
    const token = tokenOf(link);
    expect(await describeInvitation(token)).toEqual({
      tenant: { id: a.tenantId, name: `Test ${a.slug}`, slug: a.slug, status: "ACTIVE" },
      email,
      role: "COORDINATOR",
      hasAccount: false,
      viaProvider: false,
    });

    expect(
      await acceptInvitation({ token, userId: null, newAccount: { name: "Nina Ny", password: PASSWORD } }),
    ).toMatchObject({ tenantSlug: a.slug, email });
    const [user] = await adminQuery<{ id: string; name: string; passwordHash: string }>(
      `select id, name, "passwordHash" from "User" where email = $1`,
      [email],
    );
    expect(user.name).toBe("Nina Ny");
    expect(await verifyPassword(user.passwordHash, PASSWORD)).toBe(true);
    const memberships = await adminQuery(
      `select "tenantId", role, "organisationId" from "Membership" where "userId" = $1`,
      [user.id],
    );
    expect(memberships).toEqual([{ tenantId: a.tenantId, role: "COORDINATOR", organisationId: null }]);
    const invitationId = readInvitationToken(env().AUTH_SECRET, token)!.invitationId;
    const row = await invitationRow(a.tenantId, invitationId);
    expect(row).toMatchObject({ acceptedById: user.id, revokedAt: null });
    expect(row.acceptedAt).toBeInstanceOf(Date);
    const [joined] = await adminQuery(
      `select "actorId", details from "AuditEvent" where "tenantId" = $1 and action = 'member.joined' and "entityId" = $2`,
      [a.tenantId, invitationId],
    );
    expect(joined).toEqual({ actorId: user.id, details: { role: "COORDINATOR" } });
    expect(await resolveTenantContext(user.id, a.slug)).toMatchObject({ tenantId: a.tenantId, role: "COORDINATOR" });
    expect((await listMembers(a.admin)).invitations.map((i) => i.id)).not.toContain(invitationId);

    // The same link again: invalid, however it is used.
    const before = await fullSnapshot(a.tenantId);
    await expectAppError(
      () => acceptInvitation({ token, userId: null, newAccount: { name: "Again", password: PASSWORD } }),
      "INVALID_INPUT",
      { messageKey: "errors:invitationInvalid" },
    );
    await expectAppError(() => acceptInvitation({ token, userId: user.id }), "INVALID_INPUT", {
      messageKey: "errors:invitationInvalid",
    });
    await expectAppError(() => acceptInvitation({ token, userId: a.coordinator.userId }), "INVALID_INPUT", {
      messageKey: "errors:invitationInvalid",
    });
    expect(await describeInvitation(token)).toBeNull();
    expect(await fullSnapshot(a.tenantId)).toEqual(before);
    expect(await adminQuery(`select id from "User" where email = $1`, [email])).toHaveLength(1);
  });

  it("binds a partner viewer to the invited organisation", async ({ tenants: { a } }) => {
    const email = newEmail("partner");
    const { link } = await invite(a, { email, role: "PARTNER_VIEWER", organisationId: a.organisationId });
    const token = tokenOf(link);
    expect(await describeInvitation(token)).toMatchObject({ role: "PARTNER_VIEWER", email });
    await acceptInvitation({ token, userId: null, newAccount: { name: "Per Partner", password: PASSWORD } });
    const [membership] = await adminQuery(
      `select m.role, m."organisationId" from "Membership" m join "User" u on u.id = m."userId" where u.email = $1`,
      [email],
    );
    expect(membership).toEqual({ role: "PARTNER_VIEWER", organisationId: a.organisationId });
  });

  it("refuses a partner invitation without an organisation of the tenant", async ({ tenants: { a, b } }) => {
    const before = await fullSnapshot(a.tenantId);
    await expectAppError(
      () => inviteMember({ ctx: asAdmin(a), email: newEmail(), role: "PARTNER_VIEWER", locale: "nb" }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    await expectAppError(
      () => invite(a, { email: newEmail(), role: "PARTNER_VIEWER", organisationId: b.organisationId }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    expect(await fullSnapshot(a.tenantId)).toEqual(before);
  });

  it("refuses to invite someone who is already a member", async ({ tenants: { a, b } }) => {
    const [coordinator] = await adminQuery<{ email: string }>(`select email from "User" where id = $1`, [
      a.coordinator.userId,
    ]);
    await expectAppError(() => invite(a, { email: coordinator.email, role: "TENANT_ADMIN" }), "CONFLICT", {
      fieldErrors: { email: "validation.alreadyMember" },
    });
    // A member of tenant B only is not a member of A: the invitation is made.
    const [bOnly] = await adminQuery<{ email: string }>(`select email from "User" where id = $1`, [
      b.coordinator.userId,
    ]);
    expect((await invite(a, { email: bOnly.email, role: "COORDINATOR" })).mailed).toBe(false);
  });

  it("needs a name and a password to create an account", async ({ tenants: { a } }) => {
    const { link } = await invite(a, { email: newEmail(), role: "COORDINATOR" });
    await expectAppError(() => acceptInvitation({ token: tokenOf(link), userId: null }), "INVALID_INPUT", {
      fieldErrors: { name: "validation.required", password: "validation.required" },
    });
    expect(await describeInvitation(tokenOf(link))).not.toBeNull();
  });

  describe("invalid links", () => {
    const accept = (token: string) =>
      acceptInvitation({ token, userId: null, newAccount: { name: "Mallory", password: PASSWORD } });
    const expectInvalid = async (token: string) => {
      await expectAppError(() => accept(token), "INVALID_INPUT", { messageKey: "errors:invitationInvalid" });
      expect(await describeInvitation(token)).toBeNull();
    };

    it("refuses an expired link: by the token's own expiry, and by the stored one", async ({ tenants: { a } }) => {
      const email = newEmail();
      const { link } = await invite(a, { email, role: "COORDINATOR" });
      const claims = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
      // A correctly signed token (app secret, the link's own invitation secret) whose expiry has passed.
      const expired = createInvitationToken(
        env().AUTH_SECRET,
        { tenantId: a.tenantId, invitationId: claims.invitationId, expiresAt: new Date(Date.now() - 60_000) },
        claims.secret,
      );
      await expectInvalid(expired);

      // The stored expiry passes while the token still claims a later one: the stored one counts.
      await withAdmin((c) =>
        c.query(`update "Invitation" set "expiresAt" = now() - interval '1 minute' where "tenantId" = $1 and id = $2`, [
          a.tenantId,
          claims.invitationId,
        ]),
      );
      await expectInvalid(tokenOf(link));
      const extended = createInvitationToken(
        env().AUTH_SECRET,
        { ...claims, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
        claims.secret,
      );
      await expectInvalid(extended);
      expect((await listMembers(a.admin)).invitations.map((i) => i.id)).not.toContain(claims.invitationId);
      expect(await adminQuery(`select id from "User" where email = $1`, [email])).toEqual([]);
      expect(await invitationRow(a.tenantId, claims.invitationId)).toMatchObject({ acceptedAt: null });
    });

    it("refuses a revoked link, and a revocation happens once", async ({ tenants: { a } }) => {
      const email = newEmail();
      const { link } = await invite(a, { email, role: "COORDINATOR" });
      const { invitationId } = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
      await revokeInvitation({ ctx: a.admin, invitationId });
      expect((await invitationRow(a.tenantId, invitationId)).revokedAt).toBeInstanceOf(Date);
      expect(await auditCount(a.tenantId, "member.invitationRevoked")).toBeGreaterThanOrEqual(1);
      await expectInvalid(tokenOf(link));
      await expectAppError(() => revokeInvitation({ ctx: a.admin, invitationId }), "NOT_FOUND");
      expect((await listMembers(a.admin)).invitations.map((i) => i.id)).not.toContain(invitationId);
      expect(await adminQuery(`select id from "User" where email = $1`, [email])).toEqual([]);
    });

    it("cannot revoke an accepted invitation", async ({ tenants: { a } }) => {
      const { link } = await invite(a, { email: newEmail(), role: "COORDINATOR" });
      const { invitationId } = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
      await accept(tokenOf(link));
      await expectAppError(() => revokeInvitation({ ctx: a.admin, invitationId }), "NOT_FOUND");
      expect((await invitationRow(a.tenantId, invitationId)).revokedAt).toBeNull();
    });

    it("refuses a token signed with another secret", async ({ tenants: { a } }) => {
      const { link } = await invite(a, { email: newEmail(), role: "COORDINATOR" });
      const claims = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
      const forged = createInvitationToken("another-secret-another-secret-another-secret", claims, claims.secret);
      await expectInvalid(forged);
      // The genuine link still works.
      await accept(tokenOf(link));
    });

    it("refuses a correctly signed token whose invitation secret is not the stored one", async ({ tenants: { a } }) => {
      const { link } = await invite(a, { email: newEmail(), role: "COORDINATOR" });
      const claims = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
      await expectInvalid(createInvitationToken(env().AUTH_SECRET, claims, "guessed-secret-guessed-secret"));
      expect(await describeInvitation(tokenOf(link))).not.toBeNull();
    });

    it("refuses tenant A's invitation with the tenant swapped to B", async ({ tenants: { a, b } }) => {
      const { link } = await invite(a, { email: newEmail(), role: "TENANT_ADMIN" });
      const token = tokenOf(link);
      const [payload, secret, signature] = token.split(".");
      const claims = fromB64(payload);
      expect(claims.t).toBe(a.tenantId);
      const beforeA = await fullSnapshot(a.tenantId);
      const beforeB = await fullSnapshot(b.tenantId);
      // Swapped in the payload, signature kept: the signature no longer holds.
      await expectInvalid(`${b64(JSON.stringify({ ...claims, t: b.tenantId }))}.${secret}.${signature}`);
      // Even re-signed with the app's own secret, B has no such invitation (row-level security looks in B only).
      await expectInvalid(
        createInvitationToken(
          env().AUTH_SECRET,
          { tenantId: b.tenantId, invitationId: claims.i, expiresAt: new Date(claims.e) },
          secret,
        ),
      );
      expect(await fullSnapshot(a.tenantId)).toEqual(beforeA);
      expect(await fullSnapshot(b.tenantId)).toEqual(beforeB);
      await accept(token);
    });

    it("refuses malformed and unknown tokens", async () => {
      for (const token of ["", "not-a-token", "a.b.c", "x".repeat(700)]) {
        await expectAppError(() => accept(token), "INVALID_INPUT", { messageKey: "errors:invitationInvalid" });
        expect(await describeInvitation(token)).toBeNull();
      }
      const unknown = createInvitationToken(
        env().AUTH_SECRET,
        { tenantId: "no-such-tenant", invitationId: "x", expiresAt: new Date(Date.now() + 60_000) },
        "s",
      );
      await expectInvalid(unknown);
    });
  });

  describe("with an existing account", () => {
    it("refuses a signed-in user whose e-mail is not the invited one, and changes nothing", async ({
      tenants: { a },
    }) => {
      const email = newEmail();
      const { link } = await invite(a, { email, role: "COORDINATOR" });
      const other = await createUser("Someone Else");
      const before = await fullSnapshot(a.tenantId);
      await expectAppError(() => acceptInvitation({ token: tokenOf(link), userId: other.id }), "INVALID_INPUT", {
        messageKey: "errors:invitationOtherAccount",
      });
      await expectAppError(() => acceptInvitation({ token: tokenOf(link), userId: "no-such-user" }), "INVALID_INPUT", {
        messageKey: "errors:invitationOtherAccount",
      });
      expect(await fullSnapshot(a.tenantId)).toEqual(before);
      expect(await describeInvitation(tokenOf(link))).toMatchObject({ email, hasAccount: false });
    });

    it("asks an existing account to sign in first, then adds the membership to that account", async ({
      tenants: { a },
    }) => {
      const existing = await createUser("Has Account");
      const { link } = await invite(a, { email: existing.email, role: "COORDINATOR" });
      const token = tokenOf(link);
      expect(await describeInvitation(token)).toMatchObject({ email: existing.email, hasAccount: true });
      const before = await fullSnapshot(a.tenantId);
      await expectAppError(
        () => acceptInvitation({ token, userId: null, newAccount: { name: "Impostor", password: PASSWORD } }),
        "INVALID_INPUT",
        {
          messageKey: "errors:invitationSignInFirst",
        },
      );
      expect(await fullSnapshot(a.tenantId)).toEqual(before);
      const [user] = await adminQuery(`select name, "passwordHash" from "User" where id = $1`, [existing.id]);
      expect(user).toEqual({ name: "Has Account", passwordHash: "x" });

      expect(await acceptInvitation({ token, userId: existing.id })).toEqual({
        tenantSlug: a.slug,
        email: existing.email,
        userId: existing.id,
      });
      expect(await adminQuery(`select "tenantId", role from "Membership" where "userId" = $1`, [existing.id])).toEqual([
        { tenantId: a.tenantId, role: "COORDINATOR" },
      ]);
      expect(await adminQuery(`select id from "User" where email = $1`, [existing.email])).toHaveLength(1);
    });

    it("keeps an existing membership as it is when the invited user joined in the meantime", async ({
      tenants: { a },
    }) => {
      const user = await createUser("Joined Meanwhile");
      const { link } = await invite(a, { email: user.email, role: "TENANT_ADMIN" });
      await addMember(a, user.id, "COORDINATOR");
      await acceptInvitation({ token: tokenOf(link), userId: user.id });
      expect(
        await adminQuery(`select role from "Membership" where "tenantId" = $1 and "userId" = $2`, [
          a.tenantId,
          user.id,
        ]),
      ).toEqual([{ role: "COORDINATOR" }]);
      expect(await describeInvitation(tokenOf(link))).toBeNull();
    });
  });

  describe("two acceptances of one link at the same moment", () => {
    it("let exactly one create the account", async ({ tenants: { a } }) => {
      const email = newEmail("twice");
      const { link } = await invite(a, { email, role: "COORDINATOR" });
      const token = tokenOf(link);
      const results = await Promise.allSettled([
        acceptInvitation({ token, userId: null, newAccount: { name: "First", password: PASSWORD } }),
        acceptInvitation({ token, userId: null, newAccount: { name: "Second", password: PASSWORD } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failure.reason).toBeInstanceOf(AppError);
      expect(failure.reason).toMatchObject({ code: "INVALID_INPUT", messageKey: "errors:invitationInvalid" });
      const users = await adminQuery<{ id: string }>(`select id from "User" where email = $1`, [email]);
      expect(users).toHaveLength(1);
      expect(await adminQuery(`select role from "Membership" where "userId" = $1`, [users[0].id])).toEqual([
        { role: "COORDINATOR" },
      ]);
      const { invitationId } = readInvitationToken(env().AUTH_SECRET, token)!;
      expect(
        await adminQuery(
          `select count(*)::int n from "AuditEvent" where action = 'member.joined' and "entityId" = $1`,
          [invitationId],
        ),
      ).toEqual([{ n: 1 }]);
    });

    it("let exactly one signed-in acceptance through", async ({ tenants: { a } }) => {
      const user = await createUser("Double Click");
      const { link } = await invite(a, { email: user.email, role: "COORDINATOR" });
      const token = tokenOf(link);
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => acceptInvitation({ token, userId: user.id })),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((x): x is PromiseRejectedResult => x.status === "rejected")) {
        expect(r.reason).toMatchObject({ code: "INVALID_INPUT", messageKey: "errors:invitationInvalid" });
      }
      expect(await adminQuery(`select count(*)::int n from "Membership" where "userId" = $1`, [user.id])).toEqual([
        { n: 1 },
      ]);
    });
  });
});

describe("changeRole and removeMember", () => {
  const adminsOf = async (tenantId: string) =>
    (
      await adminQuery<{ userId: string }>(
        `select "userId" from "Membership" where "tenantId" = $1 and role = 'TENANT_ADMIN' order by "userId"`,
        [tenantId],
      )
    ).map((r) => r.userId);
  const membershipId = async (t: Tenant, userId: string) =>
    (
      await adminQuery<{ id: string }>(`select id from "Membership" where "tenantId" = $1 and "userId" = $2`, [
        t.tenantId,
        userId,
      ])
    )[0].id;

  it("keeps the last administrator from being demoted, and lets one of two be", async () => {
    const t = await createTenantWithStaff("mem-role");
    const adminMembership = await membershipId(t, t.admin.userId);
    const before = await snapshot(t.tenantId);
    for (const role of ["COORDINATOR", "PARTNER_VIEWER"] as const) {
      // Confirming does not help: the municipality keeps an administrator, and the message says so.
      const error = await expectAppError(
        () =>
          changeRole({
            ctx: t.admin,
            membershipId: adminMembership,
            role,
            organisationId: t.organisationId,
            confirmSelf: true,
          }),
        "CONFLICT",
        {
          fieldErrors: { role: "validation.lastAdmin" },
        },
      );
      expect(error.messageKey).toBe("errors:lastAdmin");
    }
    expect(await snapshot(t.tenantId)).toEqual(before);
    // Staying an administrator is no change of the rule.
    await changeRole({ ctx: t.admin, membershipId: adminMembership, role: "TENANT_ADMIN" });

    const coordinatorMembership = await membershipId(t, t.coordinator.userId);
    await changeRole({ ctx: t.admin, membershipId: coordinatorMembership, role: "TENANT_ADMIN" });
    expect(await adminsOf(t.tenantId)).toEqual([t.admin.userId, t.coordinator.userId].sort());
    // Demoting oneself takes an explicit confirmation, checked on the server.
    const beforeOwn = await snapshot(t.tenantId);
    const own = await expectAppError(
      () => changeRole({ ctx: t.admin, membershipId: adminMembership, role: "COORDINATOR" }),
      "INVALID_INPUT",
      { fieldErrors: { confirmSelf: "validation.confirmOwnAdmin" } },
    );
    expect(own.messageKey).toBe("errors:confirmOwnAdmin");
    expect(await snapshot(t.tenantId)).toEqual(beforeOwn);
    await changeRole({ ctx: t.admin, membershipId: adminMembership, role: "COORDINATOR", confirmSelf: true });
    expect(await adminsOf(t.tenantId)).toEqual([t.coordinator.userId]);
    const events = await adminQuery(
      `select "actorId", "entityId", details from "AuditEvent" where "tenantId" = $1 and action = 'member.roleChanged' order by at`,
      [t.tenantId],
    );
    expect(events.slice(-2)).toEqual([
      {
        actorId: t.admin.userId,
        entityId: coordinatorMembership,
        details: { from: "COORDINATOR", to: "TENANT_ADMIN" },
      },
      { actorId: t.admin.userId, entityId: adminMembership, details: { from: "TENANT_ADMIN", to: "COORDINATOR" } },
    ]);
    // The former administrator now acts as a coordinator.
    expect(await resolveTenantContext(t.admin.userId, t.slug)).toMatchObject({ role: "COORDINATOR" });
  });

  it("binds a partner viewer to an organisation of the tenant, and unbinds it when the role changes", async ({
    tenants: { b },
  }) => {
    const t = await createTenantWithStaff("mem-partner");
    const m = await membershipId(t, t.coordinator.userId);
    await expectAppError(() => changeRole({ ctx: t.admin, membershipId: m, role: "PARTNER_VIEWER" }), "INVALID_INPUT", {
      fieldErrors: { organisationId: "validation.unknownOrganisation" },
    });
    await expectAppError(
      () => changeRole({ ctx: t.admin, membershipId: m, role: "PARTNER_VIEWER", organisationId: b.organisationId }),
      "INVALID_INPUT",
      {
        fieldErrors: { organisationId: "validation.unknownOrganisation" },
      },
    );
    await changeRole({ ctx: t.admin, membershipId: m, role: "PARTNER_VIEWER", organisationId: t.organisationId });
    expect(await adminQuery(`select role, "organisationId" from "Membership" where id = $1`, [m])).toEqual([
      { role: "PARTNER_VIEWER", organisationId: t.organisationId },
    ]);
    await changeRole({ ctx: t.admin, membershipId: m, role: "COORDINATOR", organisationId: t.organisationId });
    expect(await adminQuery(`select role, "organisationId" from "Membership" where id = $1`, [m])).toEqual([
      { role: "COORDINATOR", organisationId: null },
    ]);
  });

  it("keeps the last administrator from removing themselves, and removes other members (not their accounts)", async () => {
    const t = await createTenantWithStaff("mem-remove");
    const adminMembership = await membershipId(t, t.admin.userId);
    const before = await snapshot(t.tenantId);
    await expectAppError(() => removeMember({ ctx: t.admin, membershipId: adminMembership }), "CONFLICT", {
      messageKey: "errors:lastAdmin",
    });
    expect(await snapshot(t.tenantId)).toEqual(before);

    const coordinatorMembership = await membershipId(t, t.coordinator.userId);
    await removeMember({ ctx: t.admin, membershipId: coordinatorMembership });
    expect(await adminQuery(`select id from "Membership" where id = $1`, [coordinatorMembership])).toEqual([]);
    expect(await adminQuery(`select id from "User" where id = $1`, [t.coordinator.userId])).toHaveLength(1);
    expect(await resolveTenantContext(t.coordinator.userId, t.slug)).toBeNull();
    const [event] = await adminQuery(
      `select "actorId", details from "AuditEvent" where "tenantId" = $1 and action = 'member.removed' and "entityId" = $2`,
      [t.tenantId, coordinatorMembership],
    );
    expect(event).toEqual({ actorId: t.admin.userId, details: { userId: t.coordinator.userId } });
    await expectAppError(() => removeMember({ ctx: t.admin, membershipId: coordinatorMembership }), "NOT_FOUND");

    // With a second administrator, the first may leave: once they confirm they understand.
    const second = await createUser("Second Admin");
    await addMember(t, second.id, "TENANT_ADMIN");
    const beforeLeaving = await snapshot(t.tenantId);
    await expectAppError(() => removeMember({ ctx: t.admin, membershipId: adminMembership }), "INVALID_INPUT", {
      messageKey: "errors:confirmOwnAdmin",
      fieldErrors: { confirmSelf: "validation.confirmOwnAdmin" },
    });
    await expectAppError(
      () => removeMember({ ctx: t.admin, ...removeMemberSchema.parse({ membershipId: adminMembership }) }),
      "INVALID_INPUT",
      { fieldErrors: { confirmSelf: "validation.confirmOwnAdmin" } },
    );
    expect(await snapshot(t.tenantId)).toEqual(beforeLeaving);
    await removeMember({
      ctx: t.admin,
      ...removeMemberSchema.parse({ membershipId: adminMembership, confirmSelf: "on" }),
    });
    expect(await adminsOf(t.tenantId)).toEqual([second.id]);
  });

  it("asks no confirmation to demote or remove another administrator, nor to change one's own non-admin role", async () => {
    const t = await createTenantWithStaff("mem-other");
    const secondUser = await createUser("Other Admin");
    const second = await addMember(t, secondUser.id, "TENANT_ADMIN");
    const secondM = await membershipId(t, secondUser.id);
    await changeRole({ ctx: t.admin, ...changeRoleSchema.parse({ membershipId: secondM, role: "COORDINATOR" }) });
    expect(await adminsOf(t.tenantId)).toEqual([t.admin.userId]);
    await changeRole({ ctx: t.admin, membershipId: secondM, role: "TENANT_ADMIN" });
    await removeMember({ ctx: second, membershipId: await membershipId(t, t.admin.userId) });
    expect(await adminsOf(t.tenantId)).toEqual([secondUser.id]);
    // Keeping one's own administrator role needs no confirmation either.
    await changeRole({ ctx: second, membershipId: secondM, role: "TENANT_ADMIN" });
    // The form's checkbox ("on") is the confirmation.
    expect(changeRoleSchema.parse({ membershipId: secondM, role: "COORDINATOR", confirmSelf: "on" })).toMatchObject({
      confirmSelf: true,
    });
  });

  describe("two administrators acting on each other at the same moment", () => {
    /**
     * Runs both calls while the tenant row is locked by the database owner: each call's audit insert (whose
     * foreign key needs the tenant row) waits, so both have made their checks before either commits.
     */
    async function simultaneously(tenantId: string, calls: (() => Promise<unknown>)[]) {
      const holder = new pg.Client({ connectionString: inject("adminUrl") });
      await holder.connect();
      try {
        const pid = Number((await holder.query<{ pid: number }>("select pg_backend_pid() pid")).rows[0].pid);
        await holder.query("begin");
        await holder.query(`select id from "Tenant" where id = $1 for update`, [tenantId]);
        const settled = Promise.allSettled(calls.map((call) => call()));
        let waiting = 0;
        for (let i = 0; i < 200 && waiting < calls.length; i++) {
          // Waiting on the holder, or on a call that waits on the holder.
          [{ n: waiting }] = await adminQuery<{ n: number }>(
            `
            with direct as (select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid)))
            select count(*)::int n from pg_stat_activity s
            where s.pid in (select pid from direct) or exists (select 1 from direct d where d.pid = any(pg_blocking_pids(s.pid)))`,
            [pid],
          );
          if (waiting < calls.length) await new Promise((r) => setTimeout(r, 25));
        }
        await holder.query("commit");
        return { waiting, results: await settled };
      } finally {
        await holder.end();
      }
    }

    async function twoAdmins(prefix: string) {
      const t = await createTenantWithStaff(prefix);
      const secondUser = await createUser(`Second ${prefix}`);
      const second = await addMember(t, secondUser.id, "TENANT_ADMIN");
      return {
        t,
        first: t.admin,
        second,
        firstM: await membershipId(t, t.admin.userId),
        secondM: await membershipId(t, secondUser.id),
      };
    }

    it("never leaves the municipality without an administrator when both demote each other", async () => {
      const { t, first, second, firstM, secondM } = await twoAdmins("mem-race-role");
      const { waiting, results } = await simultaneously(t.tenantId, [
        () => changeRole({ ctx: first, membershipId: secondM, role: "COORDINATOR" }),
        () => changeRole({ ctx: second, membershipId: firstM, role: "COORDINATOR" }),
      ]);
      expect(waiting).toBe(2);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failure.reason).toMatchObject({ code: "CONFLICT", fieldErrors: { role: "validation.lastAdmin" } });
      expect(await adminsOf(t.tenantId)).toHaveLength(1);
    });

    it("never leaves the municipality without an administrator when both remove each other", async () => {
      const { t, first, second, firstM, secondM } = await twoAdmins("mem-race-remove");
      const { waiting, results } = await simultaneously(t.tenantId, [
        () => removeMember({ ctx: first, membershipId: secondM }),
        () => removeMember({ ctx: second, membershipId: firstM }),
      ]);
      expect(waiting).toBe(2);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      // The loser's own membership is gone by then, or it is the last administrator: refused either way.
      expect(failure.reason).toBeInstanceOf(AppError);
      expect(["errors:lastAdmin", "errors:notFound"]).toContain((failure.reason as AppError).messageKey);
      expect(await adminsOf(t.tenantId)).toHaveLength(1);
    });

    it("never leaves the municipality without an administrator when one demotes while the other leaves", async () => {
      const { t, first, firstM, secondM } = await twoAdmins("mem-race-mixed");
      const { results } = await simultaneously(t.tenantId, [
        () => changeRole({ ctx: first, membershipId: secondM, role: "COORDINATOR" }),
        () => removeMember({ ctx: first, membershipId: firstM, confirmSelf: true }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await adminsOf(t.tenantId)).toHaveLength(1);
    });
  });
});

describe("permissions and isolation", () => {
  it("gives a coordinator and a partner viewer NOT_FOUND for every members action, changing nothing", async ({
    tenants: { a },
  }) => {
    const { link } = await invite(a, { email: newEmail(), role: "COORDINATOR" });
    const { invitationId } = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
    const adminMembership = (
      await adminQuery<{ id: string }>(`select id from "Membership" where "tenantId" = $1 and "userId" = $2`, [
        a.tenantId,
        a.admin.userId,
      ])
    )[0].id;
    const coordinatorMembership = (
      await adminQuery<{ id: string }>(`select id from "Membership" where "tenantId" = $1 and "userId" = $2`, [
        a.tenantId,
        a.coordinator.userId,
      ])
    )[0].id;
    const before = await fullSnapshot(a.tenantId);
    for (const ctx of [a.coordinator, a.partner] as TenantContext[]) {
      await expectAppError(() => listMembers(ctx), "NOT_FOUND", { messageKey: "errors:notFound" });
      await expectAppError(
        () => inviteMember({ ctx: { ...ctx, tenantName: "x" }, email: newEmail(), role: "TENANT_ADMIN", locale: "nb" }),
        "NOT_FOUND",
      );
      await expectAppError(() => revokeInvitation({ ctx, invitationId }), "NOT_FOUND");
      await expectAppError(
        () => changeRole({ ctx, membershipId: coordinatorMembership, role: "TENANT_ADMIN" }),
        "NOT_FOUND",
      );
      await expectAppError(() => changeRole({ ctx, membershipId: adminMembership, role: "COORDINATOR" }), "NOT_FOUND");
      await expectAppError(() => removeMember({ ctx, membershipId: adminMembership }), "NOT_FOUND");
      await expectAppError(() => removeMember({ ctx, membershipId: coordinatorMembership }), "NOT_FOUND");
    }
    expect(await fullSnapshot(a.tenantId)).toEqual(before);
    expect(await describeInvitation(tokenOf(link))).not.toBeNull();
  });

  it("answers tenant A's administrator naming B's memberships and invitations with NOT_FOUND, changing nothing of B", async ({
    tenants: { a, b },
  }) => {
    const { link } = await invite(b, { email: newEmail(), role: "COORDINATOR" });
    const { invitationId: bInvitation } = readInvitationToken(env().AUTH_SECRET, tokenOf(link))!;
    const bMemberships = await adminQuery<{ id: string }>(`select id from "Membership" where "tenantId" = $1`, [
      b.tenantId,
    ]);
    expect(bMemberships.length).toBeGreaterThanOrEqual(3);
    const beforeA = await fullSnapshot(a.tenantId);
    const beforeB = await fullSnapshot(b.tenantId);

    await expectAppError(() => revokeInvitation({ ctx: a.admin, invitationId: bInvitation }), "NOT_FOUND");
    for (const { id } of bMemberships) {
      await expectAppError(() => changeRole({ ctx: a.admin, membershipId: id, role: "TENANT_ADMIN" }), "NOT_FOUND");
      await expectAppError(() => changeRole({ ctx: a.admin, membershipId: id, role: "COORDINATOR" }), "NOT_FOUND");
      await expectAppError(() => removeMember({ ctx: a.admin, membershipId: id }), "NOT_FOUND");
    }
    const listed = await listMembers(a.admin);
    expect(listed.members.every((m) => !bMemberships.some((x) => x.id === m.id))).toBe(true);
    expect(listed.invitations.map((i) => i.id)).not.toContain(bInvitation);

    expect(await fullSnapshot(b.tenantId)).toEqual(beforeB);
    expect(await fullSnapshot(a.tenantId)).toEqual(beforeA);
    expect(await describeInvitation(tokenOf(link))).toMatchObject({ tenant: { id: b.tenantId } });
  });

  it("stores a new account's password as argon2id, never in the clear", async ({ tenants: { a } }) => {
    const email = newEmail();
    const { link } = await invite(a, { email, role: "COORDINATOR" });
    await acceptInvitation({
      token: tokenOf(link),
      userId: null,
      newAccount: { name: "Hash Check", password: PASSWORD },
    });
    const [user] = await adminQuery<{ passwordHash: string }>(`select "passwordHash" from "User" where email = $1`, [
      email,
    ]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });
});
