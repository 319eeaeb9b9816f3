import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { challengeName, challengeValue } from "./dns.ts";

/** The municipality's domain claims with what to publish for each (the settings page). */
export async function listDomainClaims(ctx: TenantContext) {
  assertCan(ctx, "settings.manage");
  const claims = await withTenant(ctx, (tx) =>
    tx.domainClaim.findMany({ where: { tenantId: ctx.tenantId }, orderBy: { domain: "asc" } }),
  );
  return claims.map((c) => ({
    domain: c.domain,
    verifiedAt: c.verifiedAt,
    checkedAt: c.checkedAt,
    recordName: challengeName(c.domain),
    recordValue: challengeValue(c.token),
  }));
}
