/**
 * The checks of a sign-in through a municipality's identity provider, attacked one by one: a provider on
 * localhost (two issuers, /a and /b) that answers the token request with whatever ID token the test mints —
 * a wrong issuer, a foreign signature, another flow's nonce, an expired token, another client's audience —
 * and a callback with a missing or wrong state. openid-client must refuse each, and nothing is created.
 * Then the rule that an account belongs to its holder (issue 25, "nOAuth"): a provider that claims the e-mail
 * of an existing account — another municipality's coordinator, the platform operator — gets no session, no
 * membership and no link, however much of the e-mail's domain the municipality has proven.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey } from "jose";
import { appDb, createTenantFixture, uniqueSlug, withAdmin } from "../support/db.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { seal } from "../../lib/auth/secret-box.ts";
import { beginOidcSignIn } from "../../lib/auth/oidc/begin-oidc-sign-in.ts";
import { completeOidcSignIn } from "../../lib/auth/oidc/complete-oidc-sign-in.ts";
import { redirectUri } from "../../lib/auth/oidc/flow.ts";
import { emailFrom, roleFrom } from "../../lib/auth/oidc/claims.ts";
import { resolveTenantContext, sessionOpens } from "../../lib/auth/context.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { inviteMember } from "../../lib/members/invite-member.ts";
import { removeMember } from "../../lib/members/remove-member.ts";

type Fixture = Awaited<ReturnType<typeof createTenantFixture>>;
type Issuer = "a" | "b";
const keys: Record<Issuer | "stranger", { privateKey: JoseKey; jwk: Record<string, unknown> }> = {} as never;
let server: Server;
let base = "";
let nextToken: () => Promise<string> = () => Promise.resolve("");
let a: Fixture;
let b: Fixture;
const domainA = `${uniqueSlug("a")}.kommune.test`;
const domainB = `${uniqueSlug("b")}.kommune.test`;
const client = (issuer: Issuer) => `samspill-${issuer}`;

async function provider(tenant: Fixture, issuer: Issuer, domain: string, preset = "GENERIC") {
  await withTenant(tenant, async (tx) => {
    await tx.identityProvider.create({
      data: {
        tenantId: tenant.tenantId,
        preset,
        issuer: `${base}/${issuer}`,
        clientId: client(issuer),
        clientSecretEnc: seal(`secret-${issuer}`, tenant.tenantId),
        domainRole: "COORDINATOR",
        enabled: true,
        testedAt: new Date(),
      },
    });
    // The domain as proven (tests/integration/domains.test.ts proves one through DNS).
    await tx.domainClaim.create({
      data: { tenantId: tenant.tenantId, domain, token: "fixture", verifiedAt: new Date() },
    });
  });
}

beforeAll(async () => {
  for (const name of ["a", "b", "stranger"] as const) {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    keys[name] = { privateKey, jwk: { ...(await exportJWK(publicKey)), kid: name, alg: "RS256", use: "sig" } };
  }
  server = createServer((req, res) => {
    const [, issuer, ...rest] = (req.url ?? "").split("?")[0].split("/");
    const path = rest.join("/");
    const json = (body: unknown) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(body));
    };
    if (path === ".well-known/openid-configuration") {
      return json({
        issuer: `${base}/${issuer}`,
        authorization_endpoint: `${base}/${issuer}/auth`,
        token_endpoint: `${base}/${issuer}/token`,
        jwks_uri: `${base}/${issuer}/jwks`,
        response_types_supported: ["code"],
        code_challenge_methods_supported: ["S256"],
        id_token_signing_alg_values_supported: ["RS256"],
        subject_types_supported: ["public"],
      });
    }
    if (path === "jwks") return json({ keys: [keys[issuer as Issuer].jwk] });
    if (path === "token" && req.method === "POST") {
      req.resume();
      req.on("end", () => {
        void nextToken().then((idToken) =>
          json({ access_token: "at", token_type: "Bearer", expires_in: 60, id_token: idToken }),
        );
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://localhost:${(server.address() as { port: number }).port}`;
  a = await createTenantFixture("oidc-a");
  b = await createTenantFixture("oidc-b");
  await provider(a, "a", domainA);
  await provider(b, "b", domainB);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await appDb().$disconnect();
});

async function begin(tenant: Fixture, invitation?: string, link?: { userId: string; sessionId: string }) {
  const started = await beginOidcSignIn({
    slug: tenant.slug,
    callbackUrl: `/nb/t/${tenant.slug}`,
    locale: "nb",
    invitation,
    link,
  });
  const url = new URL(started!.url);
  expect(url.searchParams.get("code_challenge_method")).toBe("S256");
  return { cookie: started!.cookie, state: url.searchParams.get("state")!, nonce: url.searchParams.get("nonce")! };
}

type Claims = {
  iss?: string;
  aud?: string;
  nonce?: string;
  email?: string;
  email_verified?: boolean;
  exp?: number;
  sub?: string;
  pid?: string;
};
/** `kid`: the key id in the header; a forger names the provider's own key ("a") and signs with another. */
function token(claims: Claims, key: keyof typeof keys = "a", kid: string = key) {
  return async () => {
    const now = Math.floor(Date.now() / 1000);
    const { exp = now + 300, ...rest } = claims;
    return new SignJWT({ email_verified: true, ...rest, name: "Kari Koordinator" })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuedAt(now - 5)
      .setExpirationTime(exp)
      .setSubject(claims.sub ?? claims.email ?? "kari")
      .setIssuer(claims.iss ?? `${base}/a`)
      .setAudience(claims.aud ?? client("a"))
      .sign(keys[key].privateKey);
  };
}

