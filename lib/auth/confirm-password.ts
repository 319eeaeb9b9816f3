import "server-only";
import { db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { verifyPassword } from "./password.ts";
import { hitRateLimit, releaseRateLimit } from "../security/rate-limit.ts";

/** Wrong current passwords allowed per account in 15 minutes: a form that asks again must not become a way to guess. */
export const CONFIRM_PASSWORD_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * An account-level change (a new password, a second factor on or off, an operator's re-check) asks for the
 * current password again. The attempt is counted before the check, atomically, like every sign-in; a right
 * password takes its count back. A wrong one is a field error on `field`.
 */
export async function confirmCurrentPassword(
  userId: string,
  password: string,
  field = "currentPassword",
): Promise<void> {
  const key = `confirm-password:${userId}`;
  const { allowed } = await hitRateLimit(key, CONFIRM_PASSWORD_FAILURES, WINDOW_SECONDS);
  if (!allowed) throw new AppError("CONFLICT", "auth:account.lockedOut");
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
  if (!(await verifyPassword(user.passwordHash, password.slice(0, 200))))
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.currentPassword" });
  await releaseRateLimit(key, WINDOW_SECONDS);
}
