import "server-only";
import { z } from "zod";
import type { Prisma } from "../db/generated/client.ts";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { deploymentThreshold } from "../env.ts";
import { effectiveThreshold } from "../dashboards/protection.ts";
import { buildRelease, releaseScopes, type ReleaseBasis } from "./build-release.ts";
import { selectReleaseFacts, selectReleasePilots } from "./queries.ts";

/** The names a release shows, taken with it (pilots are renamed; a release says what it said). */
export type ReleaseLabels = {
  pilots: { id: string; name: string; startYear: number; endYear: number | null }[];
  organisations: { id: string; name: string }[];
};

const basisSchema = z.record(z.string(), z.object({ n: z.number(), p: z.number() }));

/**
 * Takes a release of a tenant's figures as of `asOf` and stores it, inside the caller's tenant transaction:
 * the facts as of that moment, the table space and protection of lib/releases/build-release.ts, the previous
 * release's basis for the carry-forward rule. Returns the stored release's id.
 */
export async function storeRelease(
  tx: Tx,
  options: { tenantId: string; asOf: Date; kind: "SCHEDULED" | "MANUAL"; publishedById: string | null },
): Promise<{ id: string; asOf: Date }> {
  const { tenantId, asOf } = options;
  const [threshold, facts, pilots, organisations, previous] = await Promise.all([
    tx.tenant
      .findUniqueOrThrow({ where: { id: tenantId }, select: { disclosureThreshold: true } })
      .then((t) => effectiveThreshold(t.disclosureThreshold, deploymentThreshold())),
    selectReleaseFacts(tx, tenantId, asOf),
    selectReleasePilots(tx, tenantId),
    tx.organisation.findMany({ where: { tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    tx.release.findFirst({
      where: { tenantId, asOf: { lt: asOf } },
      orderBy: { asOf: "desc" },
      select: { basis: true },
    }),
  ]);
  const previousBasis: ReleaseBasis | null = previous ? basisSchema.parse(previous.basis) : null;
  const { figures, basis } = buildRelease({ facts, scopes: releaseScopes(pilots), threshold, previousBasis });
  const labels: ReleaseLabels = {
    pilots: pilots.map(({ id, name, startYear, endYear }) => ({ id, name, startYear, endYear })),
    organisations,
  };
  const release = await tx.release.create({
    data: {
      tenantId,
      asOf,
      kind: options.kind,
      figures: figures as unknown as Prisma.InputJsonValue,
      labels: labels as unknown as Prisma.InputJsonValue,
      basis: basis as unknown as Prisma.InputJsonValue,
      publishedById: options.publishedById,
    },
    select: { id: true, asOf: true },
  });
  await recordAudit(
    tx,
    { tenantId, userId: options.publishedById ?? "" },
    {
      action: "release.published",
      entityType: "Release",
      entityId: release.id,
      details: { kind: options.kind, asOf: asOf.toISOString() },
    },
  );
  return release;
}

/** An administrator's "publish now": a release of the figures as they are this moment. */
export async function publishReleaseNow(ctx: TenantContext, now = new Date()): Promise<{ id: string; asOf: Date }> {
  assertCan(ctx, "release.publish");
  return withTenant(ctx, (tx) =>
    storeRelease(tx, { tenantId: ctx.tenantId, asOf: now, kind: "MANUAL", publishedById: ctx.userId }),
  );
}
