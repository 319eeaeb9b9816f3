import "server-only";
import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "../db/client.ts";
import { env } from "../env.ts";
import { sendMail } from "../mail/mailer.ts";
import { hitRateLimit } from "../security/rate-limit.ts";
import { openExpiring, sealExpiring } from "./secret-box.ts";
import { sessionCookie } from "./options.ts";
import { tokenUsed, spendTokenOnce } from "./used-tokens.ts";

/**
 * Where a second factor is required — an administrator of a municipality that requires one, and the platform
 * operator — the password alone must not be enough to set one up: whoever had only the password would enrol
 * their own factor and be in. So it is set up through a link sent to the account's own address (something the
 * holder has) and the password (something they know). The link is sealed, good for 30 minutes and once.
 */
const CONTEXT = "second-factor-setup";
const LINK_MINUTES = 30;
export const SETUP_LINKS_PER_HOUR = 3;

type SetupToken = { id: string; userId: string; passwordChangedAt: number; exp: number };

/** `mailed`: sent; `noMail`: no mail server is configured; `tooMany`: three were sent in the last hour. */
export type SetupLinkResult = "mailed" | "noMail" | "tooMany";

export async function sendSecondFactorSetupLink(userId: string, locale: string): Promise<SetupLinkResult> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { email: true, passwordChangedAt: true, totpEnabledAt: true },
  });
  if (!user || user.totpEnabledAt) return "mailed"; // nothing to set up: say nothing more
  const { allowed } = await hitRateLimit(`totp-setup-link:${userId}`, SETUP_LINKS_PER_HOUR, 3600);
  if (!allowed) return "tooMany";
  const exp = Date.now() + LINK_MINUTES * 60_000;
  const token: SetupToken = {
    id: randomBytes(16).toString("base64url"),
    userId,
    passwordChangedAt: user.passwordChangedAt.getTime(),
    exp,
  };
  const { NEXTAUTH_URL, NODE_ENV, SMTP_URL } = env();
  const link = `${NEXTAUTH_URL.replace(/\/$/, "")}/${locale}/account/second-factor?token=${encodeURIComponent(
    sealExpiring(token, CONTEXT, LINK_MINUTES * 60),
  )}`;
  const mailed = await sendMail({
    to: user.email,
    subject: "Samspill: two-step verification / totrinnsbekreftelse / tvåstegsverifiering",
    text:
      `Set up two-step verification for Samspill / Sett opp totrinnsbekreftelse for Samspill / ` +
      `Konfigurera tvåstegsverifiering för Samspill:\n\n${link}\n\n` +
      `(${LINK_MINUTES} min. If you did not ask for this, change your password. / Ba du ikke om dette, bytt passord. / ` +
      `Bad du inte om detta, byt lösenord.)`,
  });
  if (!mailed && !SMTP_URL && NODE_ENV === "development") {
    // A developer without a mail server: the link in the terminal that runs `npm run dev`, never in production.
    console.info(`[dev] second-factor set-up link (no SMTP_URL configured): ${link}`);
  }
  return mailed ? "mailed" : "noMail";
}

/** The account a set-up link is for, while it is good: not expired, not used, the password unchanged. */
export async function readSecondFactorSetupLink(value: string | undefined): Promise<SetupToken | null> {
  const token = openExpiring<SetupToken>(value, CONTEXT);
  if (!token?.id || (await tokenUsed(`totp-setup:${token.id}`))) return null;
  const user = await db().user.findUnique({ where: { id: token.userId }, select: { passwordChangedAt: true } });
  return user && user.passwordChangedAt.getTime() === token.passwordChangedAt ? token : null;
}

/** Uses the link up: true once. */
export async function spendSecondFactorSetupLink(token: SetupToken): Promise<boolean> {
  return spendTokenOnce(`totp-setup:${token.id}`, new Date(token.exp));
}

/** This browser gave the password for this link (step 1): only then does it see the new secret. */
const STEP_COOKIE = "samspill.second-factor-setup";

export async function rememberSetupPassword(tokenId: string): Promise<void> {
  const { options } = sessionCookie();
  (await cookies()).set(STEP_COOKIE, sealExpiring({ tokenId }, STEP_COOKIE, LINK_MINUTES * 60), {
    ...options,
    maxAge: LINK_MINUTES * 60,
  });
}

export async function setupPasswordGiven(tokenId: string): Promise<boolean> {
  return openExpiring<{ tokenId: string }>((await cookies()).get(STEP_COOKIE)?.value, STEP_COOKIE)?.tokenId === tokenId;
}

export async function forgetSetupPassword(): Promise<void> {
  (await cookies()).delete(STEP_COOKIE);
}
