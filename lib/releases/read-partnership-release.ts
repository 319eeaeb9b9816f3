import "server-only";
import { withTenant, withUser } from "../db/tenant.ts";
import { selectRelease, scopeFor } from "./read-release.ts";

export type MemberFigures = {
  tenantId: string;
  name: string;
  country: string;
  sharing: boolean;
  /** The member's latest release, or null: it has published none. */
  asOf: Date | null;
  enrolled: number | null;
  followedUp: number | null;
  inWork: number | null;
};

/**
 * A partnership's page: each sharing member's latest release (all its pilots: enrolled, followed up, in work at
 * 12 months, as published), and the combined row as the sum of those published cells. Nothing is computed from
 * live data and nothing is drawn again: the combined figures change only when a member publishes a release, so
 * re-reading them, however often and whatever a member's coordinator changes in between, shows the same sum.
 * Only members of a member tenant may see it (row-level security on the partnership's member rows).
 */
export async function getPartnershipRelease(userId: string, slug: string) {
  if (!/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  const partnership = await withUser(userId, (tx) =>
    tx.partnership.findUnique({
      where: { slug },
      include: {
        members: {
          where: { status: "ACTIVE" },
          include: { tenant: { select: { id: true, name: true, country: true, status: true } } },
          orderBy: { joinedAt: "asc" },
        },
      },
    }),
  );
  if (!partnership || partnership.members.length === 0) return null;
  const memberTenantIds = partnership.members.map((m) => m.tenantId);
  const mine = await withUser(userId, (tx) =>
    tx.membership.findMany({ where: { userId, tenantId: { in: memberTenantIds } }, select: { tenantId: true } }),
  );
  if (mine.length === 0) return null;

  const members: MemberFigures[] = [];
  for (const member of partnership.members) {
    const sharing = member.sharesIndicators && member.tenant.status === "ACTIVE";
    const base = {
      tenantId: member.tenantId,
      name: member.tenant.name,
      country: member.tenant.country,
      sharing,
      asOf: null,
      enrolled: null,
      followedUp: null,
      inWork: null,
    };
    if (!sharing) {
      members.push(base);
      continue;
    }
    const found = await withTenant({ tenantId: member.tenantId }, (tx) => selectRelease(tx, member.tenantId));
    const scope = found ? scopeFor(found.figures, null) : null;
    const total = scope && !scope.withheld ? scope.total : null;
    members.push({
      ...base,
      asOf: found?.release.asOf ?? null,
      enrolled: total?.enrolled ?? null,
      followedUp: total?.outcomes?.followedUp ?? null,
      inWork: total?.outcomes?.inWork ?? null,
    });
  }
  const counted = members.filter((m) => m.enrolled !== null);
  const withOutcomes = counted.filter((m) => m.followedUp !== null && m.inWork !== null);
  const sum = (list: MemberFigures[], pick: (m: MemberFigures) => number | null) =>
    list.reduce((acc, m) => acc + (pick(m) ?? 0), 0);
  return {
    partnership: {
      id: partnership.id,
      slug: partnership.slug,
      name: partnership.name,
      description: partnership.description,
    },
    members,
    combined:
      counted.length === 0
        ? null
        : {
            enrolled: sum(counted, (m) => m.enrolled),
            /** Outcomes summed over the members that publish them (named on the page when not all do). */
            followedUp: withOutcomes.length ? sum(withOutcomes, (m) => m.followedUp) : null,
            inWork: withOutcomes.length ? sum(withOutcomes, (m) => m.inWork) : null,
            outcomeMembers: withOutcomes.map((m) => m.name),
            allOutcomes: withOutcomes.length === counted.length,
          },
  };
}
