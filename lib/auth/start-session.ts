import "server-only";
import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { encode, type JWT } from "next-auth/jwt";
import { authOptions, sessionCookie, SESSION_MAX_AGE_SECONDS } from "./options.ts";
import type { SignInUser } from "./credentials.ts";
import { db } from "../db/client.ts";
import { openExpiring, sealExpiring } from "./secret-box.ts";
import { createSession, endSession, type SessionVia } from "./sessions.ts";
import { spendTokenOnce } from "./used-tokens.ts";

export type { SessionVia } from "./sessions.ts";

/** next-auth splits a session cookie longer than this into name.0, name.1, … and joins them when reading. */
const CHUNK_SIZE = 4096 - 163;

/**
 * Signs the user in from a server action or route handler: a new session row (lib/auth/sessions.ts) and the
 * same encrypted JWT cookie next-auth's own callback endpoint would write, naming it, so it is read as any other
 * session. A server action, unlike next-auth's client `signIn()`, is a plain form POST before the page's
 * JavaScript has loaded, so a password never travels in a URL (Auth.js v5 signs in the same way). `replaces`:
 * the session this one takes over from (a password change, a second factor turned on), which ends.
 */
export async function startSession(user: SignInUser, via: SessionVia = "password", replaces?: string): Promise<void> {
  const options = authOptions();
  const session = await createSession({ userId: user.id, via, userAgent: (await headers()).get("user-agent") });
  if (replaces) await endSession(user.id, replaces);
  const token: JWT = {
    name: user.name,
    email: user.email,
    sub: user.id,
    sid: session.id,
    passwordChangedAt: user.passwordChangedAt,
  };
  const value = await encode({ token, secret: options.secret!, maxAge: SESSION_MAX_AGE_SECONDS });
  const { name, options: cookieOptions } = sessionCookie();
  const store = await cookies();
  // A chunk left from an earlier, longer session would be joined to the new one: remove every piece first.
  for (const old of store.getAll()) if (old.name === name || old.name.startsWith(`${name}.`)) store.delete(old.name);
  const expires = session.expiresAt;
  const pieces = Math.ceil(value.length / CHUNK_SIZE);
  if (pieces === 1) store.set(name, value, { ...cookieOptions, expires });
  else
    for (let i = 0; i < pieces; i++)
      store.set(`${name}.${i}`, value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), { ...cookieOptions, expires });
}

/** Signs in the account with this id (just created, or just changed its password). */
export async function startSessionFor(userId: string, via: SessionVia = "password", replaces?: string): Promise<void> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, passwordChangedAt: true },
  });
  if (user) await startSession({ ...user, passwordChangedAt: user.passwordChangedAt.getTime() }, via, replaces);
}

/** Removes the session cookie (every piece of it) from this browser. */
export async function clearSessionCookie(): Promise<void> {
  const { name } = sessionCookie();
  const store = await cookies();
  for (const old of store.getAll()) if (old.name === name || old.name.startsWith(`${name}.`)) store.delete(old.name);
}

/**
 * Between the password and the second factor: who passed the password, sealed in a cookie for five minutes,
 * with an id of its own so that it starts one session at most (spendTokenOnce). No session exists until the code
 * is given (app/[locale]/signin/verify).
 */
const PENDING_COOKIE = "samspill.second-factor";
const PENDING_SECONDS = 5 * 60;
type Pending = { id: string; userId: string; passwordChangedAt: number; callbackUrl: string; exp: number };

export async function setPendingSecondFactor(user: SignInUser, callbackUrl: string): Promise<void> {
  const pending: Pending = {
    id: randomBytes(16).toString("base64url"),
    userId: user.id,
    passwordChangedAt: user.passwordChangedAt,
    callbackUrl,
    exp: Date.now() + PENDING_SECONDS * 1000,
  };
  const { options } = sessionCookie();
  (await cookies()).set(PENDING_COOKIE, sealExpiring(pending, PENDING_COOKIE, PENDING_SECONDS), {
    ...options,
    maxAge: PENDING_SECONDS,
  });
}

export type PendingSignIn = { id: string; expiresAt: Date; user: SignInUser; callbackUrl: string };

/** The pending sign-in, if its password is still the account's, it has not expired and was not used. */
export async function readPendingSecondFactor(): Promise<PendingSignIn | null> {
  const pending = openExpiring<Pending>((await cookies()).get(PENDING_COOKIE)?.value, PENDING_COOKIE);
  if (!pending?.id) return null;
  const user = await db().user.findUnique({
    where: { id: pending.userId },
    select: { id: true, email: true, name: true, passwordChangedAt: true },
  });
  if (!user || user.passwordChangedAt.getTime() !== pending.passwordChangedAt) return null;
  return {
    id: pending.id,
    expiresAt: new Date(pending.exp),
    user: { ...user, passwordChangedAt: pending.passwordChangedAt },
    callbackUrl: pending.callbackUrl,
  };
}

/** Uses the pending sign-in up: true once, for the request that may start its session. */
export async function consumePendingSecondFactor(pending: PendingSignIn): Promise<boolean> {
  return spendTokenOnce(`pending:${pending.id}`, pending.expiresAt);
}

export async function clearPendingSecondFactor(): Promise<void> {
  (await cookies()).delete(PENDING_COOKIE);
}
