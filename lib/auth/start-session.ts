import { cookies } from "next/headers";
import { encode } from "next-auth/jwt";
import { authOptions, sessionCookie, SESSION_MAX_AGE_SECONDS } from "./options.ts";
import type { SignInUser } from "./credentials.ts";
import { db } from "../db/client.ts";
import { openExpiring, sealExpiring } from "./secret-box.ts";

/**
 * How a session was started, and so which tenants it opens (lib/auth/context.ts): a password session opens the
 * user's tenants that allow passwords ("password+totp" when a second factor was used too); a session from a
 * tenant's identity provider opens that tenant only.
 */
export type SessionVia = "password" | "password+totp" | `oidc:${string}`;

/** next-auth splits a session cookie longer than this into name.0, name.1, … and joins them when reading. */
const CHUNK_SIZE = 4096 - 163;

/**
 * Signs the user in from a server action: the same encrypted JWT, built by the same `jwt` callback and written
 * to the same cookie that next-auth's own callback endpoint would write, so `getServerSession` reads it as any
 * other session. A server action, unlike next-auth's client `signIn()`, is a plain form POST before the page's
 * JavaScript has loaded, so a password never travels in a URL (Auth.js v5 signs in the same way).
 */
export async function startSession(user: SignInUser, via: SessionVia = "password"): Promise<void> {
  const options = authOptions();
  const token = await options.callbacks!.jwt!({
    token: { name: user.name, email: user.email, sub: user.id },
    user: { ...user },
    account: null,
    trigger: "signIn",
  });
  token.via = via;
  const value = await encode({ token, secret: options.secret!, maxAge: SESSION_MAX_AGE_SECONDS });
  const { name, options: cookieOptions } = sessionCookie();
  const store = await cookies();
  // A chunk left from an earlier, longer session would be joined to the new one: remove every piece first.
  for (const old of store.getAll()) if (old.name === name || old.name.startsWith(`${name}.`)) store.delete(old.name);
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  const pieces = Math.ceil(value.length / CHUNK_SIZE);
  if (pieces === 1) store.set(name, value, { ...cookieOptions, expires });
  else
    for (let i = 0; i < pieces; i++)
      store.set(`${name}.${i}`, value.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE), { ...cookieOptions, expires });
}

/** Signs in the account with this id (just created, or just changed its password). */
export async function startSessionFor(userId: string, via: SessionVia = "password"): Promise<void> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, passwordChangedAt: true },
  });
  if (user) await startSession({ ...user, passwordChangedAt: user.passwordChangedAt.getTime() }, via);
}

/**
 * Between the password and the second factor: who passed the password, sealed in a cookie for five minutes.
 * No session exists until the code is given (app/[locale]/signin/verify).
 */
const PENDING_COOKIE = "samspill.second-factor";
const PENDING_SECONDS = 5 * 60;
type Pending = { userId: string; passwordChangedAt: number; callbackUrl: string };

export async function setPendingSecondFactor(user: SignInUser, callbackUrl: string): Promise<void> {
  const pending: Pending = { userId: user.id, passwordChangedAt: user.passwordChangedAt, callbackUrl };
  const { options } = sessionCookie();
  (await cookies()).set(PENDING_COOKIE, sealExpiring(pending, PENDING_COOKIE, PENDING_SECONDS), {
    ...options,
    maxAge: PENDING_SECONDS,
  });
}

/** The pending sign-in, if its password is still the account's and it has not expired. */
export async function readPendingSecondFactor(): Promise<{ user: SignInUser; callbackUrl: string } | null> {
  const pending = openExpiring<Pending>((await cookies()).get(PENDING_COOKIE)?.value, PENDING_COOKIE);
  if (!pending) return null;
  const user = await db().user.findUnique({
    where: { id: pending.userId },
    select: { id: true, email: true, name: true, passwordChangedAt: true },
  });
  if (!user || user.passwordChangedAt.getTime() !== pending.passwordChangedAt) return null;
  return { user: { ...user, passwordChangedAt: pending.passwordChangedAt }, callbackUrl: pending.callbackUrl };
}

export async function clearPendingSecondFactor(): Promise<void> {
  (await cookies()).delete(PENDING_COOKIE);
}
