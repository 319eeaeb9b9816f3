/**
 * A real OpenID provider for the test suite: the certified `oidc-provider` package on localhost, with keys it
 * makes at start and no network. Its own login page (devInteractions) takes any password: the login typed is
 * the account, and its e-mail. An account whose login starts with "unverified" has an unverified e-mail.
 */
import { generateKeyPair, exportJWK } from "jose";
import Provider from "oidc-provider";
import type { Server } from "node:http";

export type TestIdentityProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
};

export async function startTestIdentityProvider(options: {
  port: number;
  redirectUris: string[];
  clientSecret?: string;
}): Promise<TestIdentityProvider> {
  const issuer = `http://localhost:${options.port}`;
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `test-${Date.now().toString(36)}`, alg: "RS256", use: "sig" };
  const clientId = "samspill-test";
  const clientSecret = options.clientSecret ?? `test-secret-${crypto.randomUUID()}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [crypto.randomUUID()] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx, id) {
      const login = String(id).trim().toLowerCase();
      return {
        accountId: login,
        claims() {
          const local = login.split("@")[0] ?? login;
          return {
            sub: login,
            email: login,
            email_verified: !login.startsWith("unverified"),
            name: local.replace(/[._+]/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()),
          };
        },
      };
    },
  });
  // Quiet: the provider logs every interaction otherwise.
  provider.on("server_error", (_ctx, error) => console.error("[test-idp] server error", error));
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(options.port, () => resolve(s));
  });
  return { issuer, clientId, clientSecret, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
