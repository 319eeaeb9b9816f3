import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import type { OrganisationInput } from "./schemas.ts";

function values(data: OrganisationInput) {
  return {
    name: data.name,
    type: data.type,
    sector: data.sector ?? null,
    contactName: data.contactName ?? null,
    contactEmail: data.contactEmail ?? null,
    contactPhone: data.contactPhone ?? null,
    partnershipRole: data.partnershipRole ?? null,
    agreementStart: data.agreementStart ?? null,
    agreementEnd: data.agreementEnd ?? null,
    active: data.active,
  };
}

async function assertNameFree(
  tx: Parameters<Parameters<typeof withTenant>[1]>[0],
  ctx: TenantContext,
  name: string,
  exceptId?: string,
) {
  const same = await tx.organisation.findFirst({
    where: {
      tenantId: ctx.tenantId,
      name: { equals: name, mode: "insensitive" },
      ...(exceptId ? { id: { not: exceptId } } : {}),
    },
    select: { id: true },
  });
  if (same) throw new AppError("CONFLICT", "errors:invalidInput", { name: "validation.nameTaken" });
}

export async function createOrganisation(options: { ctx: TenantContext; data: OrganisationInput }) {
  const { ctx, data } = options;
  assertCan(ctx, "organisation.manage");
  return withTenant(ctx, async (tx) => {
    await assertNameFree(tx, ctx, data.name);
    const organisation = await tx.organisation.create({ data: { tenantId: ctx.tenantId, ...values(data) } });
    await recordAudit(tx, ctx, {
      action: "organisation.created",
      entityType: "Organisation",
      entityId: organisation.id,
      details: { name: data.name },
    });
    return organisation;
  });
}

/**
 * Edits an organisation. Organisations are never deleted, only deactivated: their history (practice places,
 * employers in outcomes) stays in the pathways and the statistics.
 */
export async function updateOrganisation(options: {
  ctx: TenantContext;
  organisationId: string;
  data: OrganisationInput;
}) {
  const { ctx, organisationId, data } = options;
  assertCan(ctx, "organisation.manage");
  return withTenant(ctx, async (tx) => {
    const before = await tx.organisation.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: organisationId } },
    });
    if (!before) throw new AppError("NOT_FOUND", "errors:notFound");
    await assertNameFree(tx, ctx, data.name, organisationId);
    await tx.organisation.updateMany({ where: { tenantId: ctx.tenantId, id: organisationId }, data: values(data) });
    await recordAudit(tx, ctx, {
      action: "organisation.updated",
      entityType: "Organisation",
      entityId: organisationId,
      details: { changed: changedFields(before, values(data)) },
    });
  });
}

export async function getOrganisation(ctx: TenantContext, organisationId: string) {
  assertCan(ctx, "organisation.view");
  return withTenant(ctx, async (tx) => {
    const organisation = await tx.organisation.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: organisationId } },
    });
    if (!organisation) throw new AppError("NOT_FOUND", "errors:notFound");
    return organisation;
  });
}