async function finish(
  flow: { cookie: string; state: string },
  mint: () => Promise<string>,
  state: string | null = flow.state,
  signedIn: { userId: string; sessionId: string } | null = null,
) {
  nextToken = mint;
  const url = new URL(redirectUri());
  url.searchParams.set("code", "the-code");
  if (state !== null) url.searchParams.set("state", state);
  return completeOidcSignIn(url, flow.cookie, signedIn);
}

const usersNamed = async (email: string) => appDb().user.count({ where: { email } });

describe("the ID token and the callback are checked", () => {
  it("lets in a verified e-mail of the provider's domain, by the domain rule, in this tenant only", async () => {
    const email = `kari@${domainA}`;
    const flow = await begin(a);
    const outcome = await finish(flow, token({ nonce: flow.nonce, email }));
    expect(outcome).toMatchObject({ ok: true, tenantSlug: a.slug });
    if (!outcome.ok) return;
    expect(await resolveTenantContext(outcome.user.id, a.slug, `oidc:${a.tenantId}`)).toMatchObject({
      role: "COORDINATOR",
    });
    const events = await withTenant(a, (tx) =>
      tx.auditEvent.findMany({ where: { tenantId: a.tenantId, actorId: outcome.user.id }, select: { action: true } }),
    );
    expect(events.map((e) => e.action).sort()).toEqual(["auth.signedIn", "member.joined"]);
  });

  const refusals: [string, (flow: { nonce: string }) => () => Promise<string>][] = [
    ["a token from another issuer", (f) => token({ nonce: f.nonce, email: `x1@${domainA}`, iss: `${base}/b` })],
    [
      "a token signed with a key the provider does not publish (under its key's id)",
      (f) => token({ nonce: f.nonce, email: `x2@${domainA}` }, "stranger", "a"),
    ],
    ["a token signed by another tenant's provider", (f) => token({ nonce: f.nonce, email: `x3@${domainA}` }, "b")],
    [
      "a token for another client (audience)",
      (f) => token({ nonce: f.nonce, email: `x4@${domainA}`, aud: client("b") }),
    ],
    [
      "an expired token",
      (f) => token({ nonce: f.nonce, email: `x5@${domainA}`, exp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    ["a token without the nonce", () => token({ email: `x6@${domainA}` })],
    [
      "a token replayed from another sign-in (its nonce)",
      () => token({ nonce: "nonce-of-an-earlier-sign-in", email: `x7@${domainA}` }),
    ],
  ];
  for (const [what, mint] of refusals) {
    it(`refuses ${what}, and creates nobody`, async () => {
      const flow = await begin(a);
      const outcome = await finish(flow, mint(flow));
      expect(outcome).toMatchObject({ ok: false, reason: "failed" });
      expect(await usersNamed(`x${refusals.findIndex(([w]) => w === what) + 1}@${domainA}`)).toBe(0);
    });
  }

  it("refuses a callback with a missing or another flow's state", async () => {
    const flow = await begin(a);
    const other = await begin(a);
    expect(await finish(flow, token({ nonce: flow.nonce, email: `s1@${domainA}` }), null)).toMatchObject({
      ok: false,
      reason: "failed",
    });
    expect(await finish(flow, token({ nonce: flow.nonce, email: `s1@${domainA}` }), other.state)).toMatchObject({
      ok: false,
      reason: "failed",
    });
    expect(await usersNamed(`s1@${domainA}`)).toBe(0);
  });

  it("refuses a missing, tampered or other tenant's flow cookie", async () => {
    const flow = await begin(a);
    const mint = token({ nonce: flow.nonce, email: `c1@${domainA}` });
    expect(await completeOidcSignIn(new URL(`${redirectUri()}?code=x&state=${flow.state}`), undefined)).toMatchObject({
      ok: false,
      reason: "expired",
    });
    const tampered = flow.cookie.slice(0, -4) + (flow.cookie.endsWith("AAAA") ? "BBBB" : "AAAA");
    nextToken = mint;
    expect(await completeOidcSignIn(new URL(`${redirectUri()}?code=x&state=${flow.state}`), tampered)).toMatchObject({
      ok: false,
      reason: "expired",
    });
    // B's flow with A's token: B's provider checks against its own issuer, keys and client.
    const flowB = await begin(b);
    expect(await finish(flowB, token({ nonce: flowB.nonce, email: `c1@${domainA}` }))).toMatchObject({
      ok: false,
      reason: "failed",
    });
    expect(await usersNamed(`c1@${domainA}`)).toBe(0);
  });

  it("refuses an unverified e-mail and one outside the domains the municipality has proven", async () => {
    let flow = await begin(a);
    expect(
      await finish(flow, token({ nonce: flow.nonce, email: `u1@${domainA}`, email_verified: false })),
    ).toMatchObject({ ok: false, reason: "unverified" });
    flow = await begin(a);
    // Tenant A's provider vouching for an address of tenant B's domain: no rule of A's speaks for it.
    expect(await finish(flow, token({ nonce: flow.nonce, email: `u2@${domainB}` }))).toMatchObject({
      ok: false,
      reason: "noAccess",
    });
    expect((await usersNamed(`u1@${domainA}`)) + (await usersNamed(`u2@${domainB}`))).toBe(0);
  });
});

describe("an account belongs to its holder", () => {
  const memberships = (userId: string) =>
    withAdmin(
      async (c) =>
        (await c.query<{ tenantId: string }>(`select "tenantId" from "Membership" where "userId" = $1`, [userId])).rows,
    );
  const linksOf = async (tenant: Fixture, userId: string) =>
    withTenant(tenant, (tx) => tx.signInIdentity.count({ where: { tenantId: tenant.tenantId, userId } }));
  const refusalsIn = async (tenant: Fixture) =>
    withTenant(tenant, (tx) =>
      tx.auditEvent.findMany({
        where: { tenantId: tenant.tenantId, action: "auth.oidcRefused" },
        select: { details: true },
      }),
    );

  it("a provider that claims another municipality's coordinator gets nothing: no session, membership or link; the refusal is audited", async () => {
    // The victim: a coordinator of B with a password, whose address is at A's own proven domain (the worst case).
    const email = `victim-${uniqueSlug("v")}@${domainA}`;
    const victim = await appDb().user.create({
      data: { email, name: "Offer Koordinator", passwordHash: await hashPassword("correct horse battery") },
    });
    await withTenant(b, (tx) =>
      tx.membership.create({ data: { tenantId: b.tenantId, userId: victim.id, role: "COORDINATOR" } }),
    );
    const flow = await begin(a);
    const outcome = await finish(flow, token({ nonce: flow.nonce, email, sub: `attacker-${victim.id}` }));
    expect(outcome).toMatchObject({ ok: false, reason: "accountExists" });
    expect((await memberships(victim.id)).map((m) => m.tenantId)).toEqual([b.tenantId]);
    expect(await linksOf(a, victim.id)).toBe(0);
    expect((await refusalsIn(a)).map((e) => e.details)).toContainEqual({
      reason: "accountExists",
      claimedEmail: email,
    });
  });

  it("the platform operator is never reachable through a tenant's provider, not even through a link", async () => {
    const email = `drift-${uniqueSlug("op")}@${domainA}`;
    const operator = await appDb().user.create({
      data: { email, name: "Drift", passwordHash: await hashPassword("correct horse battery"), platformAdmin: true },
    });
    let flow = await begin(a);
    expect(await finish(flow, token({ nonce: flow.nonce, email, sub: "op-sub" }))).toMatchObject({
      ok: false,
      reason: "operator",
    });
    // A link written by whoever (a database restored from before, a bug): the provider still does not sign in.
    await withTenant(a, (tx) =>
      tx.signInIdentity.create({
        data: { tenantId: a.tenantId, issuer: `${base}/a`, subject: "op-linked", userId: operator.id },
      }),
    );
    flow = await begin(a);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "op-linked" }))).toMatchObject({
      ok: false,
      reason: "operator",
    });
    expect(await memberships(operator.id)).toEqual([]);
  });

  it("the holder connects the provider while signed in; from then on it signs in, opening A only, never B", async () => {
    const email = `both@${domainA}`;
    const user = await appDb().user.create({
      data: { email, name: "Begge Steder", passwordHash: await hashPassword("correct horse battery") },
    });
    for (const tenant of [a, b])
      await withTenant(tenant, (tx) =>
        tx.membership.create({ data: { tenantId: tenant.tenantId, userId: user.id, role: "COORDINATOR" } }),
      );
    const subject = `both-${user.id}`;
    // Not signed in: the provider's e-mail alone does not attach the account.
    let flow = await begin(a);
    expect(await finish(flow, token({ nonce: flow.nonce, email, sub: subject }))).toMatchObject({
      ok: false,
      reason: "accountExists",
    });
    // Signed in as the holder, connecting: a connection needs the very session that asked for it.
    const session = { userId: user.id, sessionId: `session-${user.id}` };
    flow = await begin(a, undefined, session);
    expect(
      await finish(flow, token({ nonce: flow.nonce, email, sub: subject }), flow.state, {
        userId: user.id,
        sessionId: "another-session",
      }),
    ).toMatchObject({ ok: false, reason: "linkSession" });
    flow = await begin(a, undefined, session);
    expect(await finish(flow, token({ nonce: flow.nonce, email, sub: subject }), flow.state, session)).toMatchObject({
      ok: true,
      linked: true,
      user: { id: user.id },
    });
    expect(await linksOf(a, user.id)).toBe(1);
    // Now the subject signs in, whatever e-mail the provider claims today.
    flow = await begin(a);
    const outcome = await finish(flow, token({ nonce: flow.nonce, email: `renamed@${domainA}`, sub: subject }));
    expect(outcome).toMatchObject({ ok: true, linked: false, user: { id: user.id } });
    expect(await resolveTenantContext(user.id, a.slug, `oidc:${a.tenantId}`)).not.toBeNull();
    expect(await resolveTenantContext(user.id, b.slug, `oidc:${a.tenantId}`)).toBeNull();
    expect(await resolveTenantContext(user.id, b.slug, "password")).toMatchObject({ role: "COORDINATOR" });
    // The same person at the provider cannot be connected to a second account.
    const other = await appDb().user.create({
      data: { email: `other-${user.id}@example.test`, name: "Annen", passwordHash: await hashPassword("x y z w v") },
    });
    await withTenant(a, (tx) =>
      tx.membership.create({ data: { tenantId: a.tenantId, userId: other.id, role: "COORDINATOR" } }),
    );
    const otherSession = { userId: other.id, sessionId: `session-${other.id}` };
    flow = await begin(a, undefined, otherSession);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: subject }), flow.state, otherSession)).toMatchObject({
      ok: false,
      reason: "subjectTaken",
    });
  });

  it("an account that is not a member cannot connect a provider (no membership on a provider's word)", async () => {
    const user = await appDb().user.create({
      data: {
        email: `outsider-${uniqueSlug("o")}@example.test`,
        name: "Utenfor",
        passwordHash: await hashPassword("a b c d e"),
      },
    });
    const session = { userId: user.id, sessionId: `session-${user.id}` };
    const flow = await begin(a, undefined, session);
    expect(
      await finish(flow, token({ nonce: flow.nonce, sub: `outsider-${user.id}` }), flow.state, session),
    ).toMatchObject({ ok: false, reason: "noAccess" });
    expect(await memberships(user.id)).toEqual([]);
  });

  it("a tenant that requires its provider: staff need it, partner viewers keep their password", () => {
    const tenant = { id: "t1", requireOidc: true };
    expect(sessionOpens("password", tenant, "COORDINATOR")).toBe(false);
    expect(sessionOpens("password", tenant, "TENANT_ADMIN")).toBe(false);
    expect(sessionOpens("password", tenant, "PARTNER_VIEWER")).toBe(true);
    expect(sessionOpens("oidc:t1", tenant, "COORDINATOR")).toBe(true);
    expect(sessionOpens("oidc:t2", tenant, "PARTNER_VIEWER")).toBe(false);
  });
});

