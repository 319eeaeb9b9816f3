import "server-only";
/**
 * The scopes and claims each kind of provider needs. `emailClaims`: where the e-mail is, in order;
 * `verifiedClaim`: the claim that must be true before the e-mail is trusted for anything — matching a pending
 * invitation, or a proven domain's rules. Entra ID's `email` is whatever the directory says (nOAuth); its
 * optional claim `xms_edov` (e-mail domain owner verified) is the one that says the domain is the tenant's own.
 */
export const PRESETS = {
  ENTRA_ID: {
    scope: "openid profile email",
    emailClaims: ["email"],
    verifiedClaim: "xms_edov",
    issuerExample: "https://login.microsoftonline.com/<tenant-id>/v2.0",
  },
  // ID-porten itself releases no e-mail (only the national identity number); through a broker that adds it.
  ID_PORTEN: {
    scope: "openid profile",
    emailClaims: ["email"],
    verifiedClaim: "email_verified",
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
export const presetOf = (value: string): Preset => (value in PRESETS ? (value as Preset) : "GENERIC");
/** Roles a provider can hand out: a partner viewer belongs to an organisation, so only an invitation makes one. */
export const GRANTABLE_ROLES = ["TENANT_ADMIN", "COORDINATOR"] as const;
