import "server-only";
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Invitation links carry a signed token: which invitation of which tenant, until when, and a random secret
 * of which only a hash is stored. The signature (HMAC with the app's secret) lets the app find the tenant
 * before it reads anything; the stored hash makes the link single-use and revocable.
 */
export type TokenClaims = { tenantId: string; invitationId: string; expiresAt: Date };

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64url");
const sign = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64url");

export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function newInvitationSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function createInvitationToken(appSecret: string, claims: TokenClaims, invitationSecret: string): string {
  const payload = b64(JSON.stringify({ t: claims.tenantId, i: claims.invitationId, e: claims.expiresAt.getTime() }));
  const body = `${payload}.${invitationSecret}`;
  return `${body}.${sign(appSecret, body)}`;
}

/** The token's claims and secret when its signature holds and it has not expired; otherwise null. */
export function readInvitationToken(
  appSecret: string,
  token: string,
  now = new Date(),
): (TokenClaims & { secret: string }) | null {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 600) return null;
  const [payload, secret, signature] = parts;
  const expected = sign(appSecret, `${payload}.${secret}`);
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  try {
    const { t, i, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof t !== "string" || typeof i !== "string" || typeof e !== "number") return null;
    if (e <= now.getTime()) return null;
    return { tenantId: t, invitationId: i, expiresAt: new Date(e), secret };
  } catch {
    return null;
  }
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
