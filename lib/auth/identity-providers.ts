import * as oidc from "openid-client";
import { z } from "zod";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "./permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { checkbox, optionalText, requiredEnum, requiredText } from "../validation.ts";
import { open, seal } from "./secret-box.ts";

/**
 * The scopes and claims each kind of provider needs. `emailClaims`: where the e-mail is, in order;
 * `verifiedClaim`: the claim that must be true for the e-mail to be trusted (Entra ID has none: a work account's
 * e-mail is issued by the organisation itself, which is what `domains` vouches for).
 */
export const PRESETS = {
  ENTRA_ID: {
    scope: "openid profile email",
    emailClaims: ["email", "preferred_username", "upn"],
    verifiedClaim: null,
    issuerExample: "https://login.microsoftonline.com/<tenant-id>/v2.0",
  },
  // ID-porten itself releases no e-mail (only the national identity number); through a broker that adds it.
  ID_PORTEN: {
    scope: "openid profile",
    emailClaims: ["email"],
    verifiedClaim: null,
    issuerExample: "https://idporten.no",
  },
  FREJA: {
    scope: "openid profile email",
    emailClaims: ["email"],
    verifiedClaim: "email_verified",
    issuerExample: "https://oidc.prod.frejaeid.com/oidc",
  },
  GENERIC: {
    scope: "openid profile email",
    emailClaims: ["email"],
    verifiedClaim: "email_verified",
    issuerExample: "https://login.example.kommune.no",
  },
} as const;
export type Preset = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as [Preset, ...Preset[]];
/** A stored preset name, read back ("GENERIC" for one this version does not know). */
const presetOf = (value: string): Preset => (value in PRESETS ? (value as Preset) : "GENERIC");
/** Roles a provider can hand out: a partner viewer belongs to an organisation, so only an invitation makes one. */
export const GRANTABLE_ROLES = ["TENANT_ADMIN", "COORDINATOR"] as const;

/** HTTPS, except on this machine (the test suite's provider, a developer's). */
export function isAllowedIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return false;
    return (
      url.protocol === "https:" ||
      (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
    );
  } catch {
    return false;
  }
}

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const identityProviderSchema = z.object({
  preset: requiredEnum(PRESET_NAMES),
  issuer: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(/\/+$/, "") : v),
    requiredText(300).refine(isAllowedIssuer, "validation.issuer"),
  ),
  clientId: requiredText(200),
  /** Blank keeps the stored secret. */
  clientSecret: optionalText(500),
  domains: z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(/[\s,;]+/)
            .map((d) => d.trim().toLowerCase().replace(/^@/, ""))
            .filter(Boolean)
        : v,
    z
      .array(z.string().regex(DOMAIN, "validation.domains"), { error: "validation.domains" })
      .min(1, "validation.required")
      .max(20, "validation.tooMany"),
  ),
  domainRole: z.preprocess(
    (v) => (v === "" ? null : v),
    z.enum(GRANTABLE_ROLES, { error: "validation.choose" }).nullable(),
  ),
  roleClaim: optionalText(100),
  /** One mapping per line: `claim value = ROLE`. */
  roleMap: z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .max(4000, "validation.tooLong")
      .transform((text, ctx) => {
        const map: Record<string, (typeof GRANTABLE_ROLES)[number]> = {};
        for (const line of text
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)) {
          const [value, role] = line.split("=").map((p) => p.trim());
          if (!value || !(GRANTABLE_ROLES as readonly string[]).includes(role ?? "")) {
            ctx.addIssue({ code: "custom", message: "validation.roleMap" });
            return z.NEVER;
          }
          map[value] = role as (typeof GRANTABLE_ROLES)[number];
        }
        return map;
      }),
  ),
});
export type IdentityProviderInput = z.infer<typeof identityProviderSchema>;

export const providerSwitchSchema = z.object({ enabled: checkbox, requireOidc: checkbox });

