import "server-only";
import { z } from "zod";
import { checkbox, optionalText, requiredEnum, requiredText } from "../../validation.ts";
import { GRANTABLE_ROLES, PRESET_NAMES } from "./presets.ts";
import { isAllowedIssuer } from "./issuer.ts";

/** A DNS name of at least two labels, lower case (what a domain claim holds). */
export const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const identityProviderSchema = z.object({
  preset: requiredEnum(PRESET_NAMES),
  issuer: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().replace(/\/+$/, "") : v),
    requiredText(300).refine(isAllowedIssuer, "validation.issuer"),
  ),
  clientId: requiredText(200),
  /** Blank keeps the stored secret. */
  clientSecret: optionalText(500),
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
export type ProviderSwitchInput = z.infer<typeof providerSwitchSchema>;

export const totpRequirementSchema = z.object({ requireTotpForAdmins: checkbox });
export type TotpRequirementInput = z.infer<typeof totpRequirementSchema>;

/** An e-mail domain to claim: `@kommune.no`, `kommune.no` or `someone@kommune.no` all mean kommune.no. */
export const domainClaimSchema = z.object({
  domain: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase().replace(/^.*@/, "").replace(/\.$/, "") : v),
    z.string({ error: "validation.required" }).min(1, "validation.required").regex(DOMAIN, "validation.domain"),
  ),
});
export type DomainClaimInput = z.infer<typeof domainClaimSchema>;
