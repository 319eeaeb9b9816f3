import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { readRelease } from "../releases/read-release.ts";

/**
 * Pilots with their partners; a partner viewer sees only the pilots their organisation takes part in, and with
 * the enrolment count of the published release (lib/releases), never the live exact count: `enrolled` is the
 * exact count for staff, the release's protected count for partners, null where the release shows none.
 */
export async function listPilots(ctx: TenantContext) {
  assertCan(ctx, "pilot.view");
  const onlyOwn = ctx.role === "PARTNER_VIEWER";
  const [pilots, read] = await Promise.all([
    selectPilots(ctx, onlyOwn),
    onlyOwn ? readRelease(ctx) : Promise.resolve(null),
  ]);
  const published = new Map(
    (read?.scope?.breakdowns.pilot?.rows ?? []).map((row) => [row.key, row.figures.enrolled] as const),
  );
  return pilots.map(({ _count, ...pilot }) => ({
    ...pilot,
    enrolled: onlyOwn ? (published.get(pilot.id) ?? null) : _count.enrolments,
  }));
}

function selectPilots(ctx: TenantContext, onlyOwn: boolean) {
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
