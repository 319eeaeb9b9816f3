import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { authOptions } from "./options.ts";

export type SessionUser = { id: string; name: string; email: string };

/** The signed-in user of this request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  await connection(); // per request, never at build time
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, name: user.name ?? user.email, email: user.email };
}
