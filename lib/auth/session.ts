import { cache } from "react";
import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./options.ts";
import { db } from "../db/client.ts";

/** `via`: how the session was started ("password" or "oidc:<tenantId>"), see lib/auth/start-session.ts. */
export type SessionUser = { id: string; name: string; email: string; via: string };

/**
 * The signed-in user of this request, or null. The session cookie alone is not enough: the account must
 * still exist and its password must not have changed since the session was issued, so changing a password
 * ends every other session at its next request (memberships are checked per request in ./context.ts).
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request, never at build time
  const session = await getServerSession(authOptions());
  const claimed = session?.user;
  if (!claimed?.id) return null;
  const user = await db().user.findUnique({ where: { id: claimed.id }, select: { id: true, name: true, email: true, passwordChangedAt: true } });
  if (!user || user.passwordChangedAt.getTime() !== claimed.passwordChangedAt) return null;
  return { id: user.id, name: user.name, email: user.email, via: claimed.via ?? "password" };
});
