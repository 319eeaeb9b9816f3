import "server-only";
import { z } from "zod";
import { idName, jsonList } from "../db/sql.ts";
import { readTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { Prisma } from "../db/generated/client.ts";
import {
  ActivityStatus,
  ActivityType,
  OutcomePoint,
  OutcomeStatus,
  ParticipantStatus,
  TargetGroup,
} from "../db/generated/enums.ts";
import { PAGE_SIZE, type ListParticipantsQuery } from "./schemas.ts";

const orderBy: Record<ListParticipantsQuery["sort"], string> = {
  code: `code asc`,
  name: `name asc nulls last, code asc`,
  status: `status asc, code asc`,
  newest: `"createdAt" desc, code desc`,
};

// The same order once more over the joined page (joins do not keep an order).
const pageOrder: Record<ListParticipantsQuery["sort"], string> = {
  code: `page.code asc`,
  name: `page.name asc nulls last, page.code asc`,
  status: `page.status asc, page.code asc`,
  newest: `page."createdAt" desc, page.code desc`,
};

/** One row of the list's statement; a page past the end still gives one row, its total and nothing else. */
const listRow = z.object({
  total: z.number(),
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  targetGroup: z.enum(TargetGroup),
  status: z.enum(ParticipantStatus),
  anonymous: z.boolean(),
  stepType: z.enum(ActivityType).nullable(),
  stepStatus: z.enum(ActivityStatus).nullable(),
  stepOrganisation: z.string().nullable(),
  outcomeStatus: z.enum(OutcomeStatus).nullable(),
  outcomePoint: z.enum(OutcomePoint).nullable(),
  outcomeObservedAt: z.date().nullable(),
});
const listRows = z.array(z.union([listRow, z.object({ total: z.number(), id: z.null() })]));

/** The list's filters as SQL conditions on "Participant" p (shared by the list and its export). */
export function participantConditions(
  tenantId: string,
  query: Omit<ListParticipantsQuery, "page" | "sort">,
): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`p."tenantId" = ${tenantId}`, Prisma.sql`p."anonymisedAt" is null`];
  if (query.targetGroup) conditions.push(Prisma.sql`p."targetGroup"::text = ${query.targetGroup}`);
  if (query.status) conditions.push(Prisma.sql`p.status::text = ${query.status}`);
  if (query.pilotId)
    conditions.push(
      Prisma.sql`exists (select 1 from "Enrolment" e where e."tenantId" = ${tenantId} and e."participantId" = p.id and e."pilotId" = ${query.pilotId})`,
    );
  if (query.organisationId)
    conditions.push(
      Prisma.sql`exists (select 1 from "Activity" a where a."tenantId" = ${tenantId} and a."participantId" = p.id and a."organisationId" = ${query.organisationId})`,
    );
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(Prisma.sql`(p.code ilike ${like} or p.name ilike ${like})`);
  }
  return conditions;
}

/**
 * One page of the participant list, filtered, sorted and paged in the database in one statement, with each
 * participant's current step (an ongoing step before a planned one, the latest first) and latest outcome.
 */
export async function listParticipants(
  ctx: TenantContext,
  query: ListParticipantsQuery,
  options: { withFilterOptions?: boolean } = {},
) {
  assertCan(ctx, "participant.view");
  const tenantId = ctx.tenantId;
  const conditions = participantConditions(tenantId, query);
  const sort = Prisma.raw(orderBy[query.sort]);
  const load = async (tx: Tx, page: number) =>
    listRows.parse(
      await tx.$queryRaw<unknown[]>`
    with filtered as (
      select p.id, p.code, p.name, p."targetGroup", p.status, p.anonymous, p."createdAt"
      from "Participant" p where ${Prisma.join(conditions, " and ")}
    ),
    page as (select * from filtered order by ${sort} offset ${(page - 1) * PAGE_SIZE} limit ${PAGE_SIZE})
    select (select count(*) from filtered)::int as total,
           page.id, page.code, page.name, page."targetGroup"::text as "targetGroup", page.status::text as status, page.anonymous,
           step.type as "stepType", step.status as "stepStatus", step.organisation as "stepOrganisation",
           oc.status as "outcomeStatus", oc.point as "outcomePoint", oc."observedAt" as "outcomeObservedAt"
    from (select 1) one
    left join page on true
    left join lateral (
      select a.type::text, a.status::text, org.name as organisation
      from "Activity" a left join "Organisation" org on org."tenantId" = a."tenantId" and org.id = a."organisationId"
      where a."tenantId" = ${tenantId} and a."participantId" = page.id and a.status in ('ONGOING', 'PLANNED')
      order by a.status desc, a."startDate" desc limit 1
    ) step on true
    left join lateral (
      select o.status::text, o.point::text, o."observedAt"
      from "Outcome" o where o."tenantId" = ${tenantId} and o."participantId" = page.id
      order by o."observedAt" desc limit 1
    ) oc on true
    order by ${Prisma.raw(pageOrder[query.sort])}`,
    );
  // Only reads: repeated after a lost connection (a failover) instead of failing the page.
  return readTenant(ctx, async (tx) => {
    let page = query.page;
    let rows = await load(tx, page);
    const total = rows[0]?.total ?? 0;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    // A page past the end (an old link, a narrowed filter) shows the last page instead.
    if (page > pages) {
      page = pages;
      rows = await load(tx, page);
    }
    // The filters' choices, for the list page, in the same transaction.
    const filterOptions = options.withFilterOptions ? await filterOptionsIn(tx, ctx) : undefined;
    return {
      filterOptions,
      total,
      page,
      pages,
      rows: rows.flatMap((r) =>
        r.id === null
          ? []
          : [
              {
                id: r.id,
                code: r.code,
                name: r.name,
                targetGroup: r.targetGroup,
                status: r.status,
                anonymous: r.anonymous,
                currentStep:
                  r.stepType && r.stepStatus
                    ? {
                        type: r.stepType,
                        status: r.stepStatus,
                        organisation: r.stepOrganisation ? { name: r.stepOrganisation } : null,
                      }
                    : null,
                latestOutcome:
                  r.outcomeStatus && r.outcomePoint && r.outcomeObservedAt
                    ? { status: r.outcomeStatus, point: r.outcomePoint, observedAt: r.outcomeObservedAt }
                    : null,
              },
            ],
      ),
    };
  });
}

const filterOptionsRow = z.tuple([z.object({ pilots: z.array(idName), organisations: z.array(idName) })]);

/** The choices of the list's filters, in one statement. */
async function filterOptionsIn(tx: Tx, ctx: TenantContext) {
  const rows = await tx.$queryRaw<unknown[]>`
    select
      ${jsonList({ id: Prisma.sql`p.id`, name: Prisma.sql`p.name` }, Prisma.sql`from "Pilot" p where p."tenantId" = ${ctx.tenantId}`, Prisma.sql`p.name`)} as pilots,
      ${jsonList({ id: Prisma.sql`o.id`, name: Prisma.sql`o.name` }, Prisma.sql`from "Organisation" o where o."tenantId" = ${ctx.tenantId}`, Prisma.sql`o.name`)} as organisations`;
  return filterOptionsRow.parse(rows)[0];
}
