import "server-only";
import { z } from "zod";
import { randomBytes } from "node:crypto";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { DomainClaimInput } from "../identity-providers/schemas.ts";
import { isPublicMailDomain } from "./public-mail.ts";

/** More than any municipality needs; a bound on what one administrator can make the server look up. */
export const MAX_DOMAIN_CLAIMS = 20;

export type ClaimDomainOptions = { ctx: TenantContext; data: DomainClaimInput };

/**
 * A municipality says an e-mail domain is its own: a claim with a fresh random token, to be proven by
 * publishing it in DNS (verifyDomain). Public mail domains (gmail.com, online.no, …) are refused, and so is a
 * domain another municipality has proven.
 */
export async function claimDomain({ ctx, data }: ClaimDomainOptions): Promise<{ domain: string; token: string }> {
  assertCan(ctx, "settings.manage");
  if (isPublicMailDomain(data.domain))
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { domain: "validation.publicMailDomain" });
  return withTenant(ctx, async (tx) => {
    const rows = await tx.$queryRaw<unknown[]>`
      select samspill_domain_taken(${data.domain}, ${ctx.tenantId}) as taken`;
    const [taken] = z.array(z.object({ taken: z.boolean().nullable() })).parse(rows);
    if (taken?.taken) throw new AppError("INVALID_INPUT", "errors:invalidInput", { domain: "validation.domainTaken" });
    const existing = await tx.domainClaim.findUnique({
      where: { tenantId_domain: { tenantId: ctx.tenantId, domain: data.domain } },
    });
    if (existing) return { domain: existing.domain, token: existing.token };
    if ((await tx.domainClaim.count({ where: { tenantId: ctx.tenantId } })) >= MAX_DOMAIN_CLAIMS)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { domain: "validation.tooMany" });
    const token = randomBytes(16).toString("hex");
    await tx.domainClaim.create({ data: { tenantId: ctx.tenantId, domain: data.domain, token } });
    await recordAudit(tx, ctx, {
      action: "domain.claimed",
      entityType: "DomainClaim",
      entityId: data.domain,
      details: { domain: data.domain },
    });
    return { domain: data.domain, token };
  });
}
