/**
 * A municipality proves an e-mail domain with a DNS TXT record, looked up by Node's resolver against a real
 * DNS server on this machine (tests/support/dns-server.ts): typed is not proven, a public mail domain cannot be
 * claimed, and one domain belongs to one municipality. Only a proven domain finds the municipality's sign-in.
 */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { appDb, uniqueSlug } from "../support/db.ts";
import { startTestDnsServer, type TestDnsServer } from "../support/dns-server.ts";
import { claimDomain } from "../../lib/auth/domains/claim-domain.ts";
import { verifyDomain } from "../../lib/auth/domains/verify-domain.ts";
import { listDomainClaims } from "../../lib/auth/domains/list-domains.ts";
import { removeDomain } from "../../lib/auth/domains/remove-domain.ts";
import { domainClaimSchema } from "../../lib/auth/identity-providers/schemas.ts";
import { oidcTenants } from "../../lib/auth/oidc/flow.ts";
import { seal } from "../../lib/auth/secret-box.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { testWithTwoTenants } from "../support/two-tenants.ts";
import { expectAppError, type Tenant } from "./helpers/coordinator.ts";

const it = testWithTwoTenants("dom");

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startTestDnsServer();
});

// Each municipality has an enabled identity provider, so a proven domain finds its sign-in.
it.beforeAll(async ({ tenants: { a, b } }) => {
  for (const t of [a, b]) {
    await withTenant(t, (tx) =>
      tx.identityProvider.create({
        data: {
          tenantId: t.tenantId,
          preset: "GENERIC",
          issuer: "https://login.example.no",
          clientId: "x",
          clientSecretEnc: seal("y", t.tenantId),
          enabled: true,
          testedAt: new Date(),
        },
      }),
    );
  }
});

afterAll(async () => {
  await dns.close();
  await appDb().$disconnect();
});

const claim = (t: Tenant, domain: string) => claimDomain({ ctx: t.admin, data: domainClaimSchema.parse({ domain }) });

describe("proving an e-mail domain", () => {
  it("is proven only once the TXT record with the claim's token is published, and only then finds the sign-in", async ({
    tenants: { a },
  }) => {
    const domain = `${uniqueSlug("kommune")}.test`;
    const { token } = await claim(a, `someone@${domain}`);
    expect(await oidcTenants(domain)).toEqual([]);
    expect(await verifyDomain({ ctx: a.admin, domain, dnsServers: dns.server })).toBe("notFound");
    // Another token (another municipality's) in the record does not prove this claim.
    dns.setTxt(`_samspill-challenge.${domain}`, ["samspill-verification=not-this-one", "v=spf1 -all"]);
    expect(await verifyDomain({ ctx: a.admin, domain, dnsServers: dns.server })).toBe("notFound");
    dns.setTxt(`_samspill-challenge.${domain}`, ["v=spf1 -all", `samspill-verification=${token}`]);
    expect(await verifyDomain({ ctx: a.admin, domain, dnsServers: dns.server })).toBe("verified");
    expect((await listDomainClaims(a.admin)).find((c) => c.domain === domain)?.verifiedAt).toBeInstanceOf(Date);
    expect((await oidcTenants(domain)).map((t) => t.slug)).toEqual([a.slug]);
  });

  it("belongs to one municipality: another cannot claim a proven domain, and of two racing claims one wins", async ({
    tenants: { a, b },
  }) => {
    const domain = `${uniqueSlug("shared")}.test`;
    const first = await claim(a, domain);
    const second = await claim(b, domain);
    dns.setTxt(`_samspill-challenge.${domain}`, [
      `samspill-verification=${first.token}`,
      `samspill-verification=${second.token}`,
    ]);
    const [forA, forB] = await Promise.all([
      verifyDomain({ ctx: a.admin, domain, dnsServers: dns.server }),
      verifyDomain({ ctx: b.admin, domain, dnsServers: dns.server }),
    ]);
    expect([forA, forB].sort()).toEqual(["taken", "verified"]);
    const loser = forA === "taken" ? a : b;
    await expectAppError(() => claim(loser, domain), "INVALID_INPUT", {
      fieldErrors: { domain: "validation.domainTaken" },
    });
    expect((await oidcTenants(domain)).length).toBe(1);
  });

  it("refuses public mail domains (gmail.com, online.no, telia.com) and malformed ones", async ({ tenants: { a } }) => {
    for (const domain of ["gmail.com", "online.no", "Telia.com", "outlook.com"])
      await expectAppError(() => claim(a, domain), "INVALID_INPUT", {
        fieldErrors: { domain: "validation.publicMailDomain" },
      });
    expect(domainClaimSchema.safeParse({ domain: "localhost" }).success).toBe(false);
    expect(domainClaimSchema.safeParse({ domain: "-bad-.no" }).success).toBe(false);
  });

  it("is the administrator's: a coordinator cannot claim, check or remove, and a removed domain stops at once", async ({
    tenants: { a, b },
  }) => {
    const domain = `${uniqueSlug("mine")}.test`;
    const { token } = await claim(a, domain);
    await expectAppError(() => claimDomain({ ctx: a.coordinator, data: { domain } }), "NOT_FOUND");
    await expectAppError(() => verifyDomain({ ctx: a.coordinator, domain, dnsServers: dns.server }), "NOT_FOUND");
    dns.setTxt(`_samspill-challenge.${domain}`, [`samspill-verification=${token}`]);
    expect(await verifyDomain({ ctx: a.admin, domain, dnsServers: dns.server })).toBe("verified");
    await removeDomain({ ctx: a.admin, domain });
    expect(await oidcTenants(domain)).toEqual([]);
    // B sees none of A's claims.
    expect((await listDomainClaims(b.admin)).map((c) => c.domain)).not.toContain(domain);
  });
});
