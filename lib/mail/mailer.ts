import "server-only";
import nodemailer from "nodemailer";
import { env } from "../env.ts";

export type Mail = { to: string; subject: string; text: string };

/** Sends a mail through SMTP_URL. Without a mail server configured nothing is sent and the caller shows the
 * link instead (returns false). */
export async function sendMail(mail: Mail): Promise<boolean> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) return false;
  const transport = nodemailer.createTransport(SMTP_URL);
  await transport.sendMail({ from: MAIL_FROM, ...mail });
  return true;
}
