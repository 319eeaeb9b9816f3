/**
 * Two-step verification in the library: a code is good once — also when two requests race with it —, a
 * recovery code once, wrong codes lock the account's second step out, and next-auth's credentials endpoint
 * (for API clients) never signs in an account that has a second factor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as OTPAuth from "otpauth";
import { appDb, uniqueSlug } from "../support/db.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import { authOptions } from "../../lib/auth/options.ts";
import {
  beginEnrolment,
  confirmEnrolment,
  disableSecondFactor,
  secondFactorStatus,
  verifySecondFactor,
  SECOND_FACTOR_FAILURES,
} from "../../lib/auth/totp.ts";
import { AppError } from "../../lib/errors.ts";

const PASSWORD = "correct horse battery staple";
const codeAt = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

async function enrolled() {
  const email = `${uniqueSlug("totp")}@example.test`;
  const user = await appDb().user.create({
    data: { email, name: "Tone Totp", passwordHash: await hashPassword(PASSWORD) },
  });
  await beginEnrolment(user.id);
  const secret = (await secondFactorStatus(user.id)).pending!.secret;
  const recovery = await confirmEnrolment(user.id, codeAt(secret));
  return { user, email, secret, recovery };
}

const refused = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

afterAll(async () => {
  await appDb().$disconnect();
});

describe("TOTP", () => {
  let t: Awaited<ReturnType<typeof enrolled>>;
  beforeAll(async () => {
    t = await enrolled();
  });

  it("shows the secret only while enrolling, and ten recovery codes once", async () => {
    expect(t.recovery).toHaveLength(10);
    expect(new Set(t.recovery).size).toBe(10);
    const status = await secondFactorStatus(t.user.id);
    expect(status).toMatchObject({ pending: null, recoveryLeft: 10 });
    expect(status.enabledAt).toBeInstanceOf(Date);
    const row = await appDb().user.findUniqueOrThrow({ where: { id: t.user.id } });
    expect(row.totpSecretEnc).toMatch(/^v1\./);
    expect(row.totpSecretEnc).not.toContain(t.secret);
    expect(row.totpRecovery.some((h) => t.recovery.includes(h))).toBe(false);
  });

  it("accepts the next code once, even when two requests race with it", async () => {
    const next = codeAt(t.secret, 1);
    const results = await Promise.allSettled([
      verifySecondFactor(t.user.id, next),
      verifySecondFactor(t.user.id, next),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await refused(verifySecondFactor(t.user.id, next))).fieldErrors).toEqual({ code: "validation.totpCode" });
    // The code the enrolment used, and an old one, are refused too.
    await refused(verifySecondFactor(t.user.id, codeAt(t.secret)));
    await refused(verifySecondFactor(t.user.id, codeAt(t.secret, -20)));
  });

  it("takes a recovery code once, with or without its dashes", async () => {
    const [first] = t.recovery;
    expect(await verifySecondFactor(t.user.id, first.replaceAll("-", "").toUpperCase())).toBe("recovery");
    await refused(verifySecondFactor(t.user.id, first));
    expect((await secondFactorStatus(t.user.id)).recoveryLeft).toBe(9);
  });

  it("is never skipped by next-auth's credentials endpoint", async () => {
    const provider = authOptions().providers[0] as unknown as {
      options: { authorize: (c: unknown, r?: unknown) => Promise<unknown> };
    };
    expect(
      await provider.options.authorize(
        { email: t.email, password: PASSWORD },
        { headers: { "x-forwarded-for": "203.0.113.7" } },
      ),
    ).toBeNull();
  });

  it("locks the second step out after repeated wrong codes, right codes included", async () => {
    const other = await enrolled();
    for (let i = 0; i < SECOND_FACTOR_FAILURES; i++) await refused(verifySecondFactor(other.user.id, "000000"));
    expect((await refused(verifySecondFactor(other.user.id, codeAt(other.secret, 1)))).messageKey).toBe(
      "auth:totp.lockedOut",
    );
  });

  it("turns off only with a code, and then forgets the secret and the recovery codes", async () => {
    const other = await enrolled();
    await refused(disableSecondFactor(other.user.id, "123456"));
    await disableSecondFactor(other.user.id, other.recovery[3]);
    const row = await appDb().user.findUniqueOrThrow({ where: { id: other.user.id } });
    expect(row).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null, totpRecovery: [] });
  });
});
