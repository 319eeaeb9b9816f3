import "server-only";
import { z } from "zod";
import { Prisma } from "../db/generated/client.ts";
import type { Tx } from "../db/tenant.ts";
import { dashboardFactsSql } from "../dashboards/queries.ts";
import type { ReleaseFact } from "./build-release.ts";
import { RELEASE_POINT } from "./table-space.ts";

const factRow = z.object({
  id: z.string(),
  pilotId: z.string(),
  targetGroup: z.string(),
  gender: z.string(),
  startYear: z.coerce.number().int(),
  due: z.boolean(),
  status: z.string().nullable(),
  inActivity: z.boolean(),
  inPractice: z.boolean(),
  inJob: z.boolean(),
  recordKey: z.number().int(),
});

/**
 * The facts a release counts, one per enrolment, as of `asOf`: the dashboard's own fact statement
 * (lib/dashboards/queries.ts dashboardFactsSql: only people who may count in statistics), inside the tenant's
 * transaction. Rows are checked at the edge.
 */
export async function selectReleaseFacts(tx: Tx, tenantId: string, asOf: Date): Promise<ReleaseFact[]> {
  const status = Prisma.raw(`f."status_${RELEASE_POINT}"`);
  const due = Prisma.raw(`f."due_${RELEASE_POINT}"`);
  const rows = await tx.$queryRaw<unknown[]>`
    with ${dashboardFactsSql({ tenantId, filters: { point: RELEASE_POINT }, today: asOf })}
    select f.id, f."pilotId", f."targetGroup", f.gender, extract(year from f."startDate")::int as "startYear",
           ${due} as due, ${status} as status, f."inActivity", f."inPractice",
           f."firstJob" is not null as "inJob", f."recordKey"
    from f
    where f."startDate" <= ${asOf}::date
    order by f.id`;
  return z.array(factRow).parse(rows);
}

const pilotRow = z.object({
  id: z.string(),
  name: z.string(),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  organisationIds: z.array(z.string()),
});
export type ReleasePilot = z.infer<typeof pilotRow>;

/** The tenant's pilots with their partner organisations and years (what a release names; nothing personal). */
export async function selectReleasePilots(tx: Tx, tenantId: string): Promise<ReleasePilot[]> {
  const rows = await tx.$queryRaw<unknown[]>`
    select p.id, p.name, extract(year from p."startDate")::int as "startYear",
           extract(year from p."endDate")::int as "endYear",
           coalesce((select array_agg(po."organisationId" order by po."organisationId") from "PilotOrganisation" po
                      where po."tenantId" = p."tenantId" and po."pilotId" = p.id), '{}') as "organisationIds"
    from "Pilot" p
    where p."tenantId" = ${tenantId}
    order by p.name, p.id`;
  return z.array(pilotRow).parse(rows);
}