describe("ID-porten: no e-mail, so the person is linked through an invitation", () => {
  // Two municipalities that both register with ID-porten (the same issuer); the subject is the person's.
  let c: Fixture;
  let d: Fixture;
  const invite = async (tenant: Fixture, email: string, role: "COORDINATOR" | "TENANT_ADMIN" = "COORDINATOR") => {
    const { link } = await inviteMember({
      ctx: {
        tenantId: tenant.tenantId,
        tenantSlug: tenant.slug,
        tenantName: "Test",
        userId: "",
        role: "TENANT_ADMIN",
        organisationId: null,
      },
      email,
      role,
      locale: "nb",
    });
    return new URL(link).searchParams.get("token")!;
  };
  const links = (tenant: Fixture, subject: string) =>
    withTenant(tenant, (tx) =>
      tx.signInIdentity.findMany({ where: { tenantId: tenant.tenantId, subject }, select: { userId: true } }),
    );
  beforeAll(async () => {
    c = await createTenantFixture("idp-c");
    d = await createTenantFixture("idp-d");
    await provider(c, "a", `${c.slug}.kommune.test`, "ID_PORTEN");
    await provider(d, "a", `${d.slug}.kommune.test`, "ID_PORTEN");
  });

  it("refuses a person it does not know yet, and creates nobody", async () => {
    const flow = await begin(c);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-stranger", pid: "01010112345" }))).toMatchObject({
      ok: false,
      reason: "notLinked",
    });
    expect(await links(c, "sub-stranger")).toEqual([]);
  });

  it("an invitation links the subject to the invited account; the link alone signs in after that, in that tenant only", async () => {
    const email = `ola-${c.slug}@example.no`;
    const subject = `sub-${crypto.randomUUID()}`;
    let flow = await begin(c, await invite(c, email));
    const first = await finish(flow, token({ nonce: flow.nonce, sub: subject, pid: "01010112345" }));
    expect(first).toMatchObject({ ok: true, user: { email }, tenantSlug: c.slug });
    if (!first.ok) return;
    expect(await resolveTenantContext(first.user.id, c.slug, `oidc:${c.tenantId}`)).toMatchObject({
      role: "COORDINATOR",
    });
    expect(await links(c, subject)).toEqual([{ userId: first.user.id }]);
    // Only the issuer and subject are kept: the national identity number is stored nowhere.
    const stored = await withTenant(
      c,
      (tx) => tx.$queryRaw<{ n: number }[]>`
      select (select count(*) from "SignInIdentity" s where s::text like '%01010112345%')
           + (select count(*) from "User" u where u::text like '%01010112345%')
           + (select count(*) from "AuditEvent" e where e::text like '%01010112345%') as n`,
    );
    expect(Number(stored[0].n)).toBe(0);
    // The invitation is used: it does not work twice.
    flow = await begin(c);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: subject }))).toMatchObject({
      ok: true,
      user: { id: first.user.id },
    });
    // Another municipality on the same ID-porten does not know the person.
    flow = await begin(d);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: subject }))).toMatchObject({
      ok: false,
      reason: "notLinked",
    });
    expect(await resolveTenantContext(first.user.id, d.slug, `oidc:${d.tenantId}`)).toBeNull();
  });

  it("refuses a used, foreign or forged invitation, and an invitation for another e-mail than the provider vouches for", async () => {
    const token1 = await invite(c, `kari-${c.slug}@example.no`);
    let flow = await begin(c, token1);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-kari" }))).toMatchObject({ ok: true });
    flow = await begin(c, token1);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-someone-else" }))).toMatchObject({
      ok: false,
      reason: "invitation",
    });
    // D's invitation in C's flow.
    flow = await begin(c, await invite(d, `per-${d.slug}@example.no`));
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-per" }))).toMatchObject({
      ok: false,
      reason: "invitation",
    });
    flow = await begin(c, `${token1.slice(0, -6)}AAAAAA`);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-forger" }))).toMatchObject({
      ok: false,
      reason: "invitation",
    });
    // A provider that vouches for an e-mail: the invitation must be that e-mail's.
    flow = await begin(a, await invite(a, `invited@${domainA}`));
    expect(await finish(flow, token({ nonce: flow.nonce, email: `other@${domainA}`, sub: "sub-other" }))).toMatchObject(
      { ok: false, reason: "invitation" },
    );
    expect(await links(c, "sub-someone-else")).toEqual([]);
    expect((await usersNamed(`per-${d.slug}@example.no`)) + (await usersNamed(`other@${domainA}`))).toBe(0);
  });

  it("an invitation for an e-mail that has an account: only its holder, signed in, accepts it through the provider", async () => {
    const email = `has-account-${c.slug}@example.no`;
    const holder = await appDb().user.create({
      data: { email, name: "Har Konto", passwordHash: await hashPassword("correct horse battery") },
    });
    const invitation = await invite(c, email);
    let flow = await begin(c, invitation);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-not-the-holder" }))).toMatchObject({
      ok: false,
      reason: "accountExists",
    });
    expect(await links(c, "sub-not-the-holder")).toEqual([]);
    const session = { userId: holder.id, sessionId: `session-${holder.id}` };
    flow = await begin(c, invitation, session);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-holder" }), flow.state, session)).toMatchObject({
      ok: true,
      linked: true,
      user: { id: holder.id },
    });
    expect(await links(c, "sub-holder")).toEqual([{ userId: holder.id }]);
    expect(await resolveTenantContext(holder.id, c.slug, `oidc:${c.tenantId}`)).toMatchObject({ role: "COORDINATOR" });
  });

  it("removing the member removes the link: the subject no longer signs in", async () => {
    const email = `gone-${c.slug}@example.no`;
    let flow = await begin(c, await invite(c, email));
    const outcome = await finish(flow, token({ nonce: flow.nonce, sub: "sub-gone" }));
    if (!outcome.ok) throw new Error(`not admitted: ${outcome.reason}`);
    const membership = await withTenant(c, (tx) =>
      tx.membership.findUniqueOrThrow({
        where: { tenantId_userId: { tenantId: c.tenantId, userId: outcome.user.id } },
      }),
    );
    const admin = await withTenant(c, async (tx) => {
      const user = await tx.user.create({ data: { email: `admin-${c.slug}@example.no`, name: "Admin" } });
      await tx.membership.create({ data: { tenantId: c.tenantId, userId: user.id, role: "TENANT_ADMIN" } });
      return user;
    });
    await removeMember({
      ctx: { tenantId: c.tenantId, tenantSlug: c.slug, userId: admin.id, role: "TENANT_ADMIN", organisationId: null },
      membershipId: membership.id,
    });
    expect(await links(c, "sub-gone")).toEqual([]);
    flow = await begin(c);
    expect(await finish(flow, token({ nonce: flow.nonce, sub: "sub-gone" }))).toMatchObject({
      ok: false,
      reason: "notLinked",
    });
  });
});

