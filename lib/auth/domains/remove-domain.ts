import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";

/** Gives up a domain: its rules stop at once (accounts made through it stay, as do their links). */
export async function removeDomain({ ctx, domain }: { ctx: TenantContext; domain: string }): Promise<void> {
  assertCan(ctx, "settings.manage");
  await withTenant(ctx, async (tx) => {
    const { count } = await tx.domainClaim.deleteMany({ where: { tenantId: ctx.tenantId, domain } });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, {
      action: "domain.removed",
      entityType: "DomainClaim",
      entityId: domain,
      details: { domain },
    });
  });
}
