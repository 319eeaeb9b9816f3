import "server-only";
import { GRANTABLE_ROLES, PRESETS } from "../identity-providers/presets.ts";
import type { ProviderConnection } from "../identity-providers/connection.ts";
import type { Role } from "../../db/generated/enums.ts";

export type EmailRefusal = "noEmail" | "unverified";

/**
 * The e-mail the provider vouches for, lower case, or why there is none to trust: the preset's claim that
 * says the address is verified (`email_verified`, Entra ID's `xms_edov`) must be true. Even then the address
 * only finds a pending invitation or a proven domain's rule — never an existing account.
 */
export function emailFrom(
  claims: Record<string, unknown>,
  provider: Pick<ProviderConnection, "preset">,
): { email: string; domain: string } | { refused: EmailRefusal } {
  const preset = PRESETS[provider.preset];
  const raw = preset.emailClaims
    .map((c) => claims[c])
    .find((v): v is string => typeof v === "string" && v.includes("@"));
  if (!raw) return { refused: "noEmail" };
  if (claims[preset.verifiedClaim] !== true) return { refused: "unverified" };
  const email = raw.trim().toLowerCase();
  return { email, domain: email.slice(email.lastIndexOf("@") + 1) };
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