describe("claims", () => {
  it("trusts an e-mail only with the preset's verified claim (Entra ID's xms_edov), lower case, and maps roles", () => {
    const entra = { preset: "ENTRA_ID" as const };
    // Entra's `email` is whatever the directory says: without xms_edov it is not trusted (nOAuth).
    expect(emailFrom({ email: "Kari@Verdal.Kommune.no" }, entra)).toEqual({ refused: "unverified" });
    expect(emailFrom({ email: "Kari@Verdal.Kommune.no", xms_edov: true }, entra)).toEqual({
      email: "kari@verdal.kommune.no",
      domain: "verdal.kommune.no",
    });
    expect(emailFrom({ email: "kari@verdal.kommune.no" }, { preset: "GENERIC" })).toEqual({ refused: "unverified" });
    expect(emailFrom({ email: "kari@verdal.kommune.no", email_verified: "true" }, { preset: "GENERIC" })).toEqual({
      refused: "unverified",
    });
    expect(emailFrom({ pid: "12345678901" }, { preset: "ID_PORTEN" })).toEqual({ refused: "noEmail" });
    const mapping = {
      roleClaim: "roles",
      roleMap: { "Samspill.Admin": "TENANT_ADMIN", "Samspill.Coordinator": "COORDINATOR", Other: "PARTNER_VIEWER" },
    };
    expect(roleFrom({ roles: ["Samspill.Coordinator", "Samspill.Admin"] }, mapping)).toBe("TENANT_ADMIN");
    expect(roleFrom({ roles: "Samspill.Coordinator" }, mapping)).toBe("COORDINATOR");
    expect(roleFrom({ roles: ["Other"] }, mapping)).toBeNull(); // a partner viewer only by invitation
  });
});

