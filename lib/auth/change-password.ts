import "server-only";
import { db, type Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { ChangePasswordInput } from "./schemas.ts";
import { hashPassword } from "./password.ts";
import { confirmCurrentPassword } from "./confirm-password.ts";

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
  await confirmCurrentPassword(userId, data.currentPassword);
  const user = await client.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, passwordChangedAt: true },
  });
  if (!user) throw new AppError("UNAUTHENTICATED", "errors:signedOut");
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
