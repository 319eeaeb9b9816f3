import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a request may read /api/metrics: `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN (or
 * one shorter than 16 characters) nobody may. Compared as SHA-256 digests in constant time, so neither the
 * token's content nor its length shows in the answer's timing.
 */
export function metricsAllowed(authorization: string | null, token = process.env.METRICS_TOKEN): boolean {
  if (!token || token.length < 16 || !authorization) return false;
  const m = /^Bearer (.+)$/.exec(authorization);
  if (!m) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}
