import "server-only";
import { db } from "../db/client.ts";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";

export type CreatePartnershipOptions = { ctx: TenantContext; name: string; slug: string; description?: string };

/**
 * A tenant administrator starts a partnership; the tenant is its first member. The slug's form is checked once,
 * by createPartnershipSchema (lib/partnerships/schemas.ts), where the form is parsed.
 */
export async function createPartnership(options: CreatePartnershipOptions) {
  const { ctx, name, slug } = options;
  assertCan(ctx, "settings.manage");
  if (await db().partnership.findUnique({ where: { slug }, select: { id: true } })) {
    throw new AppError("CONFLICT", "errors:invalidInput", { slug: "validation.slugTaken" });
  }
  return withTenant(ctx, async (tx) => {
    const partnership = await tx.partnership.create({
      data: {
        slug,
        name,
        description: options.description ?? null,
        members: { create: { tenantId: ctx.tenantId, status: "ACTIVE", joinedAt: new Date() } },
      },
    });
    await recordAudit(tx, ctx, { action: "partnership.created", entityType: "Partnership", entityId: partnership.id });
    return partnership;
  });
}
