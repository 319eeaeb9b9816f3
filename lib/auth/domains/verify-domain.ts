import "server-only";
import { Prisma } from "../../db/generated/client.ts";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { challengeName, challengeValue, txtRecords } from "./dns.ts";

export type VerifyDomainOptions = { ctx: TenantContext; domain: string; dnsServers?: string };
export type DomainCheck = "verified" | "notFound" | "taken";

/**
 * Looks for the claim's TXT record and, when it is there, marks the domain proven. A domain another
 * municipality proved first stays theirs (the database's unique index over proven claims decides a race).
 */
export async function verifyDomain({ ctx, domain, dnsServers }: VerifyDomainOptions): Promise<DomainCheck> {
  assertCan(ctx, "settings.manage");
  const claim = await withTenant(ctx, (tx) =>
    tx.domainClaim.findUnique({ where: { tenantId_domain: { tenantId: ctx.tenantId, domain } } }),
  );
  if (!claim) throw new AppError("NOT_FOUND", "errors:notFound");
  if (claim.verifiedAt) return "verified";
  const records = await txtRecords(challengeName(domain), dnsServers);
  const found = records?.includes(challengeValue(claim.token)) ?? false;
  try {
    return await withTenant(ctx, async (tx) => {
      const now = new Date();
      await tx.domainClaim.updateMany({
        where: { tenantId: ctx.tenantId, domain },
        data: { checkedAt: now, ...(found ? { verifiedAt: now } : {}) },
      });
      if (found) {
        await recordAudit(tx, ctx, {
          action: "domain.verified",
          entityType: "DomainClaim",
          entityId: domain,
          details: { domain },
        });
      }
      return found ? "verified" : "notFound";
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "taken";
    throw error;
  }
}
