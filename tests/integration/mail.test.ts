/**
 * Invitations by e-mail: with SMTP_URL set (here: a local SMTP sink started by the test), inviteMember mails
 * the link instead of returning it for the administrator to pass on. env() is read once per process, so
 * SMTP_URL is set before the app's modules are imported.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session: SMTPServerSession, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

let lib: {
  env: typeof import("../../lib/env.ts").env;
  db: typeof import("../../lib/db/client.ts").db;
  sendMail: typeof import("../../lib/mail/mailer.ts").sendMail;
  inviteMember: typeof import("../../lib/members/invite-member.ts").inviteMember;
  acceptInvitation: typeof import("../../lib/members/accept-invitation.ts").acceptInvitation;
  readInvitationToken: typeof import("../../lib/members/invitation-token.ts").readInvitationToken;
  support: typeof import("../support/db.ts");
  helpers: typeof import("./helpers/coordinator.ts");
};
let port: number;

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  port = (server.server.address() as AddressInfo).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Samspill Test <no-reply@samspill.test>";
  const [envModule, client, mailer, invite, accept, token, support, helpers] = await Promise.all([
    import("../../lib/env.ts"),
    import("../../lib/db/client.ts"),
    import("../../lib/mail/mailer.ts"),
    import("../../lib/members/invite-member.ts"),
    import("../../lib/members/accept-invitation.ts"),
    import("../../lib/members/invitation-token.ts"),
    import("../support/db.ts"),
    import("./helpers/coordinator.ts"),
  ]);
  lib = {
    env: envModule.env,
    db: client.db,
    sendMail: mailer.sendMail,
    inviteMember: invite.inviteMember,
    acceptInvitation: accept.acceptInvitation,
    readInvitationToken: token.readInvitationToken,
    support,
    helpers,
  };
});

afterAll(async () => {
  await lib?.support.appDb().$disconnect();
  await lib?.db().$disconnect();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The message's headers and its text body, decoded (quoted-printable or base64) as a mail client would. */
function parse(raw: string) {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = Object.fromEntries(
    head.split("\r\n").map((line) => {
      const i = line.indexOf(":");
      return [line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()];
    }),
  );
  let body = raw.slice(split + 4);
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  if (encoding === "quoted-printable") {
    body = decodeURIComponent(
      body
        .replace(/=\r?\n/g, "")
        .replace(/%/g, "%25")
        .replace(/=([0-9A-F]{2})/gi, "%$1"),
    );
  } else if (encoding === "base64") {
    body = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  return { headers, body: body.replace(/\r\n/g, "\n") };
}

/** A header's RFC 2047 encoded words, decoded (the whitespace between two adjacent encoded words is dropped). */
const decodeHeader = (value: string) =>
  value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeURIComponent(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, "%$1")),
    );

describe("invitations by e-mail", () => {
  it("uses the SMTP_URL set for this file", () => {
    expect(lib.env().SMTP_URL).toBe(`smtp://127.0.0.1:${port}`);
  });

  it("mails the invitation link to the invited address and says so", async () => {
    const t = await lib.helpers.createTenantWithStaff("mail");
    const email = `${lib.support.uniqueSlug("invitee")}@example.test`;
    const tenantName = "Snåase tjïelte / Snåsa kommune";
    const count = received.length;
    const result = await lib.inviteMember({
      ctx: { ...t.admin, tenantName },
      email,
      role: "COORDINATOR",
      locale: "sv",
    });
    expect(result.mailed).toBe(true);
    expect(result.link).toContain("/sv/invitation?token=");

    expect(received).toHaveLength(count + 1);
    const message = received[count];
    expect(message.from).toBe("no-reply@samspill.test");
    expect(message.to).toEqual([email]);
    const { headers, body } = parse(message.raw);
    expect(headers.to).toBe(email);
    expect(headers.from).toContain("no-reply@samspill.test");
    expect(decodeHeader(headers.subject)).toBe(`Samspill: ${tenantName}`);
    expect(body).toContain(result.link);
    expect(body).toContain(`Du är inbjuden till ${tenantName} i Samspill`);
    expect(body).toContain("(7 days / dager / dagar)");

    // The link in the mail is the working one.
    const mailedLink = body.match(/https?:\/\/\S+/)![0];
    expect(mailedLink).toBe(result.link);
    const token = new URL(mailedLink).searchParams.get("token")!;
    expect(lib.readInvitationToken(lib.env().AUTH_SECRET, token)).toMatchObject({ tenantId: t.tenantId });
    expect(
      await lib.acceptInvitation({
        token,
        userId: null,
        newAccount: { name: "Mailed Person", password: "correct horse battery staple" },
      }),
    ).toMatchObject({ tenantSlug: t.slug, email });
  });

  it("sends one mail per invitation, each with its own link", async () => {
    const t = await lib.helpers.createTenantWithStaff("mail2");
    const count = received.length;
    const first = await lib.inviteMember({
      ctx: { ...t.admin, tenantName: "Two" },
      email: "one@example.test",
      role: "COORDINATOR",
      locale: "nb",
    });
    const second = await lib.inviteMember({
      ctx: { ...t.admin, tenantName: "Two" },
      email: "two@example.test",
      role: "TENANT_ADMIN",
      locale: "en",
    });
    expect(first.link).not.toBe(second.link);
    const mails = received.slice(count).map((m) => ({ to: m.to, body: parse(m.raw).body }));
    expect(mails).toHaveLength(2);
    expect(mails[0].to).toEqual(["one@example.test"]);
    expect(mails[0].body).toContain(first.link);
    expect(mails[0].body).not.toContain(second.link);
    expect(mails[1].to).toEqual(["two@example.test"]);
    expect(mails[1].body).toContain(second.link);
  });

  it("sendMail delivers a plain message through SMTP_URL", async () => {
    const count = received.length;
    expect(await lib.sendMail({ to: "plain@example.test", subject: "Hello", text: "Plain body" })).toBe(true);
    expect(received).toHaveLength(count + 1);
    const { headers, body } = parse(received[count].raw);
    expect(headers.subject).toBe("Hello");
    expect(body.trim()).toBe("Plain body");
  });
});
