import "server-only";
import { z } from "zod";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import type { ReleaseFigures, ScopeFigures } from "./build-release.ts";
import type { ReleaseLabels } from "./publish-release.ts";

export type ReleaseSummary = { id: string; asOf: Date; kind: "SCHEDULED" | "MANUAL" };

export type ReadRelease = {
  release: ReleaseSummary;
  /** Every release of the tenant, newest first (earlier ones stay readable). */
  releases: ReleaseSummary[];
  figures: ReleaseFigures;
  labels: ReleaseLabels;
  /** What this reader sees: all pilots, or the pilots of the organisation; null: the organisation takes part in
   * no pilot. */
  scope: ScopeFigures | null;
  /** The organisation whose view this is (a partner's own, or the one staff chose), else null (all pilots). */
  organisationId: string | null;
};

/** The scope an organisation's partners see (undefined: all pilots), or null when it takes part in none. */
export function scopeFor(figures: ReleaseFigures, organisationId: string | null): ScopeFigures | null {
  if (organisationId === null) return figures.scopes.find((s) => s.key === "all") ?? null;
  return figures.scopes.find((s) => s.organisationIds.includes(organisationId)) ?? null;
}

const id = z.string().regex(/^[a-z0-9]{1,40}$/);

/** A stored release (the newest, or the one asked for) of the tenant in this transaction: a lookup. */
export async function selectRelease(tx: Tx, tenantId: string, releaseId?: string | null) {
  const wanted = releaseId && id.safeParse(releaseId).success ? releaseId : null;
  const [list, chosen] = await Promise.all([
    tx.release.findMany({
      where: { tenantId },
      orderBy: { asOf: "desc" },
      select: { id: true, asOf: true, kind: true },
    }),
    tx.release.findFirst({
      where: { tenantId, ...(wanted ? { id: wanted } : {}) },
      orderBy: { asOf: "desc" },
      select: { id: true, asOf: true, kind: true, figures: true, labels: true },
    }),
  ]);
  if (!chosen) return null;
  return {
    release: { id: chosen.id, asOf: chosen.asOf, kind: chosen.kind },
    releases: list,
    figures: chosen.figures as unknown as ReleaseFigures,
    labels: chosen.labels as unknown as ReleaseLabels,
  };
}

/**
 * What a reader of the shared figures gets: a partner viewer always its organisation's scope; staff ("as
 * partners see it") all pilots or, with `asOrganisation`, that organisation's. Null when nothing is published.
 */
export async function readRelease(
  ctx: TenantContext,
  options: { releaseId?: string | null; asOrganisation?: string | null } = {},
): Promise<ReadRelease | null> {
  assertCan(ctx, "dashboard.view");
  const found = await withTenant(ctx, (tx) => selectRelease(tx, ctx.tenantId, options.releaseId));
  if (!found) return null;
  const organisationId =
    ctx.role === "PARTNER_VIEWER"
      ? (ctx.organisationId ?? "")
      : options.asOrganisation && found.labels.organisations.some((o) => o.id === options.asOrganisation)
        ? options.asOrganisation
        : null;
  return { ...found, scope: scopeFor(found.figures, organisationId), organisationId };
}
