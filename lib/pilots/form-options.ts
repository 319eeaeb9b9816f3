import "server-only";
import type { TFunction } from "i18next";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { PILOT_KINDS, PILOT_STATUSES } from "./schemas.ts";

/** The choices of the pilot form, labelled in the viewer's language. */
export async function pilotFormOptions(ctx: TenantContext, t: TFunction) {
  assertCan(ctx, "pilot.manage");
  const organisations = await withTenant(ctx, (tx) =>
    tx.organisation.findMany({
      where: { tenantId: ctx.tenantId, active: true },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  );
  return {
    kinds: PILOT_KINDS.map((v) => ({ value: v, label: t(`enums:PilotKind.${v}`) })),
    statuses: PILOT_STATUSES.map((v) => ({ value: v, label: t(`enums:PilotStatus.${v}`) })),
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
  };
}
