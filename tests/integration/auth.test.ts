import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { appDb, createTenantFixture, uniqueSlug } from "../support/db.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { authOptions } from "../../lib/auth/options.ts";
import { resolveTenantContext } from "../../lib/auth/context.ts";
import { listMemberships, readSession } from "../../lib/auth/memberships.ts";
import { createSession, endSession, endSessions, listSessions } from "../../lib/auth/sessions.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { fieldErrors } from "../../lib/validation.ts";
import { changePassword } from "../../lib/auth/change-password.ts";
import { changePasswordSchema } from "../../lib/auth/schemas.ts";
import { CONFIRM_PASSWORD_FAILURES } from "../../lib/auth/confirm-password.ts";

type Fixture = Awaited<ReturnType<typeof createTenantFixture>>;
let a: Fixture;
let b: Fixture;
let email: string;
let userId: string;

function authorize(credentials: Record<string, string>) {
  const provider = authOptions().providers[0] as unknown as {
    options: { authorize: (c: unknown) => Promise<unknown> };
  };
  return provider.options.authorize(credentials);
}

beforeAll(async () => {
  a = await createTenantFixture("auth-a");
  b = await createTenantFixture("auth-b");
  email = `${uniqueSlug("coord")}@example.test`;
  const user = await appDb().user.create({
    data: { email, name: "Kari Koordinator", passwordHash: await hashPassword("correct horse battery") },
  });
  userId = user.id;
  await withTenant(a, (tx) => tx.membership.create({ data: { tenantId: a.tenantId, userId, role: "COORDINATOR" } }));
});

afterAll(async () => {
  await appDb().$disconnect();
});