/** What the settings page shows: never the secret, only whether one is stored. */
export type ProviderSettings = {
  preset: Preset;
  issuer: string;
  clientId: string;
  secretStored: boolean;
  domains: string[];
  domainRole: string | null;
  roleClaim: string | null;
  roleMap: Record<string, string>;
  enabled: boolean;
  testedAt: Date | null;
  requireOidc: boolean;
};

export async function getProviderSettings(ctx: TenantContext): Promise<ProviderSettings | null> {
  assertCan(ctx, "settings.manage");
  return withTenant(ctx, async (tx) => {
    const p = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!p) return null;
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { requireOidc: true } });
    return {
      preset: presetOf(p.preset),
      issuer: p.issuer,
      clientId: p.clientId,
      secretStored: Boolean(p.clientSecretEnc),
      domains: p.domains,
      domainRole: p.domainRole,
      roleClaim: p.roleClaim,
      roleMap: (p.roleMap ?? {}) as Record<string, string>,
      enabled: p.enabled,
      testedAt: p.testedAt,
      requireOidc: tenant.requireOidc,
    };
  });
}

/**
 * Saves the provider. A change of issuer, client or secret turns sign-in through it off until it is tested
 * again: a provider is never live with settings nobody has tried.
 */
export async function saveProvider(ctx: TenantContext, input: IdentityProviderInput): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const existing = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!existing && !input.clientSecret)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { clientSecret: "validation.required" });
    const clientSecretEnc = input.clientSecret ? seal(input.clientSecret, ctx.tenantId) : existing!.clientSecretEnc;
    const connectionChanged =
      !existing ||
      existing.issuer !== input.issuer ||
      existing.clientId !== input.clientId ||
      Boolean(input.clientSecret);
    const data = {
      preset: input.preset,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEnc,
      domains: input.domains,
      domainRole: input.domainRole,
      roleClaim: input.roleClaim ?? null,
      roleMap: input.roleMap,
      ...(connectionChanged ? { enabled: false, testedAt: null } : {}),
    };
    await tx.identityProvider.upsert({
      where: { tenantId: ctx.tenantId },
      create: { tenantId: ctx.tenantId, ...data },
      update: data,
    });
    if (connectionChanged && existing?.enabled)
      await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireOidc: false } });
    await recordAudit(tx, ctx, {
      action: "identityProvider.saved",
      entityType: "IdentityProvider",
      entityId: ctx.tenantId,
      details: {
        preset: input.preset,
        issuer: input.issuer,
        clientId: input.clientId,
        domains: input.domains,
        secretChanged: Boolean(input.clientSecret),
        disabled: connectionChanged && Boolean(existing?.enabled),
      },
    });
  });
}

/** A provider's stored settings with the secret opened, for discovery and sign-in. */
export type ProviderConnection = {
  tenantId: string;
  preset: Preset;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string[];
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
  domains: string[];
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
    domains: p.domains,
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
 * ten minutes per process. openid-client checks that the document names the issuer it was fetched for.
 */
export function discover(
  p: Pick<ProviderConnection, "issuer" | "clientId" | "clientSecret">,
  fresh = false,
): Promise<oidc.Configuration> {
  const key = JSON.stringify([p.issuer, p.clientId, p.clientSecret]);
  const cached = discoveries.get(key);
  if (!fresh && cached && Date.now() - cached.at < 10 * 60_000) return cached.config;
  const insecure = new URL(p.issuer).protocol === "http:"; // loopback only (isAllowedIssuer)
  const config = oidc.discovery(new URL(p.issuer), p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), {
    timeout: DISCOVERY_TIMEOUT_SECONDS,
    // The ID token's signature is checked against the provider's published keys even though it comes straight
    // from the token endpoint (openid-client would otherwise rely on TLS alone, as OpenID Connect Core allows).
    execute: insecure
      ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests]
      : [oidc.enableNonRepudiationChecks],
  });
  discoveries.set(key, { at: Date.now(), config });
  config.catch(() => discoveries.delete(key));
  return config;
}

export type ProviderTest =
  { ok: true; authorizationEndpoint: string; supportsPkce: boolean } | { ok: false; problem: string };

