import "server-only";
import * as oidc from "openid-client";
import { PRESETS } from "../identity-providers/presets.ts";
import { discover } from "../identity-providers/connection.ts";
import { providerOf, redirectUri, sealFlow, type Flow } from "./flow.ts";

export type BeginOidcSignInOptions = {
  slug: string;
  callbackUrl: string;
  locale: string;
  invitation?: string;
  /** The signed-in account connecting this provider to itself, and the session it does so from. */
  link?: { userId: string; sessionId: string };
};

/**
 * Starts the authorization code flow with PKCE (S256), `state` and `nonce`: returns where to send the browser
 * and the sealed cookie that remembers the checks. Null when the tenant has no provider turned on.
 */
export async function beginOidcSignIn(input: BeginOidcSignInOptions): Promise<{ url: string; cookie: string } | null> {
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
    ...(input.link ? { link: input.link } : {}),
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(),
    scope: PRESETS[found.provider.preset].scope,
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
    // Connecting an account: the provider asks who this is, rather than reusing a session someone else left.
    ...(input.link ? { prompt: "login" } : {}),
  });
  return { url: url.href, cookie: sealFlow(flow) };
}
