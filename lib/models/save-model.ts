import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import {
  modelContentSchema,
  modelFieldErrors,
  modelInputSchema,
  type ModelContent,
  type ModelInput,
} from "./schemas.ts";
import { findTenantModel, insertModel, lockTenantModel, slugConflict, type ClientOption } from "./tenant-model.ts";

export type SaveModelOptions = ClientOption & { ctx: TenantContext; data: ModelInput };

/**
 * Writes the tenant's model text: creates the draft on first save, else updates it. Country and language
 * come from the tenant; published results are left as they are (they change only when publishing). A
 * published model stays published, so a correction reaches readers at once.
 */
export async function saveModel(options: SaveModelOptions) {
  const { ctx, client } = options;
  assertCan(ctx, "settings.manage");
  // The allow-list again, for callers that did not come through the form.
  const parsed = modelInputSchema.safeParse(options.data);
  if (!parsed.success) throw new AppError("INVALID_INPUT", "errors:invalidInput", modelFieldErrors(parsed.error));
  const data = parsed.data;
  return withTenant(
    ctx,
    async (tx) => {
      await lockTenantModel(tx, ctx.tenantId);
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: ctx.tenantId },
        select: { country: true, defaultLocale: true },
      });
      const existing = await findTenantModel(tx, ctx.tenantId);
      const content: ModelContent = modelContentSchema.parse({
        country: tenant.country,
        language: tenant.defaultLocale,
        goal: data.goal,
        targetGroups: data.targetGroups,
        partnerRoles: data.partnerRoles.map((r) => ({ organisationType: r.organisationType, role: r.role })),
        pilots: data.pilots.map((p) => ({
          kind: p.kind,
          name: p.name,
          goal: p.goal ?? null,
          targetSharePercent: p.targetSharePercent ?? null,
        })),
        workingMethods: data.workingMethods ?? null,
        results: existing?.content.results ?? null,
      });
      const summary = data.summary ?? null;
      if (!existing) {
        const created = await insertModel(tx, {
          tenantId: ctx.tenantId,
          slugs: [data.slug],
          title: data.title,
          summary,
          content,
        });
        if (!created) throw new AppError("CONFLICT", "errors:invalidInput", { slug: "models:form.slugTaken" });
        await recordAudit(tx, ctx, {
          action: "model.created",
          entityType: "CollaborationModel",
          entityId: created.id,
          details: { slug: data.slug },
        });
        return created;
      }
      await tx.collaborationModel.updateMany({
        where: { tenantId: ctx.tenantId, id: existing.id },
        data: { slug: data.slug, title: data.title, summary, content },
      });
      const changed = [
        ...(["slug", "title", "summary"] as const).filter(
          (k) => existing[k] !== { slug: data.slug, title: data.title, summary }[k],
        ),
        ...(Object.keys(content) as (keyof ModelContent)[]).filter(
          (k) => JSON.stringify(existing.content[k]) !== JSON.stringify(content[k]),
        ),
      ];
      await recordAudit(tx, ctx, {
        action: "model.updated",
        entityType: "CollaborationModel",
        entityId: existing.id,
        details: { changed, status: existing.status },
      });
      return (await findTenantModel(tx, ctx.tenantId))!;
    },
    { client },
  ).catch(slugConflict);
}
