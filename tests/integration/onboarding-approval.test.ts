/**
 * Onboarding with ONBOARDING_MODE=approval: the tenant waits for the platform operator, and nothing of it
 * can be used until approved. env() is read once per process, so this file sets the mode before any import.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ONBOARDING_MODE = "approval";
  delete process.env.SMTP_URL;
});

import { appDb, uniqueSlug } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { env } from "../../lib/env.ts";
import { onboardingSchema } from "../../lib/onboarding/schemas.ts";
import { onboardMunicipality } from "../../lib/onboarding/onboard-municipality.ts";
import { MUNICIPALITIES } from "../../lib/onboarding/municipalities.ts";
import {
  decideTenant,
  listPendingTenants,
  operatorAccess,
  OPERATOR_REAUTH_MINUTES,
} from "../../lib/platform/tenants.ts";
import type { SessionUser } from "../../lib/auth/session.ts";
import { resolveTenantContext } from "../../lib/auth/context.ts";
import { listMemberships } from "../../lib/auth/memberships.ts";
import { acceptInvitation } from "../../lib/members/accept-invitation.ts";
import { describeInvitation } from "../../lib/members/describe-invitation.ts";
import { inviteMember } from "../../lib/members/invite-member.ts";
import { adminQuery, createUser, expectAppError } from "./helpers/coordinator.ts";

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const code = (name: string) => {
  const m = MUNICIPALITIES.SE.find((x) => x.name === name);
  if (!m) throw new Error(`no municipality ${name}`);
  return m.code;
};

const signUp = (name: string, slugPrefix: string) =>
  onboardMunicipality(
    onboardingSchema.parse({
      country: "SE",
      municipalityCode: code(name),
      slug: uniqueSlug(slugPrefix),
      defaultLocale: "sv",
      adminName: `Admin ${name}`,
      adminEmail: `${uniqueSlug("admin")}@example.test`,
      password: "correct horse battery staple",
    }),
  );

const statusOf = async (tenantId: string) =>
  (await adminQuery<{ status: string }>(`select status from "Tenant" where id = $1`, [tenantId]))[0].status;

let operatorId: string;
let memberOfNothingId: string;

/** The session as the request would have it (lib/auth/session.ts): who, how signed in, and when last confirmed. */
const sessionOf = (id: string, platformAdmin: boolean, over: Partial<SessionUser> = {}): SessionUser => ({
  id,
  name: "x",
  email: "x@example.test",
  via: "password+totp",
  sessionId: "s",
  authAt: Date.now(),
  platformAdmin,
  hasPassword: true,
  secondFactor: true,
  memberships: [],
  ...over,
});
const operator = () => sessionOf(operatorId, true);

beforeAll(async () => {
  const operator = await appDb().user.create({
    data: {
      email: `${uniqueSlug("operator")}@example.test`,
      name: "Platform Operator",
      passwordHash: "x",
      platformAdmin: true,
    },
  });
  operatorId = operator.id;
  memberOfNothingId = (await createUser("Ordinary User")).id;
});

