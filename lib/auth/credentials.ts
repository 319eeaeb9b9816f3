import "server-only";
import { credentialsSchema } from "./schemas.ts";
import { db } from "../db/client.ts";
import { verifyPassword } from "./password.ts";
import { hitRateLimit, releaseRateLimit } from "../security/rate-limit.ts";
import { auditSignIn } from "./memberships.ts";

/** Failed sign-ins allowed per account and per IP address in 15 minutes before a temporary lockout. */
export const SIGNIN_WINDOW_SECONDS = 15 * 60;
export const SIGNIN_FAILURES_PER_ACCOUNT = 10;
export const SIGNIN_FAILURES_PER_IP = 50;

export type SignInUser = { id: string; email: string; name: string; passwordChangedAt: number };
/**
 * `secondFactor`: the account has TOTP on, so a session starts only after a code (lib/auth/totp.ts);
 * `operator`: the platform operator, who always needs one. A failure carries `afterResponse`: what is written
 * about it (the account's audit trail) once the answer has gone, so that how long the answer takes does not
 * tell whether the e-mail has an account.
 */
export type CredentialCheck =
  | { ok: true; user: SignInUser; secondFactor: boolean; operator: boolean }
  | { ok: false; reason: "invalid" | "lockedOut"; afterResponse: () => Promise<void> };

const nothing = () => Promise.resolve();

/**
 * E-mail and password, checked the same way whichever door they come through (the sign-in form's server
 * action, or next-auth's credentials endpoint for API clients). Every attempt is counted before the password
 * is checked — one atomic statement per counter, in PostgreSQL so the lockout holds across app instances —
 * so a burst of parallel guesses is checked no further than the limit; a good password takes its count back.
 * Known and unknown e-mails do the same work before the answer, which never tells whether the e-mail exists.
 */
export async function checkCredentials(raw: unknown, ip: string): Promise<CredentialCheck> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid", afterResponse: nothing };
  const accountKey = `signin:account:${parsed.data.email}`;
  const ipKey = `signin:ip:${ip}`;
  const [account, address] = await Promise.all([
    hitRateLimit(accountKey, SIGNIN_FAILURES_PER_ACCOUNT, SIGNIN_WINDOW_SECONDS),
    hitRateLimit(ipKey, SIGNIN_FAILURES_PER_IP, SIGNIN_WINDOW_SECONDS),
  ]);
  if (!account.allowed || !address.allowed) return { ok: false, reason: "lockedOut", afterResponse: nothing };
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  // Always verify a hash, so an unknown e-mail takes as long as a wrong password.
  const ok = await verifyPassword(user?.passwordHash ?? null, parsed.data.password);
  if (!user || !ok) {
    const userId = user?.id;
    return {
      ok: false,
      reason: "invalid",
      afterResponse: userId ? () => auditSignIn(userId, "auth.signInFailed", { method: "password" }) : nothing,
    };
  }
  await Promise.all([
    releaseRateLimit(accountKey, SIGNIN_WINDOW_SECONDS),
    releaseRateLimit(ipKey, SIGNIN_WINDOW_SECONDS),
  ]);
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, passwordChangedAt: user.passwordChangedAt.getTime() },
    secondFactor: Boolean(user.totpEnabledAt),
    operator: user.platformAdmin,
  };
}
