import "server-only";
import * as oidc from "openid-client";
import { open } from "../secret-box.ts";
import { presetOf, type Preset } from "./presets.ts";
import { assertPublicIssuer } from "./issuer.ts";

/** A provider's stored settings with the secret opened, for discovery and sign-in. */
export type ProviderConnection = {
  tenantId: string;
  preset: Preset;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domainRole: string | null;
  roleClaim: string | null;
  roleMap: Record<string, string>;
  enabled: boolean;
};

export function connectionOf(p: {
  tenantId: string;
  preset: string;
  issuer: string;
  clientId: string;
  clientSecretEnc: string;
  domainRole: string | null;
  roleClaim: string | null;
  roleMap: unknown;
  enabled: boolean;
}): ProviderConnection {
  return {
    tenantId: p.tenantId,
    preset: presetOf(p.preset),
    issuer: p.issuer,
    clientId: p.clientId,
    clientSecret: open(p.clientSecretEnc, p.tenantId),
    domainRole: p.domainRole,
    roleClaim: p.roleClaim,
    roleMap: (p.roleMap ?? {}) as Record<string, string>,
    enabled: p.enabled,
  };
}

const DISCOVERY_TIMEOUT_SECONDS = 10;
const discoveries = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/**
 * The provider's configuration from its discovery document (`/.well-known/openid-configuration`), kept for
 * ten minutes per process. openid-client checks that the document names the issuer it was fetched for. The
 * issuer's name must resolve to public addresses only (lib/auth/identity-providers/issuer.ts).
 */
export function discover(
  p: Pick<ProviderConnection, "issuer" | "clientId" | "clientSecret">,
  fresh = false,
): Promise<oidc.Configuration> {
  const key = JSON.stringify([p.issuer, p.clientId, p.clientSecret]);
  const cached = discoveries.get(key);
  if (!fresh && cached && Date.now() - cached.at < 10 * 60_000) return cached.config;
  const insecure = new URL(p.issuer).protocol === "http:"; // loopback only, where allowed (isAllowedIssuer)
  const config = assertPublicIssuer(p.issuer).then(() =>
    oidc.discovery(new URL(p.issuer), p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      // The ID token's signature is checked against the provider's published keys even though it comes straight
      // from the token endpoint (openid-client would otherwise rely on TLS alone, as OpenID Connect Core allows).
      execute: insecure
        ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests]
        : [oidc.enableNonRepudiationChecks],
    }),
  );
  discoveries.set(key, { at: Date.now(), config });
  config.catch(() => discoveries.delete(key));
  return config;
}
