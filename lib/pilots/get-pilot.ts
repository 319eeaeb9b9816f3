import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";

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