describe("who may change the provider", () => {
  it("administrators only: a coordinator or partner viewer of the same tenant is refused, nothing changes", async () => {
    const { identityProviderSchema } = await import("../../lib/auth/identity-providers/schemas.ts");
    const { saveProvider } = await import("../../lib/auth/identity-providers/save-provider.ts");
    const { switchProvider } = await import("../../lib/auth/identity-providers/switch-provider.ts");
    const { testProvider } = await import("../../lib/auth/identity-providers/test-provider.ts");
    const { setTotpRequirement } = await import("../../lib/auth/identity-providers/totp-requirement.ts");
    const input = identityProviderSchema.parse({
      preset: "GENERIC",
      issuer: "https://login.example.no",
      clientId: "x",
      clientSecret: "y",
      domainRole: "",
      roleClaim: "",
      roleMap: "",
    });
    const before = await withTenant(a, (tx) =>
      tx.identityProvider.findUniqueOrThrow({ where: { tenantId: a.tenantId } }),
    );
    for (const role of ["COORDINATOR", "PARTNER_VIEWER"] as const) {
      const ctx = { tenantId: a.tenantId, tenantSlug: a.slug, userId: "", role, organisationId: null };
      for (const attempt of [
        saveProvider({ ctx, data: input }),
        switchProvider({ ctx, data: { enabled: false, requireOidc: false }, via: `oidc:${a.tenantId}` }),
        testProvider({ ctx }),
        setTotpRequirement({ ctx, data: { requireTotpForAdmins: true } }),
      ]) {
        await expect(attempt).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }
    expect(
      await withTenant(a, (tx) => tx.identityProvider.findUniqueOrThrow({ where: { tenantId: a.tenantId } })),
    ).toEqual(before);
  });
});
