import "server-only";
import type { TenantContext, Tx } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import type { PilotInput } from "./schemas.ts";

/** A pilot's columns from its form. */
export function values(data: PilotInput) {
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

/** The pilot's partner organisations, each once; INVALID_INPUT when one is not the tenant's. */
export async function checkOrganisations(tx: Tx, ctx: TenantContext, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await tx.organisation.count({ where: { tenantId: ctx.tenantId, id: { in: unique } } });
  if (found !== unique.length)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { organisationIds: "validation.unknownOrganisation" });
  return unique;
}
