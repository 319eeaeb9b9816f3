import { cache } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { decode } from "next-auth/jwt";
import { sessionCookie } from "./options.ts";
import { readAccount } from "./memberships.ts";
import { env } from "../env.ts";

/** `via`: how the session was started ("password" or "oidc:<tenantId>"), see lib/auth/start-session.ts. */
export type SessionUser = { id: string; name: string; email: string; via: string };

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
 * token on every request for a cookie a server component cannot set). The cookie alone is not enough: the
 * account must still exist and its password must not have changed since the session was issued, so changing a
 * password ends every other session at its next request (memberships are checked per request in ./context.ts).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request, never at build time
  const token = sessionCookieValue((await cookies()).getAll());
  if (!token) return null;
  const claims = await decode({ token, secret: env().AUTH_SECRET }).catch(() => null); // forged, expired, old secret
  if (!claims?.sub) return null;
  const account = await readAccount(claims.sub);
  if (!account || account.passwordChangedAt !== claims.passwordChangedAt) return null;
  return { id: account.id, name: account.name, email: account.email, via: claims.via ?? "password" };
});