/**
 * Tries the saved settings: the discovery document is fetched and checked (issuer, endpoints, keys, the
 * authorization code flow and PKCE S256). Success is remembered and audited; only a tested provider can be
 * turned on.
 */
export async function testProvider(ctx: TenantContext): Promise<ProviderTest> {
  assertCan(ctx, "settings.manage");
  const row = await withTenant(ctx, (tx) => tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } }));
  if (!row) throw new AppError("NOT_FOUND", "errors:notFound");
  let result: ProviderTest;
  try {
    const meta = (await discover(connectionOf(row), true)).serverMetadata();
    const methods = meta.code_challenge_methods_supported;
    const problems = [
      !meta.authorization_endpoint && "authorization_endpoint",
      !meta.token_endpoint && "token_endpoint",
      !meta.jwks_uri && "jwks_uri",
      meta.response_types_supported &&
        !meta.response_types_supported.includes("code") &&
        "response_types_supported: code",
      methods && !methods.includes("S256") && "code_challenge_methods_supported: S256",
    ].filter(Boolean);
    result = problems.length
      ? { ok: false, problem: `missing: ${problems.join(", ")}` }
      : {
          ok: true,
          authorizationEndpoint: meta.authorization_endpoint!,
          supportsPkce: Boolean(methods?.includes("S256")),
        };
  } catch (error) {
    result = { ok: false, problem: error instanceof Error ? error.message.slice(0, 300) : "unknown error" };
  }
  // A failed test changes nothing (the administrator sees why); a passed one is remembered and audited.
  if (result.ok) {
    await withTenant(ctx, async (tx) => {
      await tx.identityProvider.update({ where: { tenantId: ctx.tenantId }, data: { testedAt: new Date() } });
      await recordAudit(tx, ctx, {
        action: "identityProvider.tested",
        entityType: "IdentityProvider",
        entityId: ctx.tenantId,
        details: { issuer: row.issuer },
      });
    });
  }
  return result;
}

/**
 * Turns sign-in through the provider on or off, and whether staff must use it. Only a tested provider goes on,
 * and only an administrator signed in through it (`via`, lib/auth/start-session.ts) can require it: nobody
 * locks the municipality out with a provider that does not let them in.
 */
export async function switchProvider(
  ctx: TenantContext,
  input: z.infer<typeof providerSwitchSchema>,
  via: string,
): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const row = await tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } });
    if (!row) throw new AppError("NOT_FOUND", "errors:notFound");
    if (input.enabled && !row.testedAt) throw new AppError("INVALID_INPUT", "settings:oidc.testFirst");
    const requireOidc = input.enabled && input.requireOidc;
    if (requireOidc && via !== `oidc:${ctx.tenantId}`) throw new AppError("INVALID_INPUT", "settings:oidc.signInFirst");
    await tx.identityProvider.update({ where: { tenantId: ctx.tenantId }, data: { enabled: input.enabled } });
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireOidc } });
    await recordAudit(tx, ctx, {
      action: input.enabled ? "identityProvider.enabled" : "identityProvider.disabled",
      entityType: "IdentityProvider",
      entityId: ctx.tenantId,
      details: { requireOidc },
    });
  });
}

export const totpRequirementSchema = z.object({ requireTotpForAdmins: checkbox });

/** Whether administrators who sign in with a password must use a second factor (lib/auth/totp.ts). */
export async function setTotpRequirement(
  ctx: TenantContext,
  input: z.infer<typeof totpRequirementSchema>,
): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    await tx.tenant.update({ where: { id: ctx.tenantId }, data: { requireTotpForAdmins: input.requireTotpForAdmins } });
    await recordAudit(tx, ctx, {
      action: "tenant.totpRequirement",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      details: { required: input.requireTotpForAdmins },
    });
  });
}

export async function getTotpRequirement(ctx: TenantContext): Promise<boolean> {
  assertCan(ctx, "settings.manage");
  return withTenant(
    ctx,
    async (tx) =>
      (await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { requireTotpForAdmins: true } }))
        .requireTotpForAdmins,
  );
}
