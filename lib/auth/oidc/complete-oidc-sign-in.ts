import "server-only";
import * as oidc from "openid-client";
import { z } from "zod";
import { withTenant, type Tx } from "../../db/tenant.ts";
import { env } from "../../env.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { PRESETS } from "../identity-providers/presets.ts";
import { discover, type ProviderConnection } from "../identity-providers/connection.ts";
import { summariseIssuerError } from "../identity-providers/issuer.ts";
import { readInvitationToken } from "../../members/invitation-token.ts";
import { lockValidInvitation } from "../../members/accept-invitation.ts";
import type { SignInUser } from "../credentials.ts";
import { Role } from "../../db/generated/enums.ts";
import { emailFrom, roleFrom } from "./claims.ts";
import { openFlow, providerOf, redirectUri } from "./flow.ts";

export type OidcRefusal =
  | "expired"
  | "failed"
  | "noEmail"
  | "unverified"
  | "noAccess"
  | "notLinked"
  | "invitation"
  /** An account with this e-mail exists and this provider was never connected to it by its holder. */
  | "accountExists"
  /** The platform operator never signs in through a municipality's provider. */
  | "operator"
  /** Connecting the provider needs the same signed-in session that asked for it. */
  | "linkSession"
  /** This person at the provider is already connected to another account. */
  | "subjectTaken";

export type OidcOutcome =
  | {
      ok: true;
      user: SignInUser;
      tenantId: string;
      tenantSlug: string;
      locale: string;
      callbackUrl: string;
      /** The provider was connected to an account whose holder was signed in (not a sign-in of its own). */
      linked: boolean;
    }
  | { ok: false; reason: OidcRefusal; locale: string; tenantSlug?: string };

const invitationRow = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(Role),
  organisationId: z.string().nullable(),
});
type Invitation = z.infer<typeof invitationRow>;
type Admitted = { refused: OidcRefusal; details?: Record<string, string> } | { user: SignInUser; linked: boolean };

const signInUser = (u: { id: string; email: string; name: string; passwordChangedAt: Date }): SignInUser => ({
  id: u.id,
  email: u.email,
  name: u.name,
  passwordChangedAt: u.passwordChangedAt.getTime(),
});

