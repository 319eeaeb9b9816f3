import { z } from "zod";
import { db, type Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { passwordSchema } from "../onboarding/schemas.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { hitRateLimit, peekRateLimit } from "../security/rate-limit.ts";

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
    newPassword: passwordSchema,
    repeatPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.repeatPassword !== v.newPassword)
      ctx.addIssue({ code: "custom", path: ["repeatPassword"], message: "validation.passwordMismatch" });
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "validation.passwordSame" });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Wrong current passwords allowed per account in 15 minutes: the form must not become a way to guess one. */
export const PASSWORD_CHANGE_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * Sets a new password for the signed-in user, after checking the current one. The account's
 * passwordChangedAt moves on, which voids every session issued before (lib/auth/session.ts); the caller signs
 * the user in again on this device. Returns the new passwordChangedAt.
 */
export async function changePassword({
  userId,
  data,
  client = db(),
}: {
  userId: string;
  data: ChangePasswordInput;
  client?: Db;
}): Promise<Date> {
  const key = `password-change:${userId}`;
  if ((await peekRateLimit(key, WINDOW_SECONDS, client)) >= PASSWORD_CHANGE_FAILURES)
    throw new AppError("CONFLICT", "auth:account.lockedOut");
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, passwordChangedAt: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    await hitRateLimit(key, PASSWORD_CHANGE_FAILURES, WINDOW_SECONDS, client);
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { currentPassword: "validation.currentPassword" });
  }
  const passwordHash = await hashPassword(data.newPassword);
  // Only if nobody changed it meanwhile (another tab): the check and the write are one statement.
  const changedAt = new Date(Math.max(Date.now(), user.passwordChangedAt.getTime() + 1));
  const { count } = await client.user.updateMany({
    where: { id: userId, passwordChangedAt: user.passwordChangedAt },
    data: { passwordHash, passwordChangedAt: changedAt },
  });
  if (count !== 1) throw new AppError("CONFLICT", "errors:conflict");
  return changedAt;
}
