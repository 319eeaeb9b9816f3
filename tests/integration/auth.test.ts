import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, createTenantFixture, uniqueSlug } from "../support/db.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { authOptions } from "../../lib/auth/options.ts";
import { resolveTenantContext } from "../../lib/auth/context.ts";
import { listMemberships } from "../../lib/auth/memberships.ts";
import { withTenant } from "../../lib/db/tenant.ts";

type Fixture = Awaited<ReturnType<typeof createTenantFixture>>;
let a: Fixture;
let b: Fixture;
let email: string;
let userId: string;

function authorize(credentials: Record<string, string>) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: (c: unknown) => Promise<unknown> } };
  return provider.options.authorize(credentials);
}

beforeAll(async () => {
  a = await createTenantFixture("auth-a");
  b = await createTenantFixture("auth-b");
  email = `${uniqueSlug("coord")}@example.test`;
  const user = await appDb().user.create({ data: { email, name: "Kari Koordinator", passwordHash: await hashPassword("correct horse battery") } });
  userId = user.id;
  await withTenant(a, (tx) => tx.membership.create({ data: { tenantId: a.tenantId, userId, role: "COORDINATOR" } }));
});

afterAll(async () => {
  await appDb().$disconnect();
});

describe("sign-in with e-mail and password", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await authorize({ email: email.toUpperCase(), password: "correct horse battery" })).toMatchObject({ id: userId, email });
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
    expect(await resolveTenantContext(userId, a.slug)).toMatchObject({ tenantId: a.tenantId, role: "COORDINATOR", userId });
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
