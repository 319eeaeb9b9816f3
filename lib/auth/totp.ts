import "server-only";
import { createHash, randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { open, seal } from "./secret-box.ts";
import { auditSignIn } from "./memberships.ts";
import { hitRateLimit, releaseRateLimit } from "../security/rate-limit.ts";

/**
 * A second factor for password accounts (partners without an identity provider): TOTP, RFC 6238, with the
 * maintained `otpauth` library — 6 digits, 30-second steps, SHA-1, the parameters every authenticator app
 * reads from the QR code. A code is accepted one step either side of now, and only once: the last step used
 * is stored and a code of that step or an earlier one is refused. Ten recovery codes, each good once, stored
 * as SHA-256 hashes (they are random, so no slow hash is needed).
 */
const PERIOD = 30;
export const RECOVERY_CODES = 10;
export const SECOND_FACTOR_FAILURES = 10;
const WINDOW_SECONDS = 15 * 60;

const totpFor = (secret: string, email: string) =>
  new OTPAuth.TOTP({
    issuer: "Samspill",
    label: email,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
const context = (userId: string) => `totp:${userId}`;
const hash = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toLowerCase()).digest("hex");

export type Enrolment = { secret: string; uri: string; qrSvg: string };

async function enrolmentOf(secret: string, email: string): Promise<Enrolment> {
  const uri = totpFor(secret, email).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

export async function secondFactorStatus(userId: string) {
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpSecretEnc: true, totpEnabledAt: true, totpRecovery: true },
  });
  return {
    enabledAt: user.totpEnabledAt,
    recoveryLeft: user.totpRecovery.length,
    pending:
      !user.totpEnabledAt && user.totpSecretEnc
        ? await enrolmentOf(open(user.totpSecretEnc, context(userId)), user.email)
        : null,
  };
}

/** A new secret, waiting for its first code (confirmEnrolment). */
export async function beginEnrolment(userId: string): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "auth:totp.alreadyOn");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db().user.update({
    where: { id: userId },
    data: { totpSecretEnc: seal(secret, context(userId)), totpLastStep: null, totpRecovery: [] },
  });
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const raw = randomBytes(6).toString("hex"); // 48 bits
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  });
}

/** The step a code belongs to (one either side of now), or null. */
function stepOf(secret: string, email: string, code: string): number | null {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secret, email).validate({ token, window: 1 });
  return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD) + delta;
}

/**
 * Counts the attempt before its code is checked, in one atomic statement: of a burst of parallel attempts,
 * only as many as the lockout allows get as far as the check (an attempt that passes takes its count back).
 */
async function countAttempt(userId: string) {
  const { allowed } = await hitRateLimit(`totp:${userId}`, SECOND_FACTOR_FAILURES, WINDOW_SECONDS);
  if (!allowed) throw new AppError("CONFLICT", "auth:totp.lockedOut");
}

async function passed(userId: string) {
  await releaseRateLimit(`totp:${userId}`, WINDOW_SECONDS);
}

/** The first code turns the factor on; the recovery codes are returned once, never stored in the clear. */
export async function confirmEnrolment(userId: string, code: string): Promise<string[]> {
  await countAttempt(userId);
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpSecretEnc: true, totpEnabledAt: true },
  });
  if (user.totpEnabledAt || !user.totpSecretEnc) throw new AppError("CONFLICT", "auth:totp.alreadyOn");
  const step = stepOf(open(user.totpSecretEnc, context(userId)), user.email, code);
  if (step === null) throw new AppError("INVALID_INPUT", "errors:invalidInput", { code: "validation.totpCode" });
  await passed(userId);
  const codes = newRecoveryCodes();
  const { count } = await db().user.updateMany({
    where: { id: userId, totpEnabledAt: null, totpSecretEnc: user.totpSecretEnc },
    data: { totpEnabledAt: new Date(), totpLastStep: step, totpRecovery: codes.map(hash) },
  });
  if (count !== 1) throw new AppError("CONFLICT", "errors:conflict");
  await auditSignIn(userId, "auth.totpEnabled", {});
  return codes;
}

/**
 * The second step of a password sign-in: a current code (each step once) or an unused recovery code (each
 * once). Failures count towards a lockout per account, across instances.
 */
export async function verifySecondFactor(userId: string, input: string): Promise<"code" | "recovery"> {
  await countAttempt(userId);
  const user = await db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, totpSecretEnc: true, totpEnabledAt: true },
  });
  if (!user.totpEnabledAt || !user.totpSecretEnc) throw new AppError("INVALID_INPUT", "auth:totp.notOn");
  const step = stepOf(open(user.totpSecretEnc, context(userId)), user.email, input);
  if (step !== null) {
    // One statement: two requests with the same code cannot both pass.
    const used = await db()
      .$executeRaw`update "User" set "totpLastStep" = ${step} where id = ${userId} and ("totpLastStep" is null or "totpLastStep" < ${step})`;
    if (used === 1) {
      await passed(userId);
      return "code";
    }
  } else if (/^[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}$/i.test(input.trim())) {
    const h = hash(input.trim());
    const used = await db()
      .$executeRaw`update "User" set "totpRecovery" = array_remove("totpRecovery", ${h}) where id = ${userId} and ${h} = any("totpRecovery")`;
    if (used === 1) {
      await passed(userId);
      await auditSignIn(userId, "auth.recoveryCodeUsed", {});
      return "recovery";
    }
  }
  await auditSignIn(userId, "auth.signInFailed", { method: "totp" });
  throw new AppError("INVALID_INPUT", "errors:invalidInput", { code: "validation.totpCode" });
}

/** Turning the factor off takes a current code or a recovery code. */
export async function disableSecondFactor(userId: string, input: string): Promise<void> {
  await verifySecondFactor(userId, input);
  await db().user.update({
    where: { id: userId },
    data: { totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null, totpRecovery: [] },
  });
  await auditSignIn(userId, "auth.totpDisabled", {});
}
