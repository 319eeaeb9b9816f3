import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import type { PilotInput } from "./schemas.ts";

function values(data: PilotInput) {
  return {
    name: data.name,
    kind: data.kind,
    status: data.status,
    description: data.description ?? null,
    goal: data.goal ?? null,
    targetSharePercent: data.targetSharePercent ?? null,
    startDate: data.startDate,
    endDate: data.endDate ?? null,
  };
}

async function checkOrganisations(tx: Tx, ctx: TenantContext, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await tx.organisation.count({ where: { tenantId: ctx.tenantId, id: { in: unique } } });
  if (found !== unique.length)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { organisationIds: "validation.unknownOrganisation" });
  return unique;
}

export async function createPilot(options: { ctx: TenantContext; data: PilotInput }) {
  const { ctx, data } = options;
  assertCan(ctx, "pilot.manage");
  return withTenant(ctx, async (tx) => {
    const organisationIds = await checkOrganisations(tx, ctx, data.organisationIds);
    const pilot = await tx.pilot.create({
      data: {
        tenantId: ctx.tenantId,
        ...values(data),
        organisations: { create: organisationIds.map((organisationId) => ({ organisationId })) },
      },
    });
    await recordAudit(tx, ctx, {
      action: "pilot.created",
      entityType: "Pilot",
      entityId: pilot.id,
      details: { name: data.name },
    });
    return pilot;
  });
}

export async function updatePilot(options: { ctx: TenantContext; pilotId: string; data: PilotInput }) {
  const { ctx, pilotId, data } = options;
  assertCan(ctx, "pilot.manage");
  return withTenant(ctx, async (tx) => {
    const before = await tx.pilot.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: pilotId } } });
    if (!before) throw new AppError("NOT_FOUND", "errors:notFound");
    const organisationIds = await checkOrganisations(tx, ctx, data.organisationIds);
    await tx.pilot.updateMany({ where: { tenantId: ctx.tenantId, id: pilotId }, data: values(data) });
    await tx.pilotOrganisation.deleteMany({
      where: { tenantId: ctx.tenantId, pilotId, organisationId: { notIn: organisationIds } },
    });
    await tx.pilotOrganisation.createMany({
      data: organisationIds.map((organisationId) => ({ tenantId: ctx.tenantId, pilotId, organisationId })),
      skipDuplicates: true,
    });
    await recordAudit(tx, ctx, {
      action: "pilot.updated",
      entityType: "Pilot",
      entityId: pilotId,
      details: { changed: changedFields(before, values(data)) },
    });
  });
}

/** A pilot with its partners and enrolments; a partner viewer only reaches pilots their organisation is in. */
export async function getPilot(ctx: TenantContext, pilotId: string) {
  assertCan(ctx, "pilot.view");
  return withTenant(ctx, async (tx) => {
    const pilot = await tx.pilot.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: pilotId } },
      include: {
        organisations: { include: { organisation: { select: { id: true, name: true, type: true } } } },
        _count: { select: { enrolments: true } },
      },
    });
    const takesPart =
      ctx.role !== "PARTNER_VIEWER" || pilot?.organisations.some((o) => o.organisationId === ctx.organisationId);
    if (!pilot || !takesPart) throw new AppError("NOT_FOUND", "errors:notFound");
    const enrolments =
      ctx.role === "PARTNER_VIEWER"
        ? []
        : await tx.enrolment.findMany({
            where: { tenantId: ctx.tenantId, pilotId },
            select: { id: true, startDate: true, exitDate: true, participant: { select: { id: true, code: true } } },
            orderBy: { startDate: "desc" },
            take: 200,
          });
    return { pilot, enrolments };
  });
}
