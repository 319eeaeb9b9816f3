import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { ORGANISATION_TYPES } from "../organisations/schemas.ts";
import { MAX_PARTNER_ROLES, MAX_PILOTS, type ModelPilot, type PartnerRole } from "./schemas.ts";
import type { ClientOption } from "./tenant-model.ts";

/**
 * A first draft from what the municipality already has in Samspill, for the form of a tenant without a
 * model: its pilots (kind, name, goal, target) and, per organisation type among its active partners, the
 * role text used most often. Never an organisation's contact details; the administrator edits it all.
 */
export async function suggestModelDraft(
  ctx: TenantContext,
  options: ClientOption = {},
): Promise<{ partnerRoles: PartnerRole[]; pilots: ModelPilot[] }> {
  assertCan(ctx, "settings.manage");
  return withTenant(
    ctx,
    async (tx) => {
      const pilots = await tx.pilot.findMany({
        where: { tenantId: ctx.tenantId, status: { in: ["ACTIVE", "COMPLETED"] } },
        select: { kind: true, name: true, goal: true, targetSharePercent: true },
        orderBy: [{ startDate: "asc" }, { name: "asc" }],
        take: MAX_PILOTS,
      });
      const organisations = await tx.organisation.findMany({
        where: { tenantId: ctx.tenantId, active: true },
        select: { type: true, partnershipRole: true },
        orderBy: { name: "asc" },
      });
      const roles = new Map<string, Map<string, number>>();
      for (const o of organisations) {
        const counts = roles.get(o.type) ?? new Map<string, number>();
        const text = o.partnershipRole?.trim();
        if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
        roles.set(o.type, counts);
      }
      const order = (type: string) => (ORGANISATION_TYPES as readonly string[]).indexOf(type);
      const partnerRoles = [...roles.entries()]
        .sort(([a], [b]) => order(a) - order(b))
        .slice(0, MAX_PARTNER_ROLES)
        .map(([type, counts]) => ({
          organisationType: type as PartnerRole["organisationType"],
          role: [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0].slice(0, 500) ?? "",
        }));
      return {
        partnerRoles,
        pilots: pilots.map((p) => ({
          kind: p.kind,
          name: p.name,
          goal: p.goal?.slice(0, 500) ?? null,
          targetSharePercent: p.targetSharePercent,
        })),
      };
    },
    options,
  );
}
