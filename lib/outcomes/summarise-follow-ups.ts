import "server-only";
import type { TenantContext } from "../db/tenant.ts";
import { listFollowUpsDue, type FollowUpDue } from "./list-follow-ups.ts";

export type FollowUpsSummary = {
  /** Due before this month began: the coordinator is late. */
  overdue: number;
  /** Due within the current calendar month. */
  dueThisMonth: number;
  /** The first `show` of them, overdue first (oldest first), then this month's by due date. */
  items: FollowUpDue[];
};

/**
 * What the home page shows a coordinator: how many follow-ups are overdue and due this month, and the most
 * pressing few. Overdue items always come first, whatever the due dates of this month's.
 */
export async function summariseFollowUpsDue(
  ctx: TenantContext,
  options: { today?: Date; show?: number } = {},
): Promise<FollowUpsSummary> {
  const due = await listFollowUpsDue(ctx, { today: options.today });
  const overdue = due.filter((d) => d.overdue);
  const thisMonth = due.filter((d) => !d.overdue);
  return {
    overdue: overdue.length,
    dueThisMonth: thisMonth.length,
    items: [...overdue, ...thisMonth].slice(0, options.show ?? 6),
  };
}
