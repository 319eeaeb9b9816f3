import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env.ts";
import { listMemberships } from "./memberships.ts";
import { checkCredentials } from "./credentials.ts";
import { clientIpFrom } from "../http/client-ip.ts";

/** The error the sign-in form translates into "too many attempts, wait". */
export const LOCKED_OUT = "LockedOut";
/** Sessions last a working day. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Secure cookies when the app is served over HTTPS in production. */
function secureCookies(): boolean {
  return env().NODE_ENV === "production" && (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

/**
 * The session cookie, named here so that next-auth (which reads it) and the sign-in action (which writes it,
 * lib/auth/start-session.ts) agree. Its options are next-auth's defaults.
 */
export function sessionCookie() {
  const secure = secureCookies();
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** The next-auth configuration: e-mail and password (argon2id), signed JWT sessions in an HttpOnly cookie. */
export function authOptions(): NextAuthOptions {
  const { AUTH_SECRET } = env();
  return {
    secret: AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies(),
    cookies: { sessionToken: sessionCookie() },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        // For API clients (tests/e2e/isolation/client.ts); people sign in through the form's server action.
        async authorize(raw, request) {
          const ip = clientIpFrom((name) => {
            const value = (request?.headers as Record<string, unknown> | undefined)?.[name];
            return typeof value === "string" ? value : null;
          });
          const result = await checkCredentials(raw, ip);
          if (!result.ok && result.reason === "lockedOut") throw new Error(LOCKED_OUT);
          // An account with a second factor signs in only through the form, which asks for the code.
          return result.ok && !result.secondFactor ? result.user : null;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user) {
          token.sub = user.id;
          token.passwordChangedAt = user.passwordChangedAt;
        }
        if ((user || trigger === "update") && token.sub) {
          token.memberships = (await listMemberships(token.sub)).map((m) => ({ slug: m.tenantSlug, role: m.role }));
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.passwordChangedAt = token.passwordChangedAt;
          session.user.memberships = token.memberships ?? [];
          session.user.via = token.via ?? "password";
        }
        return session;
      },
    },
  };
}
