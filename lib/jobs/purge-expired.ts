import "server-only";
import { db, type Db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { DRAFT_LIFETIME_MS } from "../import/drafts.ts";

export type PurgeCounts = { importDrafts: number; sessions: number; usedTokens: number; rateLimits: number };

/** Ended or expired sessions are kept this long (the account page no longer lists them) before they go. */
const SESSION_KEEP_DAYS = 30;

/**
 * What has outlived its use, in every tenant: uploaded import files older than a day (personal data nobody
 * imported), sessions ended or expired a month ago, used one-time tokens past their expiry, old rate-limit
 * windows. Drafts are deleted tenant by tenant through the app's own access path (they are under row-level
 * security); the rest are not tenant data. Run hourly (`npm run jobs:purge`).
 */
export async function purgeExpired(client: Db = db(), now = new Date()): Promise<PurgeCounts> {
  const counts: PurgeCounts = { importDrafts: 0, sessions: 0, usedTokens: 0, rateLimits: 0 };
  const tenants = await client.tenant.findMany({ select: { id: true } });
  const draftsBefore = new Date(now.getTime() - DRAFT_LIFETIME_MS);
  for (const tenant of tenants) {
    counts.importDrafts += await withTenant(
      { tenantId: tenant.id },
      async (tx) =>
        (await tx.importDraft.deleteMany({ where: { tenantId: tenant.id, createdAt: { lt: draftsBefore } } })).count,
      { client },
    );
  }
  const sessionsBefore = new Date(now.getTime() - SESSION_KEEP_DAYS * 86_400_000);
  counts.sessions = (
    await client.session.deleteMany({
      where: { OR: [{ expiresAt: { lt: sessionsBefore } }, { revokedAt: { lt: sessionsBefore } }] },
    })
  ).count;
  counts.usedTokens = (await client.usedToken.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  counts.rateLimits = (
    await client.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86_400_000) } } })
  ).count;
  return counts;
}
