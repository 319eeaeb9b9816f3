import * as oidc from "openid-client";
import { db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { env } from "../env.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { connectionOf, discover, GRANTABLE_ROLES, PRESETS, type ProviderConnection } from "./identity-providers.ts";
import { openExpiring, sealExpiring } from "./secret-box.ts";
import { readInvitationToken } from "../members/invitation-token.ts";
import { lockValidInvitation } from "../members/members.ts";
import type { SignInUser } from "./credentials.ts";
import type { Role } from "../db/generated/enums.ts";

/** The one redirect URI every tenant registers with its provider. */
export function redirectUri(): string {
  return `${env().NEXTAUTH_URL.replace(/\/$/, "")}/api/oidc/callback`;
}

/** The municipalities whose staff can sign in through their own provider (for a domain, or all). */
export async function oidcTenants(domain: string | null = null): Promise<{ slug: string; name: string }[]> {
  return db().$queryRaw<{ slug: string; name: string }[]>`select slug, name from samspill_oidc_tenants(${domain})`;
}

/** The state of one sign-in between leaving for the provider and coming back, sealed in a short-lived cookie. */
type Flow = {
  tenantId: string;
  slug: string;
  verifier: string;
  state: string;
  nonce: string;
  callbackUrl: string;
  locale: string;
  invitation?: string;
};
export const FLOW_COOKIE = "samspill.oidc-flow";
const FLOW_SECONDS = 10 * 60;
const FLOW_CONTEXT = "oidc-flow";

async function providerOf(slug: string) {
  const tenant = await db().tenant.findUnique({ where: { slug }, select: { id: true, slug: true, status: true } });
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const row = await withTenant({ tenantId: tenant.id }, (tx) =>
    tx.identityProvider.findUnique({ where: { tenantId: tenant.id } }),
  );
  return row?.enabled ? { tenant, provider: connectionOf(row) } : null;
}

/**
 * Starts the authorization code flow with PKCE (S256), `state` and `nonce`: returns where to send the browser
 * and the sealed cookie that remembers the checks. Null when the tenant has no provider turned on.
 */
export async function beginOidcSignIn(input: {
  slug: string;
  callbackUrl: string;
  locale: string;
  invitation?: string;
}): Promise<{ url: string; cookie: string } | null> {
  const found = await providerOf(input.slug);
  if (!found) return null;
  const config = await discover(found.provider);
  const verifier = oidc.randomPKCECodeVerifier();
  const flow: Flow = {
    tenantId: found.tenant.id,
    slug: found.tenant.slug,
    verifier,
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    callbackUrl: input.callbackUrl,
    locale: input.locale,
    ...(input.invitation ? { invitation: input.invitation } : {}),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: PRESETS[found.provider.preset].scope,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: sealExpiring(flow, FLOW_CONTEXT, FLOW_SECONDS) };
}

export const FLOW_COOKIE_MAX_AGE = FLOW_SECONDS;

export type OidcRefusal =
  "expired" | "failed" | "noEmail" | "unverified" | "foreignDomain" | "noAccess" | "notLinked" | "invitation";
export type OidcOutcome =
  | { ok: true; user: SignInUser; tenantId: string; tenantSlug: string; locale: string; callbackUrl: string }
  | { ok: false; reason: OidcRefusal; locale: string; tenantSlug?: string };

/** The e-mail the provider vouches for, lower case, or why there is none to trust. */
export function emailFrom(
  claims: Record<string, unknown>,
  provider: Pick<ProviderConnection, "preset" | "domains">,
): { email: string } | { refused: OidcRefusal } {
  const preset = PRESETS[provider.preset];
  const raw = preset.emailClaims
    .map((c) => claims[c])
    .find((v): v is string => typeof v === "string" && v.includes("@"));
  if (!raw) return { refused: "noEmail" };
  if (preset.verifiedClaim && claims[preset.verifiedClaim] !== true) return { refused: "unverified" };
  const email = raw.trim().toLowerCase();
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (!provider.domains.includes(domain)) return { refused: "foreignDomain" };
  return { email };
}

/** The role the provider's claims map to, if any (a claim may hold one value or a list). */
export function roleFrom(
  claims: Record<string, unknown>,
  provider: Pick<ProviderConnection, "roleClaim" | "roleMap">,
): Role | null {
  if (!provider.roleClaim) return null;
  const value = claims[provider.roleClaim];
  const values = Array.isArray(value) ? value : [value];
  const roles = values
    .map((v) => (typeof v === "string" ? provider.roleMap[v] : undefined))
    .filter((r): r is (typeof GRANTABLE_ROLES)[number] => (GRANTABLE_ROLES as readonly string[]).includes(r ?? ""));
  return roles.includes("TENANT_ADMIN") ? "TENANT_ADMIN" : (roles[0] ?? null);
}

/**
 * Finishes the flow at the redirect URI. openid-client exchanges the code (with the PKCE verifier) and checks
 * the ID token: signature against the provider's keys, issuer, audience, expiry, and the nonce; the `state`
 * must match the cookie's. Then who gets in: the verified e-mail of one of the provider's domains, and only
 * what an invitation, an existing membership, the claim mapping or the domain rule gives, in this tenant only.
 */
export async function completeOidcSignIn(currentUrl: URL, cookie: string | undefined): Promise<OidcOutcome> {
  const flow = openExpiring<Flow>(cookie, FLOW_CONTEXT);
  if (!flow) return { ok: false, reason: "expired", locale: "nb" };
  const fail = async (reason: OidcRefusal, details: Record<string, string> = {}): Promise<OidcOutcome> => {
    await withTenant({ tenantId: flow.tenantId }, (tx) =>
      recordAudit(
        tx,
        { tenantId: flow.tenantId, userId: "" },
        {
          action: "auth.oidcRefused",
          entityType: "IdentityProvider",
          entityId: flow.tenantId,
          details: { reason, ...details },
        },
      ),
    ).catch((error) => console.error("[oidc] audit failed", error));
    return { ok: false, reason, locale: flow.locale, tenantSlug: flow.slug };
  };
  const found = await providerOf(flow.slug);
  if (!found || found.tenant.id !== flow.tenantId) return fail("failed", { problem: "provider not enabled" });
  let claims: Record<string, unknown>;
  try {
    const config = await discover(found.provider);
    const tokens = await oidc.authorizationCodeGrant(
      config,
      currentUrl,
      {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: redirectUri() },
    );
    claims = tokens.claims() ?? {};
    // Many providers put the e-mail only in the UserInfo response (OpenID Connect Core 5.4): ask there, for
    // the same subject as the checked ID token (openid-client refuses another).
    const preset = PRESETS[found.provider.preset];
    if (!preset.emailClaims.some((c) => typeof claims[c] === "string") && config.serverMetadata().userinfo_endpoint) {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      claims = { ...info, ...claims };
    }
  } catch (error) {
    const problem = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : "unknown";
    console.warn("[oidc] sign-in refused:", problem);
    return fail("failed", { problem });
  }
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  const vouched = emailFrom(claims, found.provider);
  const vouchedEmail = "email" in vouched ? vouched.email : null;
  // An invitation link the person followed to "accept with the municipality's sign-in": it must be this
  // tenant's, and its e-mail is theirs when the provider releases none (ID-porten).
  const invited = flow.invitation ? readInvitationToken(env().AUTH_SECRET, flow.invitation) : null;
  if (flow.invitation && invited?.tenantId !== flow.tenantId) return fail("invitation");

  const admitted = await withTenant(
    { tenantId: flow.tenantId },
    async (tx): Promise<{ refused: OidcRefusal } | { user: SignInUser }> => {
      const issuer = found.provider.issuer;
      const link = subject
        ? await tx.signInIdentity.findUnique({
            where: { tenantId_issuer_subject: { tenantId: flow.tenantId, issuer, subject } },
          })
        : null;
      let invitation: { id: string; email: string; role: Role; organisationId: string | null } | undefined;
      if (invited) {
        invitation = (await lockValidInvitation(tx, flow.tenantId, invited)) ?? undefined;
        if (!invitation) return { refused: "invitation" };
      }
      // Who this is: the account linked to this subject before; else the e-mail the provider vouches for; else,
      // from a provider without e-mail, the invitation's. Without any of them nobody is found.
      let user = link ? await tx.user.findUnique({ where: { id: link.userId } }) : null;
      let email = user?.email;
      if (!email) {
        if ("email" in vouched) email = vouched.email;
        else if (invitation && vouched.refused === "noEmail") email = invitation.email;
        else return { refused: vouched.refused === "noEmail" ? "notLinked" : vouched.refused };
        user = await tx.user.findUnique({ where: { email } });
      }
      if (invitation && invitation.email !== email) return { refused: "invitation" };
      const membership = user
        ? await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: flow.tenantId, userId: user.id } } })
        : null;
      if (!membership && !invitation && vouchedEmail) {
        [invitation] = await tx.$queryRaw<{ id: string; email: string; role: Role; organisationId: string | null }[]>`
        select id, email, role, "organisationId" from "Invitation"
        where "tenantId" = ${flow.tenantId} and email = ${email} and "acceptedAt" is null and "revokedAt" is null and "expiresAt" > now()
        order by "createdAt" desc limit 1 for update`;
      }
      // The claim and domain rules speak for a vouched e-mail of the provider's domains only.
      const claimRole = vouchedEmail ? roleFrom(claims, found.provider) : null;
      const role =
        membership?.role ??
        invitation?.role ??
        claimRole ??
        (vouchedEmail ? (found.provider.domainRole as Role | null) : null);
      if (!role) return { refused: "noAccess" };
      const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : email;
      user ??= await tx.user.create({ data: { email, name, passwordHash: null } });
      const ctx = { tenantId: flow.tenantId, userId: user.id };
      if (!membership) {
        await tx.membership.create({
          data: { tenantId: flow.tenantId, userId: user.id, role, organisationId: invitation?.organisationId ?? null },
        });
        if (invitation) {
          await tx.invitation.updateMany({
            where: { tenantId: flow.tenantId, id: invitation.id },
            data: { acceptedAt: new Date(), acceptedById: user.id },
          });
          await recordAudit(tx, ctx, {
            action: "member.joined",
            entityType: "Invitation",
            entityId: invitation.id,
            details: { role, via: "oidc" },
          });
        } else {
          await recordAudit(tx, ctx, {
            action: "member.joined",
            entityType: "Membership",
            entityId: user.id,
            details: { role, via: "oidc", rule: claimRole ? "claim" : "domain" },
          });
        }
      }
      // Remembered so that the provider finds the account again, also without an e-mail: only the issuer and
      // its subject identifier (never ID-porten's national identity number).
      if (subject) {
        await tx.signInIdentity.upsert({
          where: { tenantId_issuer_subject: { tenantId: flow.tenantId, issuer, subject } },
          create: { tenantId: flow.tenantId, issuer, subject, userId: user.id },
          update: { lastUsedAt: new Date() },
        });
      }
      await recordAudit(tx, ctx, {
        action: "auth.signedIn",
        entityType: "User",
        entityId: user.id,
        details: { method: "oidc" },
      });
      return {
        user: { id: user.id, email: user.email, name: user.name, passwordChangedAt: user.passwordChangedAt.getTime() },
      };
    },
  );
  if ("refused" in admitted) return fail(admitted.refused, vouchedEmail ? { email: vouchedEmail } : {});
  return {
    ok: true,
    user: admitted.user,
    tenantId: flow.tenantId,
    tenantSlug: flow.slug,
    locale: flow.locale,
    callbackUrl: flow.callbackUrl,
  };
}