async function acceptInto(tx: Tx, tenantId: string, userId: string, invitation: Invitation) {
  await tx.membership.create({
    data: { tenantId, userId, role: invitation.role, organisationId: invitation.organisationId },
  });
  await tx.invitation.updateMany({
    where: { tenantId, id: invitation.id },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  await recordAudit(
    tx,
    { tenantId, userId },
    {
      action: "member.joined",
      entityType: "Invitation",
      entityId: invitation.id,
      details: { role: invitation.role, via: "oidc" },
    },
  );
}

/**
 * Who the provider's person is, by the rule that an account belongs to its holder:
 * - a person already connected (`SignInIdentity`: this tenant, issuer and subject) is that account — an
 *   account the provider created itself, or one whose holder connected it while signed in;
 * - a signed-in holder connecting the provider (`link`) gets it connected to their own account;
 * - anyone else only ever gets a **new** account, which this provider then owns: through an invitation link
 *   (its e-mail is the account's), a pending invitation for the verified e-mail, or the proven domain's rules.
 * An existing account is never attached and no membership created on a claimed e-mail alone, and the platform
 * operator is never reachable this way.
 */
async function admit(
  tx: Tx,
  input: {
    tenantId: string;
    provider: ProviderConnection;
    claims: Record<string, unknown>;
    subject: string;
    invited: { invitationId: string; secret: string; tenantId: string } | null;
    link?: { userId: string };
  },
): Promise<Admitted> {
  const { tenantId, provider, claims, subject } = input;
  const issuer = provider.issuer;
  const linked = await tx.signInIdentity.findUnique({
    where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
  });
  let invitation: Invitation | undefined;
  if (input.invited) {
    invitation = (await lockValidInvitation(tx, tenantId, input.invited)) ?? undefined;
    if (!invitation) return { refused: "invitation" };
  }

  // A signed-in holder connects the provider to their account.
  if (input.link) {
    if (linked && linked.userId !== input.link.userId) return { refused: "subjectTaken" };
    const user = await tx.user.findUnique({ where: { id: input.link.userId } });
    if (!user) return { refused: "linkSession" };
    if (user.platformAdmin) return { refused: "operator" };
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: user.id } } });
    if (!membership) {
      if (!invitation || invitation.email !== user.email) return { refused: "noAccess" };
      await acceptInto(tx, tenantId, user.id, invitation);
    }
    if (!linked) {
      await tx.signInIdentity.create({ data: { tenantId, issuer, subject, userId: user.id } });
      await recordAudit(
        tx,
        { tenantId, userId: user.id },
        { action: "auth.identityLinked", entityType: "User", entityId: user.id, details: { issuer } },
      );
    }
    return { user: signInUser(user), linked: true };
  }

  // A person connected before: that account, whatever e-mail the provider claims today.
  if (linked) {
    const user = await tx.user.findUnique({ where: { id: linked.userId } });
    if (!user) return { refused: "notLinked" };
    if (user.platformAdmin) return { refused: "operator" };
    const membership = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: user.id } } });
    if (!membership) {
      if (!invitation || invitation.email !== user.email) return { refused: "noAccess" };
      await acceptInto(tx, tenantId, user.id, invitation);
    }
    await tx.signInIdentity.update({
      where: { tenantId_issuer_subject: { tenantId, issuer, subject } },
      data: { lastUsedAt: new Date() },
    });
    return { user: signInUser(user), linked: false };
  }

  // Nobody connected: a new account at most. Its e-mail is the invitation's (the link was sent there; ID-porten
  // releases no e-mail), else the one the provider verified.
  const vouched = emailFrom(claims, provider);
  const vouchedEmail = "email" in vouched ? vouched : null;
  // A provider that vouches for an address must vouch for the invited one.
  if (invitation && vouchedEmail && vouchedEmail.email !== invitation.email) return { refused: "invitation" };
  const email = invitation?.email ?? vouchedEmail?.email;
  if (!email) return { refused: "refused" in vouched && vouched.refused === "noEmail" ? "notLinked" : "unverified" };
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true, platformAdmin: true } });
  if (existing) return { refused: existing.platformAdmin ? "operator" : "accountExists" };
  if (!invitation && vouchedEmail) {
    const rows = await tx.$queryRaw<unknown[]>`
      select id, email, role, "organisationId" from "Invitation"
      where "tenantId" = ${tenantId} and email = ${email} and "acceptedAt" is null and "revokedAt" is null
        and "expiresAt" > now()
      order by "createdAt" desc limit 1 for update`;
    [invitation] = z.array(invitationRow).parse(rows);
  }
  // The claim and domain rules speak only for a verified e-mail of a domain this municipality has proven.
  const domainProven =
    vouchedEmail !== null &&
    (await tx.domainClaim.count({ where: { tenantId, domain: vouchedEmail.domain, verifiedAt: { not: null } } })) > 0;
  const claimRole = domainProven ? roleFrom(claims, provider) : null;
  const role = invitation?.role ?? claimRole ?? (domainProven ? (provider.domainRole as Role | null) : null);
  if (!role) return { refused: "noAccess" };
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 120) : email;
  const user = await tx.user.create({ data: { email, name, passwordHash: null } });
  if (invitation) await acceptInto(tx, tenantId, user.id, invitation);
  else {
    await tx.membership.create({ data: { tenantId, userId: user.id, role, organisationId: null } });
    await recordAudit(
      tx,
      { tenantId, userId: user.id },
      {
        action: "member.joined",
        entityType: "Membership",
        entityId: user.id,
        details: { role, via: "oidc", rule: claimRole ? "claim" : "domain" },
      },
    );
  }
  // Remembered so that the provider finds the account again, also without an e-mail: only the issuer and
  // its subject identifier (never ID-porten's national identity number).
  await tx.signInIdentity.create({ data: { tenantId, issuer, subject, userId: user.id } });
  return { user: signInUser(user), linked: false };
}