describe("onboarding in approval mode", () => {
  it("runs in approval mode in this file", () => {
    expect(env().ONBOARDING_MODE).toBe("approval");
  });

  it("creates the tenant as PENDING_APPROVAL, which does not resolve for its own administrator until approved", async () => {
    const result = await signUp("Krokom", "krokom");
    expect(result).toMatchObject({ status: "PENDING_APPROVAL", name: "Krokom kommun" });
    expect(await statusOf(result.tenantId)).toBe("PENDING_APPROVAL");
    const audit = await adminQuery(`select action, details from "AuditEvent" where "tenantId" = $1`, [result.tenantId]);
    expect(audit).toEqual([{ action: "tenant.onboarded", details: { status: "PENDING_APPROVAL" } }]);
    const [membership] = await adminQuery(`select role from "Membership" where "tenantId" = $1 and "userId" = $2`, [
      result.tenantId,
      result.userId,
    ]);
    expect(membership).toEqual({ role: "TENANT_ADMIN" });

    // The membership exists, but the tenant is not usable yet.
    expect(await resolveTenantContext(result.userId, result.slug)).toBeNull();
    expect(await listMemberships(result.userId)).toEqual([]);

    expect(operatorAccess(operator())).toBe("ok");
    const pending = await listPendingTenants(operator());
    expect(pending).toContainEqual(
      expect.objectContaining({
        id: result.tenantId,
        slug: result.slug,
        name: "Krokom kommun",
        country: "SE",
        municipalityCode: code("Krokom"),
      }),
    );

    await decideTenant(operator(), result.tenantId, true);
    expect(await statusOf(result.tenantId)).toBe("ACTIVE");
    expect(await resolveTenantContext(result.userId, result.slug)).toMatchObject({
      tenantId: result.tenantId,
      role: "TENANT_ADMIN",
      userId: result.userId,
    });
    expect(await listMemberships(result.userId)).toEqual([
      {
        tenantId: result.tenantId,
        tenantSlug: result.slug,
        tenantName: "Krokom kommun",
        defaultLocale: "sv",
        country: "SE",
        role: "TENANT_ADMIN",
        organisationId: null,
        requireOidc: false,
        requireTotpForAdmins: false,
      },
    ]);
    expect((await listPendingTenants(operator())).map((t) => t.id)).not.toContain(result.tenantId);

    // A decision is taken once: the approved tenant is no longer pending.
    await expectAppError(() => decideTenant(operator(), result.tenantId, false), "NOT_FOUND");
    expect(await statusOf(result.tenantId)).toBe("ACTIVE");
  });

  it("suspends a rejected tenant, which never resolves", async () => {
    const result = await signUp("Berg", "berg");
    await decideTenant(operator(), result.tenantId, false);
    expect(await statusOf(result.tenantId)).toBe("SUSPENDED");
    expect(await resolveTenantContext(result.userId, result.slug)).toBeNull();
    expect(await listMemberships(result.userId)).toEqual([]);
    expect((await listPendingTenants(operator())).map((t) => t.id)).not.toContain(result.tenantId);
    await expectAppError(() => decideTenant(operator(), result.tenantId, true), "NOT_FOUND");
    expect(await statusOf(result.tenantId)).toBe("SUSPENDED");
  });

  it("still counts a pending municipality as taken", async () => {
    const pending = await signUp("Ragunda", "ragunda");
    await expectAppError(() => signUp("Ragunda", "ragunda2"), "CONFLICT", {
      fieldErrors: { municipalityCode: "validation.municipalityTaken" },
    });
    expect(await statusOf(pending.tenantId)).toBe("PENDING_APPROVAL");
  });

  it("lists the pending tenants oldest first", async () => {
    const first = await signUp("Bräcke", "bracke");
    const second = await signUp("Härjedalen", "harjedalen");
    const ids = (await listPendingTenants(operator())).map((t) => t.id);
    expect(ids.indexOf(first.tenantId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.tenantId)).toBeLessThan(ids.indexOf(second.tenantId));
  });

  it("gives NOT_FOUND to anyone but a platform administrator, and changes nothing", async () => {
    const pending = await signUp("Strömsund", "stromsund");
    // Neither an ordinary user, nor the pending tenant's own administrator, nor an unknown id.
    for (const userId of [memberOfNothingId, pending.userId, "no-such-user"]) {
      expect(operatorAccess(sessionOf(userId, false))).toBe("none");
      await expectAppError(() => listPendingTenants(sessionOf(userId, false)), "NOT_FOUND", {
        messageKey: "errors:notFound",
      });
      await expectAppError(() => decideTenant(sessionOf(userId, false), pending.tenantId, true), "NOT_FOUND", {
        messageKey: "errors:notFound",
      });
      await expectAppError(() => decideTenant(sessionOf(userId, false), pending.tenantId, false), "NOT_FOUND");
    }
    expect(await statusOf(pending.tenantId)).toBe("PENDING_APPROVAL");
    expect(await resolveTenantContext(pending.userId, pending.slug)).toBeNull();
  });

  it("asks the operator for password and code again: without a second factor in the session, or after a while", async () => {
    const pending = await signUp("Sollefteå", "solleftea");
    const stale = sessionOf(operatorId, true, { authAt: Date.now() - (OPERATOR_REAUTH_MINUTES + 1) * 60_000 });
    const passwordOnly = sessionOf(operatorId, true, { via: "password" });
    for (const session of [stale, passwordOnly]) {
      expect(operatorAccess(session)).toBe("reauth");
      await expectAppError(() => listPendingTenants(session), "INVALID_INPUT", { messageKey: "auth:stepUp.needed" });
      await expectAppError(() => decideTenant(session, pending.tenantId, true), "INVALID_INPUT");
    }
    expect(await statusOf(pending.tenantId)).toBe("PENDING_APPROVAL");
  });

  it("answers an unknown tenant with NOT_FOUND", async () => {
    await expectAppError(() => decideTenant(operator(), "no-such-tenant", true), "NOT_FOUND");
  });

  it("does not let invitations of a pending tenant be used until it is approved", async () => {
    const pending = await signUp("Sundsvall", "sundsvall");
    const ctx = {
      tenantId: pending.tenantId,
      tenantSlug: pending.slug,
      tenantName: pending.name,
      userId: pending.userId,
      role: "TENANT_ADMIN" as const,
      organisationId: null,
    };
    const email = `${uniqueSlug("invitee")}@example.test`;
    const { link } = await inviteMember({ ctx, email, role: "COORDINATOR", locale: "sv" });
    const token = new URL(link).searchParams.get("token")!;
    expect(await describeInvitation(token)).toBeNull();
    await expectAppError(
      () =>
        acceptInvitation({
          token,
          userId: null,
          newAccount: { name: "Early Bird", password: "correct horse battery staple" },
        }),
      "INVALID_INPUT",
      {
        messageKey: "errors:invitationInvalid",
      },
    );
    expect(await adminQuery(`select id from "User" where email = $1`, [email])).toEqual([]);

    await decideTenant(operator(), pending.tenantId, true);
    expect(await describeInvitation(token)).toMatchObject({ email, role: "COORDINATOR", hasAccount: false });
    await acceptInvitation({
      token,
      userId: null,
      newAccount: { name: "Early Bird", password: "correct horse battery staple" },
    });
    const [member] = await adminQuery(
      `select m.role from "Membership" m join "User" u on u.id = m."userId" where u.email = $1 and m."tenantId" = $2`,
      [email, pending.tenantId],
    );
    expect(member).toEqual({ role: "COORDINATOR" });
  });
});
