import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env.ts";
import { db } from "../db/client.ts";
import { verifyPassword } from "./password.ts";
import { listMemberships } from "./memberships.ts";
import { hitRateLimit, peekRateLimit } from "../security/rate-limit.ts";

/** Failed sign-ins allowed per account and per IP address in 15 minutes before a temporary lockout. */
export const SIGNIN_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_FAILURES_PER_ACCOUNT = 10;
export const SIGNIN_FAILURES_PER_IP = 50;
/** The error the sign-in form translates into "too many attempts, wait". */
export const LOCKED_OUT = "LockedOut";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return (typeof forwarded === "string" && forwarded.split(",")[0]?.trim()) || "local";
}

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});

/** The next-auth configuration: e-mail and password (argon2id), signed JWT sessions in an HttpOnly cookie. */
export function authOptions(): NextAuthOptions {
  const { AUTH_SECRET, NODE_ENV } = env();
  return {
    secret: AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    useSecureCookies: NODE_ENV === "production" && (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, request) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          // Failures are counted in PostgreSQL per account and per address, so the limit holds across instances.
          const accountKey = `signin:account:${parsed.data.email}`;
          const ipKey = `signin:ip:${clientIp(request?.headers as Record<string, unknown> | undefined)}`;
          const [accountFailures, ipFailures] = [await peekRateLimit(accountKey, SIGNIN_WINDOW_SECONDS), await peekRateLimit(ipKey, SIGNIN_WINDOW_SECONDS)];
          if (accountFailures >= SIGNIN_FAILURES_PER_ACCOUNT || ipFailures >= SIGNIN_FAILURES_PER_IP) throw new Error(LOCKED_OUT);
          const user = await db().user.findUnique({ where: { email: parsed.data.email } });
          // Always verify a hash, so an unknown e-mail takes as long as a wrong password.
          const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
          if (!user || !ok) {
            await hitRateLimit(accountKey, SIGNIN_FAILURES_PER_ACCOUNT, SIGNIN_WINDOW_SECONDS);
            await hitRateLimit(ipKey, SIGNIN_FAILURES_PER_IP, SIGNIN_WINDOW_SECONDS);
            return null;
          }
          return { id: user.id, email: user.email, name: user.name, passwordChangedAt: user.passwordChangedAt.getTime() };
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
      async session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.passwordChangedAt = token.passwordChangedAt;
          session.user.memberships = (token.memberships as { slug: string; role: string }[] | undefined) ?? [];
        }
        return session;
      },
    },
  };
}