describe("sign-in with e-mail and password", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await authorize({ email: email.toUpperCase(), password: "correct horse battery" })).toMatchObject({
      id: userId,
      email,
    });
  });

  it("answers a wrong password and an unknown e-mail the same way", async () => {
    expect(await authorize({ email, password: "wrong" })).toBeNull();
    expect(await authorize({ email: "nobody@example.test", password: "correct horse battery" })).toBeNull();
    expect(await authorize({ email: "not-an-email", password: "x" })).toBeNull();
  });

  it("stores passwords as argon2id hashes", async () => {
    const user = await appDb().user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("tenant context", () => {
  it("resolves a member's role in their tenant", async () => {
    expect(await resolveTenantContext(userId, a.slug)).toMatchObject({
      tenantId: a.tenantId,
      role: "COORDINATOR",
      userId,
    });
  });

  it("is null for a tenant the user is not a member of, and for one that does not exist", async () => {
    expect(await resolveTenantContext(userId, b.slug)).toBeNull();
    expect(await resolveTenantContext(userId, "no-such-tenant")).toBeNull();
    expect(await resolveTenantContext(userId, "../etc")).toBeNull();
  });

  it("lists only the user's own memberships", async () => {
    expect((await listMemberships(userId)).map((m) => m.tenantSlug)).toEqual([a.slug]);
  });
});

describe("the session every request is checked against (samspill_session, one statement)", () => {
  it("gives the session, its account and its memberships in active tenants only, under row-level security", async () => {
    const session = await createSession({
      userId,
      via: "password",
      userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile",
    });
    const account = await readSession(userId, session.id);
    const stored = await appDb().user.findUniqueOrThrow({ where: { id: userId } });
    expect(account).toMatchObject({
      id: userId,
      email,
      name: "Kari Koordinator",
      passwordChangedAt: stored.passwordChangedAt.getTime(),
      platformAdmin: false,
      hasPassword: true,
      secondFactor: false,
      session: { id: session.id, via: "password", expiresAt: session.expiresAt.getTime() },
    });
    expect(account!.memberships).toEqual([
      expect.objectContaining({ tenantId: a.tenantId, tenantSlug: a.slug, role: "COORDINATOR", organisationId: null }),
    ]);
    expect((await listSessions(userId)).find((s) => s.id === session.id)?.device).toBe("Chrome · Android");
    expect(await readSession("no-such-user", session.id)).toBeNull();
    expect(await readSession(userId, "no-such-session")).toBeNull();
  });

  it("is null once the session is ended on the server, or past its absolute lifetime however it is used", async () => {
    const ended = await createSession({ userId, via: "password" });
    expect(await endSession(userId, ended.id)).toBe(true);
    expect(await readSession(userId, ended.id)).toBeNull();
    const old = await createSession({ userId, via: "password" });
    await appDb().session.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await readSession(userId, old.id)).toBeNull();
    // Another user's session id names nothing for this user.
    const other = await appDb().user.create({ data: { email: `${uniqueSlug("other")}@example.test`, name: "Other" } });
    const theirs = await createSession({ userId: other.id, via: "password" });
    expect(await readSession(userId, theirs.id)).toBeNull();
    expect(await endSession(userId, theirs.id)).toBe(false);
    expect(await readSession(other.id, theirs.id)).not.toBeNull();
  });

  it("ends every session of an account but one, or all", async () => {
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => createSession({ userId, via: "password" })));
    await endSessions(userId, { except: two.id });
    expect(await readSession(userId, one.id)).toBeNull();
    expect(await readSession(userId, three.id)).toBeNull();
    expect(await readSession(userId, two.id)).not.toBeNull();
    await endSessions(userId);
    expect(await readSession(userId, two.id)).toBeNull();
  });

  it("leaves app.user_id as it found it, inside a transaction too (withTenant, withUser)", async () => {
    const session = await createSession({ userId, via: "password" });
    const rows = await appDb().$transaction(async (tx) => {
      await tx.$queryRaw`select set_config('app.user_id', ${"the-caller"}, true)`;
      await tx.$queryRaw`select samspill_session(${userId}, ${session.id})`;
      await tx.$queryRaw`select samspill_memberships(${userId})`;
      return tx.$queryRaw<{ user: string | null }[]>`select current_setting('app.user_id', true) as "user"`;
    });
    expect(rows[0].user).toBe("the-caller");
    // One connection of the app role, as the pool would reuse it.
    const client = new pg.Client({ connectionString: inject("appUrl") });
    await client.connect();
    try {
      const {
        rows: [own],
      } = await client.query<{ account: { id: string } | null }>("select samspill_session($1, $2) as account", [
        userId,
        session.id,
      ]);
      expect(own.account).toMatchObject({ id: userId });
      const {
        rows: [later],
      } = await client.query<{ setting: string | null }>("select current_setting('app.user_id', true) as setting");
      expect(later.setting ?? "").toBe("");
      const { rows: seen } = await client.query(`select 1 from "Membership" where "userId" = $1`, [userId]);
      expect(seen).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it("cannot be used to read another user's memberships by the app role directly", async () => {
    // The memberships' policy lets a user see their own rows only: with another user set, none of this user's.
    const rows = await appDb().$transaction(async (tx) => {
      await tx.$queryRaw`select set_config('app.user_id', ${"someone-else"}, true)`;
      return tx.membership.findMany({ where: { userId } });
    });
    expect(rows).toEqual([]);
  });
});

describe("changing a password", () => {
  async function newUser(password: string) {
    const user = await appDb().user.create({
      data: {
        email: `${uniqueSlug("pw")}@example.test`,
        name: "Per Passord",
        passwordHash: await hashPassword(password),
      },
    });
    return user;
  }
  const input = (currentPassword: string, newPassword: string, repeatPassword = newPassword) => ({
    currentPassword,
    newPassword,
    repeatPassword,
  });

  it("checks the form: long enough, repeated the same, different from the current one", () => {
    const fields = (v: Record<string, string>) => {
      const r = changePasswordSchema.safeParse(v);
      return r.success ? {} : fieldErrors(r.error);
    };
    expect(fields(input("gammelt passord her", "kort"))).toMatchObject({ newPassword: "validation.passwordShort" });
    expect(fields(input("gammelt passord her", "nytt og langt passord", "nytt og langt pasord"))).toEqual({
      repeatPassword: "validation.passwordMismatch",
    });
    expect(fields(input("gammelt passord her", "gammelt passord her"))).toEqual({
      newPassword: "validation.passwordSame",
    });
    expect(fields({ newPassword: "nytt og langt passord" })).toMatchObject({
      currentPassword: "validation.required",
      repeatPassword: "validation.required",
    });
    expect(fields(input("gammelt passord her", "nytt og langt passord"))).toEqual({});
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const user = await newUser("gammelt passord her");
    await expect(
      changePassword({
        userId: user.id,
        data: changePasswordSchema.parse(input("feil passord her", "nytt og langt passord")),
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { currentPassword: "validation.currentPassword" } });
    const after = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toBe(user.passwordHash);
    expect(after.passwordChangedAt.getTime()).toBe(user.passwordChangedAt.getTime());
  });

  it("sets the new password and moves passwordChangedAt on, which the session is checked against", async () => {
    const user = await newUser("gammelt passord her");
    const changedAt = await changePassword({
      userId: user.id,
      data: changePasswordSchema.parse(input("gammelt passord her", "nytt og langt passord")),
    });
    const after = await appDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordChangedAt.getTime()).toBe(changedAt.getTime());
    expect(changedAt.getTime()).toBeGreaterThan(user.passwordChangedAt.getTime());
    expect(await authorize({ email: user.email, password: "gammelt passord her" })).toBeNull();
    expect(await authorize({ email: user.email, password: "nytt og langt passord" })).toMatchObject({
      id: user.id,
      passwordChangedAt: changedAt.getTime(),
    });
  });

  it("pauses after ten wrong current passwords, even for the right one", async () => {
    const user = await newUser("gammelt passord her");
    for (let i = 0; i < CONFIRM_PASSWORD_FAILURES; i++) {
      await expect(
        changePassword({
          userId: user.id,
          data: changePasswordSchema.parse(input(`feil ${i} passord`, "nytt og langt passord")),
        }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    }
    await expect(
      changePassword({
        userId: user.id,
        data: changePasswordSchema.parse(input("gammelt passord her", "nytt og langt passord")),
      }),
    ).rejects.toMatchObject({ messageKey: "auth:account.lockedOut" });
    expect((await appDb().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });
});
