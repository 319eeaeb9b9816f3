import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { computeResultsSnapshot } from "./results-snapshot.ts";
import { modelContentSchema } from "./schemas.ts";
import { findTenantModel, lockTenantModel, type ClientOption } from "./tenant-model.ts";

export type PublishModelOptions = ClientOption & {
  ctx: TenantContext;
  /** The disclosure threshold; by default the tenant's (its setting, else SUPPRESSION_THRESHOLD). */
  threshold?: number;
  today?: Date;
};

/**
 * Publishes the tenant's model at /{locale}/models/{slug}, with the results of the tenant's latest published
 * release (lib/releases): the model states what partners already see. Publishing again refreshes them.
 */
export async function publishModel(options: PublishModelOptions) {
  const { ctx, client } = options;
  assertCan(ctx, "settings.manage");
  const now = options.today ?? new Date();
  return withTenant(
    ctx,
    async (tx) => {
      await lockTenantModel(tx, ctx.tenantId);
      const model = await findTenantModel(tx, ctx.tenantId);
      if (!model) throw new AppError("NOT_FOUND", "models:errors.noModel");
      const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { country: true } });
      const results = await computeResultsSnapshot(tx, ctx.tenantId);
      const content = modelContentSchema.parse({ ...model.content, country: tenant.country, results });
      await tx.collaborationModel.updateMany({
        where: { tenantId: ctx.tenantId, id: model.id },
        data: { status: "PUBLISHED", publishedAt: now, content },
      });
      await recordAudit(tx, ctx, {
        action: model.status === "PUBLISHED" ? "model.republished" : "model.published",
        entityType: "CollaborationModel",
        entityId: model.id,
        details: { slug: model.slug },
      });
      return (await findTenantModel(tx, ctx.tenantId))!;
    },
    { client, timeoutMs: 60_000 },
  );
}

/** Takes the model out of the public library; it stays as the tenant's draft. */
export async function unpublishModel(options: ClientOption & { ctx: TenantContext }) {
  const { ctx, client } = options;
  assertCan(ctx, "settings.manage");
  return withTenant(
    ctx,
    async (tx) => {
      await lockTenantModel(tx, ctx.tenantId);
      const model = await findTenantModel(tx, ctx.tenantId);
      if (!model) throw new AppError("NOT_FOUND", "models:errors.noModel");
      if (model.status !== "PUBLISHED") return model;
      await tx.collaborationModel.updateMany({
        where: { tenantId: ctx.tenantId, id: model.id },
        data: { status: "DRAFT", publishedAt: null },
      });
      await recordAudit(tx, ctx, {
        action: "model.unpublished",
        entityType: "CollaborationModel",
        entityId: model.id,
        details: { slug: model.slug },
      });
      return (await findTenantModel(tx, ctx.tenantId))!;
    },
    { client },
  );
}
