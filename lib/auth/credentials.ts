import { z } from "zod";
import { db } from "../db/client.ts";
import { verifyPassword } from "./password.ts";
import { hitRateLimit, peekRateLimit } from "../security/rate-limit.ts";
import { auditSignIn } from "./memberships.ts";

/** Failed sign-ins allowed per account and per IP address in 15 minutes before a temporary lockout. */
export const SIGNIN_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_FAILURES_PER_ACCOUNT = 10;
export const SIGNIN_FAILURES_PER_IP = 50;

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});

export type SignInUser = { id: string; email: string; name: string; passwordChangedAt: number };
/** `secondFactor`: the account has TOTP on, so a session starts only after a code (lib/auth/totp.ts). */
export type CredentialCheck =
  { ok: true; user: SignInUser; secondFactor: boolean } | { ok: false; reason: "invalid" | "lockedOut" };

/**
 * E-mail and password, checked the same way whichever door they come through (the sign-in form's server
 * action, or next-auth's credentials endpoint for API clients). Failures are counted in PostgreSQL per account
 * and per address, so the lockout holds across app instances. The answer never tells whether the e-mail exists.
 */
export async function checkCredentials(raw: unknown, ip: string): Promise<CredentialCheck> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const accountKey = `signin:account:${parsed.data.email}`;
  const ipKey = `signin:ip:${ip}`;
  const [accountFailures, ipFailures] = [
    await peekRateLimit(accountKey, SIGNIN_WINDOW_SECONDS),
    await peekRateLimit(ipKey, SIGNIN_WINDOW_SECONDS),
  ];
  if (accountFailures >= SIGNIN_FAILURES_PER_ACCOUNT || ipFailures >= SIGNIN_FAILURES_PER_IP)
    return { ok: false, reason: "lockedOut" };
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  // Always verify a hash, so an unknown e-mail takes as long as a wrong password.
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok) {
    await hitRateLimit(accountKey, SIGNIN_FAILURES_PER_ACCOUNT, SIGNIN_WINDOW_SECONDS);
    await hitRateLimit(ipKey, SIGNIN_FAILURES_PER_IP, SIGNIN_WINDOW_SECONDS);
    if (user) await auditSignIn(user.id, "auth.signInFailed", { method: "password" });
    return { ok: false, reason: "invalid" };
  }
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, passwordChangedAt: user.passwordChangedAt.getTime() },
    secondFactor: Boolean(user.totpEnabledAt),
  };
}