/**
 * Finishes the flow at the redirect URI. openid-client exchanges the code (with the PKCE verifier) and checks
 * the ID token: signature against the provider's keys, issuer, audience, expiry, and the nonce; the `state`
 * must match the cookie's. Then who it is (admit, above), in this tenant only. `currentSession`: who is signed
 * in in this browser now, which a connection (`link`) must still be.
 */
export async function completeOidcSignIn(
  currentUrl: URL,
  cookie: string | undefined,
  currentSession: { userId: string; sessionId: string } | null = null,
): Promise<OidcOutcome> {
  const flow = openFlow(cookie);
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
    ).catch((error: unknown) => console.error("[oidc] audit failed", error instanceof Error ? error.name : "unknown"));
    return { ok: false, reason, locale: flow.locale, tenantSlug: flow.slug };
  };
  const found = await providerOf(flow.slug);
  if (!found || found.tenant.id !== flow.tenantId) return fail("failed", { problem: "provider not enabled" });
  if (flow.link && (currentSession?.userId !== flow.link.userId || currentSession.sessionId !== flow.link.sessionId)) {
    return fail("linkSession");
  }
  let claims: Record<string, unknown>;
  try {
    const config = await discover(found.provider);
    const tokens = await oidc.authorizationCodeGrant(
      config,
      currentUrl,
      { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true },
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
    // Summarised: the raw error can carry what the provider (or the network) answered.
    const problem = summariseIssuerError(error);
    console.warn("[oidc] sign-in refused:", problem, error instanceof Error ? error.name : "");
    return fail("failed", { problem });
  }
  const subject = typeof claims.sub === "string" ? claims.sub : "";
  if (!subject) return fail("failed", { problem: "no subject" });
  // An invitation link the person followed to "accept with the municipality's sign-in": it must be this tenant's.
  const invited = flow.invitation ? readInvitationToken(env().AUTH_SECRET, flow.invitation) : null;
  if (flow.invitation && invited?.tenantId !== flow.tenantId) return fail("invitation");

  const admitted = await withTenant({ tenantId: flow.tenantId }, async (tx): Promise<Admitted> => {
    const result = await admit(tx, {
      tenantId: flow.tenantId,
      provider: found.provider,
      claims,
      subject,
      invited,
      ...(flow.link ? { link: { userId: flow.link.userId } } : {}),
    });
    if ("user" in result) {
      await recordAudit(
        tx,
        { tenantId: flow.tenantId, userId: result.user.id },
        {
          action: "auth.signedIn",
          entityType: "User",
          entityId: result.user.id,
          details: { method: "oidc" },
        },
      );
    }
    return result;
  });
  if ("refused" in admitted) {
    const claimed = typeof claims.email === "string" ? claims.email.slice(0, 254) : "";
    return fail(admitted.refused, claimed ? { claimedEmail: claimed } : {});
  }
  return {
    ok: true,
    user: admitted.user,
    linked: admitted.linked,
    tenantId: flow.tenantId,
    tenantSlug: flow.slug,
    locale: flow.locale,
    callbackUrl: flow.callbackUrl,
  };
}

/** Whether an account has a connection to this tenant's provider (the account page lists them). */
export async function hasProviderLink(tenantId: string, userId: string): Promise<boolean> {
  return withTenant({ tenantId }, async (tx) => (await tx.signInIdentity.count({ where: { tenantId, userId } })) > 0);
}

/** The user's connections to municipalities' providers, across tenants (the account page). */
export async function listProviderLinks(userId: string, tenantIds: string[]) {
  const links: { tenantId: string; createdAt: Date; lastUsedAt: Date }[] = [];
  for (const tenantId of tenantIds) {
    const rows = await withTenant({ tenantId }, (tx) =>
      tx.signInIdentity.findMany({
        where: { tenantId, userId },
        select: { tenantId: true, createdAt: true, lastUsedAt: true },
      }),
    );
    links.push(...rows);
  }
  return links;
}
