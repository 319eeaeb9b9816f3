import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { decode } from "next-auth/jwt";
import { sessionCookie } from "./options.ts";
import { readSession, type Account } from "./memberships.ts";
import { env } from "../env.ts";
import { noteRequestUser } from "../observability/request-context.ts";

/**
 * The signed-in user: the account, and of the session `via` (how it was started: "password",
 * "password+totp" or "oidc:<tenantId>", see lib/auth/sessions.ts), its id and when its holder last gave
 * their credentials (`authAt`, ms).
 */
export type SessionUser = {
  id: string;
  name: string;
  email: string;
  via: string;
  sessionId: string;
  authAt: number;
  platformAdmin: boolean;
  hasPassword: boolean;
  secondFactor: boolean;
  memberships: Account["memberships"];
};

/**
 * The session cookie's value: next-auth's cookie, joined from its pieces (name.0, name.1, …) when it was too
 * long for one (lib/auth/start-session.ts writes it the same way).
 */
function sessionCookieValue(all: { name: string; value: string }[]): string | undefined {
  const { name } = sessionCookie();
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const pieces = all
    .map((c) => ({ c, i: c.name.startsWith(`${name}.`) ? Number(c.name.slice(name.length + 1)) : NaN }))
    .filter(({ i }) => Number.isInteger(i) && i >= 0)
    .sort((a, b) => a.i - b.i);
  return pieces.length ? pieces.map(({ c }) => c.value).join("") : undefined;
}

/**
 * The signed-in user of this request, or null. The session is next-auth's encrypted JWT (decoded with its own
 * `decode`, as its `getServerSession` does, without the handler around it, which would also re-encrypt the
 * token on every request for a cookie a server component cannot set). The cookie alone is not enough: it names
 * a session (`sid`), which must exist in the database, not be ended and not be past its absolute lifetime, and
 * the account's password must not have changed since it was issued — so the server can end any session
 * (memberships are checked per request in ./context.ts).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request, never at build time
  const token = sessionCookieValue((await cookies()).getAll());
  if (!token) return null;
  const claims = await decode({ token, secret: env().AUTH_SECRET }).catch(() => null); // forged, expired, old secret
  if (!claims?.sub || typeof claims.sid !== "string") return null;
  const account = await readSession(claims.sub, claims.sid);
  if (!account || account.passwordChangedAt !== claims.passwordChangedAt) return null;
  noteRequestUser(account.id); // the id only, on this request's log line
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    via: account.session.via,
    sessionId: account.session.id,
    authAt: account.session.authAt,
    platformAdmin: account.platformAdmin,
    hasPassword: account.hasPassword,
    secondFactor: account.secondFactor,
    memberships: account.memberships,
  };
});
