import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { computeResultsSnapshot } from "./results-snapshot.ts";
import { findTenantModel, type ClientOption } from "./tenant-model.ts";

/**
 * The tenant's model exactly as publishing it now would show it: the saved text with results computed now,
 * suppressed as in the library. Nothing is stored. Null when the tenant has no model yet.
 */
export async function previewTenantModel(
  ctx: TenantContext,
  options: ClientOption & { threshold?: number; today?: Date } = {},
) {
  assertCan(ctx, "tenant.view");
  return withTenant(
    ctx,
    async (tx) => {
      const model = await findTenantModel(tx, ctx.tenantId);
      if (!model) return null;
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: ctx.tenantId },
        select: { name: true, country: true },
      });
      const results = await computeResultsSnapshot(tx, ctx.tenantId);
      return {
        model: { ...model, content: { ...model.content, country: tenant.country, results } },
        tenantName: tenant.name,
      };
    },
    { client: options.client, timeoutMs: 60_000 },
  );
}
