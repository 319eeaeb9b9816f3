import "server-only";
import { z } from "zod";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { FOLLOW_UP_MONTHS, type OutcomePoint } from "./follow-up-schedule.ts";

const followUpRow = z.object({
  participantId: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  enrolmentId: z.string(),
  pilotName: z.string(),
  exitDate: z.date(),
  point: z.enum(Object.keys(FOLLOW_UP_MONTHS) as [OutcomePoint, ...OutcomePoint[]]),
  dueDate: z.date(),
});

export type FollowUpDue = z.infer<typeof followUpRow> & { overdue: boolean };

const points = Object.entries(FOLLOW_UP_MONTHS);

/**
 * Follow-ups due this month or overdue, for participants who still consent to follow-up or are followed up on a
 * statutory basis: every exited
 * enrolment × point (at exit, +3, +6, +12 months) with no outcome recorded, computed in one SQL query.
 */
export async function listFollowUpsDue(
  ctx: TenantContext,
  options: { today?: Date; limit?: number } = {},
): Promise<FollowUpDue[]> {
  assertCan(ctx, "participant.view");
  const today = options.today ?? new Date();
  const monthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1));
  const nextMonthStart = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const pointNames = points.map(([p]) => p);
  const pointMonths = points.map(([, m]) => m);
  return withTenant(ctx, async (tx) => {
    const raw = await tx.$queryRaw<unknown[]>`
      with schedule as (
        select e.id as "enrolmentId", e."participantId", e."pilotId", e."exitDate", pt.point,
               (e."exitDate" + make_interval(months => pt.months))::date as "dueDate"
        from "Enrolment" e
        cross join unnest(${pointNames}::text[], ${pointMonths}::int[]) as pt(point, months)
        where e."tenantId" = ${ctx.tenantId} and e."exitDate" is not null
      )
      select s."participantId", p.code, p.name, s."enrolmentId", pl.name as "pilotName", s."exitDate", s.point, s."dueDate"
      from schedule s
      join "Participant" p on p."tenantId" = ${ctx.tenantId} and p.id = s."participantId"
      join "Pilot" pl on pl."tenantId" = ${ctx.tenantId} and pl.id = s."pilotId"
      where s."dueDate" < ${nextMonthStart}::date
        and p."anonymisedAt" is null and p.status <> 'WITHDRAWN'
        and ((p."legalBasis" is not null and not p.anonymous)
             or exists (select 1 from "Consent" c where c."tenantId" = ${ctx.tenantId} and c."participantId" = s."participantId"
                        and c.purpose = 'FOLLOW_UP' and c."withdrawnAt" is null))
        and not exists (select 1 from "Outcome" o where o."tenantId" = ${ctx.tenantId} and o."enrolmentId" = s."enrolmentId"
                        and o.point::text = s.point)
      order by s."dueDate", p.code
      limit ${options.limit ?? 500}`;
    return z
      .array(followUpRow)
      .parse(raw)
      .map((r) => ({ ...r, overdue: r.dueDate < monthStart }));
  });
}
