import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { OrganisationType } from "../db/generated/enums.ts";
import { modelContentSchema, type ModelContent } from "./schemas.ts";
import { findTenantModel, insertModel, lockTenantModel, type ClientOption } from "./tenant-model.ts";

export type AdoptModelOptions = ClientOption & { ctx: TenantContext; modelSlug: string; today?: Date };
export type AdoptModelResult = {
  /** The source's partner roles: the organisation types the adopting municipality should add. */
  checklist: { organisationType: OrganisationType; role: string }[];
  model: { id: string; slug: string };
  /** How many draft pilots were created (a pilot of the same name and kind already there is not repeated). */
  pilotsCreated: number;
};

/**
 * A municipality starts from a published model: the model's text becomes its own draft model (to edit,
 * not published, pointing back at its source), its pilots become draft pilots with the same kinds, goals
 * and targets and no partner organisations, and its partner roles come back as a checklist. Only the
 * published text is read — never the source tenant's participants, organisations or contacts — and the
 * source's results are not copied: the adopter's own are computed when it publishes.
 */
export async function adoptModel(options: AdoptModelOptions): Promise<AdoptModelResult> {
  const { ctx, modelSlug, client } = options;
  assertCan(ctx, "settings.manage");
  const today = options.today ?? new Date();
  const startDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  return withTenant(
    ctx,
    async (tx) => {
      await lockTenantModel(tx, ctx.tenantId);
      const source = await tx.collaborationModel.findFirst({
        where: { slug: modelSlug, status: "PUBLISHED", tenant: { status: "ACTIVE" } },
        select: { id: true, tenantId: true, slug: true, title: true, summary: true, content: true },
      });
      if (!source) throw new AppError("NOT_FOUND", "models:errors.notFound");
      if (source.tenantId === ctx.tenantId) throw new AppError("INVALID_INPUT", "models:errors.ownModel");
      const existing = await findTenantModel(tx, ctx.tenantId);
      if (existing?.status === "PUBLISHED") throw new AppError("CONFLICT", "models:errors.unpublishFirst");

      const from = modelContentSchema.parse(source.content);
      const tenant = await tx.tenant.findUniqueOrThrow({
        where: { id: ctx.tenantId },
        select: { slug: true, country: true },
      });
      // Field by field: only the model's own text, nothing of the source's results.
      const content: ModelContent = {
        country: tenant.country,
        language: from.language,
        goal: from.goal,
        targetGroups: [...from.targetGroups],
        partnerRoles: from.partnerRoles.map((r) => ({ organisationType: r.organisationType, role: r.role })),
        pilots: from.pilots.map((p) => ({
          kind: p.kind,
          name: p.name,
          goal: p.goal,
          targetSharePercent: p.targetSharePercent,
        })),
        workingMethods: from.workingMethods,
        results: null,
      };
      let model: { id: string; slug: string };
      if (existing) {
        await tx.collaborationModel.updateMany({
          where: { tenantId: ctx.tenantId, id: existing.id },
          data: {
            title: source.title,
            summary: source.summary,
            content: modelContentSchema.parse(content),
            sourceModelId: source.id,
          },
        });
        model = { id: existing.id, slug: existing.slug };
      } else {
        const slugs = [
          tenant.slug,
          `${tenant.slug}-model`,
          ...Array.from({ length: 8 }, (_, i) => `${tenant.slug}-${i + 2}`),
          `${tenant.slug}-${source.id.slice(-8)}`,
        ];
        const created = await insertModel(tx, {
          tenantId: ctx.tenantId,
          slugs,
          title: source.title,
          summary: source.summary,
          content,
          sourceModelId: source.id,
        });
        if (!created) throw new AppError("CONFLICT", "models:errors.noFreeSlug");
        model = { id: created.id, slug: created.slug };
      }

      const have = await tx.pilot.findMany({ where: { tenantId: ctx.tenantId }, select: { name: true, kind: true } });
      const known = new Set(have.map((p) => `${p.kind}:${p.name.toLowerCase()}`));
      let pilotsCreated = 0;
      for (const p of content.pilots) {
        const key = `${p.kind}:${p.name.toLowerCase()}`;
        if (known.has(key)) continue;
        known.add(key);
        const pilot = await tx.pilot.create({
          data: {
            tenantId: ctx.tenantId,
            name: p.name,
            kind: p.kind,
            status: "DRAFT",
            goal: p.goal,
            targetSharePercent: p.targetSharePercent,
            startDate,
          },
        });
        await recordAudit(tx, ctx, {
          action: "pilot.created",
          entityType: "Pilot",
          entityId: pilot.id,
          details: { name: p.name, fromModel: source.slug },
        });
        pilotsCreated += 1;
      }
      await recordAudit(tx, ctx, {
        action: "model.adopted",
        entityType: "CollaborationModel",
        entityId: model.id,
        details: { source: source.slug, pilotsCreated, replacedDraft: Boolean(existing) },
      });
      return { checklist: content.partnerRoles, model, pilotsCreated };
    },
    { client, timeoutMs: 30_000 },
  );
}
