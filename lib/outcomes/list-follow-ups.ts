import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { FOLLOW_UP_MONTHS, type OutcomePoint } from "./follow-up-schedule.ts";

export type FollowUpDue = {
  participantId: string;
  code: string;
  name: string | null;
  enrolmentId: string;
  pilotName: string;
  exitDate: Date;
  point: OutcomePoint;
  dueDate: Date;
  overdue: boolean;
};

const points = Object.entries(FOLLOW_UP_MONTHS);

/**
 * Follow-ups due this month or overdue, for participants who still consent to follow-up: every exited
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
    const rows = await tx.$queryRaw<Omit<FollowUpDue, "overdue">[]>`
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
        and exists (select 1 from "Consent" c where c."tenantId" = ${ctx.tenantId} and c."participantId" = s."participantId"
                    and c.purpose = 'FOLLOW_UP' and c."withdrawnAt" is null)
        and not exists (select 1 from "Outcome" o where o."tenantId" = ${ctx.tenantId} and o."enrolmentId" = s."enrolmentId"
                        and o.point::text = s.point)
      order by s."dueDate", p.code
      limit ${options.limit ?? 500}`;
    return rows.map((r) => ({ ...r, overdue: r.dueDate < monthStart }));
  });
}
