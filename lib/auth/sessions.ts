import "server-only";
import { randomBytes } from "node:crypto";
import Bowser from "bowser";
import { db } from "../db/client.ts";

/** A session lasts a working day from sign-in however often it is used (an absolute lifetime). */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;

/**
 * How a session was started, and so which tenants it opens (lib/auth/context.ts): a password session opens the
 * user's tenants that allow passwords ("password+totp" when a second factor was used too); a session from a
 * tenant's identity provider opens that tenant only.
 */
export type SessionVia = "password" | "password+totp" | `oidc:${string}`;

/** "Chrome on Android": enough to tell one's sessions apart, without keeping the whole User-Agent. */
export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent.slice(0, 500));
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  const text = [browser, os].filter(Boolean).join(" · ");
  return text ? text.slice(0, 80) : null;
}

/** A new session row; its id goes into the (encrypted) session cookie. */
export async function createSession(options: {
  userId: string;
  via: SessionVia;
  userAgent?: string | null;
}): Promise<{ id: string; expiresAt: Date }> {
  const id = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_SECONDS * 1000);
  await db().session.create({
    data: { id, userId: options.userId, via: options.via, expiresAt, device: describeDevice(options.userAgent) },
  });
  return { id, expiresAt };
}

/** Ends one session of the account (signing out on this device, or ending another from the account page). */
export async function endSession(userId: string, sessionId: string): Promise<boolean> {
  const { count } = await db().session.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/**
 * Ends every session of the account, or every one but `except` (a password or second-factor change keeps the
 * device that made it), or only those a tenant's identity provider started (`via`).
 */
export async function endSessions(userId: string, options: { except?: string; via?: string } = {}): Promise<number> {
  const { count } = await db().session.updateMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: new Date() },
      ...(options.except ? { id: { not: options.except } } : {}),
      ...(options.via ? { via: options.via } : {}),
    },
    data: { revokedAt: new Date() },
  });
  return count;
}

/** The account's live sessions, newest first (the account page). */
export async function listSessions(userId: string) {
  return db().session.findMany({
    where: { userId, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, via: true, createdAt: true, authAt: true, expiresAt: true, device: true },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
}

/** The holder gave their credentials again (operator pages): the session counts as freshly signed in. */
export async function markReauthenticated(sessionId: string, via?: SessionVia): Promise<void> {
  await db().session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { authAt: new Date(), ...(via ? { via } : {}) },
  });
}
