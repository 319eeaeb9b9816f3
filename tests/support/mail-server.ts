/**
 * A real SMTP server on this machine for the tests (the npm package smtp-server): it accepts every mail and
 * keeps it in memory and, for the e2e specs, as one JSON line per mail in `mailFile`. The app sends through it
 * with SMTP_URL=smtp://127.0.0.1:<port>, exactly as through a municipality's mail server.
 */
import { appendFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

export type Mail = { to: string[]; subject: string; text: string; at: string };

export type TestMailServer = { port: number; url: string; mails: Mail[]; close(): Promise<void> };

/** The plain-text body of a simple mail as nodemailer writes it (quoted-printable unfolded). */
function bodyOf(raw: string): { subject: string; text: string } {
  const [head = "", ...rest] = raw.split(/\r?\n\r?\n/);
  const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? "";
  let text = rest.join("\n\n");
  if (/quoted-printable/i.test(head))
    text = text
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return { subject, text: Buffer.from(text, "latin1").toString("utf8") };
}

export async function startTestMailServer(options: { mailFile?: string } = {}): Promise<TestMailServer> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const mail: Mail = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          ...bodyOf(Buffer.concat(chunks).toString("latin1")),
          at: new Date().toISOString(),
        };
        mails.push(mail);
        if (options.mailFile) appendFileSync(options.mailFile, `${JSON.stringify(mail)}\n`);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
