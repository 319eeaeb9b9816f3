import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { currentUser } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/sessions";

type Context = { params: Promise<{ nextauth: string[] }> };

// Options are built per request so that configuration is read at run time, not at build time.
function nextAuth(request: Request, context: Context): Promise<Response> {
  return NextAuth(request as never, context as never, authOptions()) as Promise<Response>;
}

/**
 * next-auth's endpoints, for API clients (tests/e2e/isolation/client.ts signs in through `callback/credentials`);
 * people sign in and out through the forms' server actions. Two of its endpoints are answered here instead:
 * `session`, which next-auth answers by writing the cookie again with a new expiry (a session kept alive that
 * way would never end — ours end at their absolute lifetime, lib/auth/sessions.ts), and `signout`, which must
 * also end the session on the server, not only remove this browser's cookie. These endpoints belong to no tenant,
 * so they read the session themselves (currentUser) rather than through the tenant frame (withTenantRoute).
 */
export async function GET(request: Request, context: Context) {
  const [action] = (await context.params).nextauth;
  if (action === "session") {
    const user = await currentUser();
    return NextResponse.json(user ? { user: { id: user.id, name: user.name, email: user.email } } : {}, {
      headers: { "Cache-Control": "no-store" },
    });
  }
  return nextAuth(request, context);
}

export async function POST(request: Request, context: Context) {
  const [action] = (await context.params).nextauth;
  if (action === "signout") {
    const user = await currentUser();
    if (user) await endSession(user.id, user.sessionId);
  }
  return nextAuth(request, context);
}
