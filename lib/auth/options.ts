import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "../env.ts";
import { db } from "../db/client.ts";
import { verifyPassword } from "./password.ts";
import { listMemberships } from "./memberships.ts";

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
        async authorize(raw) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const user = await db().user.findUnique({ where: { email: parsed.data.email } });
          // Always verify a hash, so an unknown e-mail takes as long as a wrong password.
          const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
          if (!user || !ok) return null;
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user) token.sub = user.id;
        if ((user || trigger === "update") && token.sub) {
          token.memberships = (await listMemberships(token.sub)).map((m) => ({ slug: m.tenantSlug, role: m.role }));
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.memberships = (token.memberships as { slug: string; role: string }[] | undefined) ?? [];
        }
        return session;
      },
    },
  };
}
