import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";

/** Pilots with their partners; a partner viewer sees only the pilots their organisation takes part in. */
export async function listPilots(ctx: TenantContext) {
  assertCan(ctx, "pilot.view");
  const onlyOwn = ctx.role === "PARTNER_VIEWER";
  return withTenant(ctx, (tx) =>
    tx.pilot.findMany({
      where: {
        tenantId: ctx.tenantId,
        ...(onlyOwn ? { organisations: { some: { organisationId: ctx.organisationId ?? "" } } } : {}),
      },
      select: {
        id: true,
        name: true,
        kind: true,
        status: true,
        goal: true,
        startDate: true,
        endDate: true,
        organisations: { select: { organisation: { select: { name: true } } } },
        _count: { select: { enrolments: true } },
      },
      orderBy: [{ startDate: "asc" }, { name: "asc" }],
    }),
  );
}
