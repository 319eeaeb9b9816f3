import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "../env.ts";
import { checkCredentials } from "./credentials.ts";
import { clientIpFrom } from "../http/client-ip.ts";
import { createSession, SESSION_LIFETIME_SECONDS } from "./sessions.ts";

/** The error the sign-in form translates into "too many attempts, wait". */
export const LOCKED_OUT = "LockedOut";
/** The cookie lives as long as the session it names (its row in the database has the last word). */
export const SESSION_MAX_AGE_SECONDS = SESSION_LIFETIME_SECONDS;

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
          if (!result.ok) {
            await result.afterResponse();
            if (result.reason === "lockedOut") throw new Error(LOCKED_OUT);
            return null;
          }
          // An account with a second factor, and the platform operator, sign in only through the form, which
          // asks for the code.
          return !result.secondFactor && !result.operator ? result.user : null;
        },
      }),
    ],
    callbacks: {
      // next-auth's own sign-in (the credentials endpoint above): the session row the cookie names. The form's
      // server action writes its cookie itself (lib/auth/start-session.ts).
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.passwordChangedAt = user.passwordChangedAt;
          token.sid = (await createSession({ userId: user.id, via: "password" })).id;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
