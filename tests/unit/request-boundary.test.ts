/**
 * What a request can make the server do with values it chooses: where a sign-in sends the browser next (the
 * open-redirect payloads browsers turn into another host), which address a sign-in failure is counted
 * against (X-Forwarded-For written by the client), and which issuer the server may fetch from.
 */
import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "../../lib/auth/callback-url.ts";
import { clientIpFrom } from "../../lib/http/client-ip.ts";
import { isAllowedIssuer, isInternalAddress, summariseIssuerError } from "../../lib/auth/identity-providers/issuer.ts";

describe("a sign-in's destination stays on this site", () => {
  const fallback = "/nb/t";
  it.each([
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "//evil.example",
    "///evil.example",
    "/ /evil.example",
    "https:evil.example",
    "https://evil.example/nb/t",
    "http:/evil.example",
    "javascript:alert(1)",
    "\t/\t/evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",
  ])("refuses %j", (payload) => {
    const answer = safeCallbackUrl(payload, fallback);
    // Either the fallback, or a path that a browser resolves on this very origin (an encoded tab stays a path).
    for (const base of ["https://samspill.example", "http://localhost:3000"]) {
      expect(new URL(answer, base).origin).toBe(new URL(base).origin);
      // The answer as a browser reads a Location header: tabs and newlines dropped, backslashes as slashes.
      const asBrowser = answer.replace(/[\t\n\r]/g, "").replace(/\\/g, "/");
      expect(asBrowser.startsWith("//")).toBe(false);
    }
    if (!payload.startsWith("/") || /^\/[\\/\t\n\r]/.test(payload)) expect(answer).toBe(fallback);
  });

  it("keeps paths on this site, resolved", () => {
    expect(safeCallbackUrl("/nb/t/verdal/participants?q=a#x", fallback)).toBe("/nb/t/verdal/participants?q=a#x");
    expect(safeCallbackUrl("/nb/t/../account", fallback)).toBe("/nb/account");
    expect(safeCallbackUrl(["/sv/t/are", "//evil.example"], fallback)).toBe("/sv/t/are");
    expect(safeCallbackUrl(undefined, fallback)).toBe(fallback);
  });
});

describe("the client's address is read from the right of X-Forwarded-For", () => {
  const from = (xff: string | null, setting: string) =>
    clientIpFrom((n) => (n === "x-forwarded-for" ? xff : null), setting);

  it("with one proxy (the default): the address it saw, whatever the client wrote to the left", () => {
    expect(from("203.0.113.7", "1")).toBe("203.0.113.7");
    expect(from("1.2.3.4, 203.0.113.7", "1")).toBe("203.0.113.7");
    expect(from("evil, 1.2.3.4, 203.0.113.7", "1")).toBe("203.0.113.7");
    expect(from("::ffff:203.0.113.7", "1")).toBe("203.0.113.7");
    expect(from(null, "1")).toBe("local");
  });

  it("with two proxies counted, or proxies named by network", () => {
    expect(from("1.2.3.4, 203.0.113.7, 10.0.0.2", "2")).toBe("203.0.113.7");
    expect(from("1.2.3.4, 203.0.113.7, 10.0.0.2, 10.0.0.3", "10.0.0.0/8")).toBe("203.0.113.7");
    expect(from("203.0.113.7, 10.0.0.2", "10.0.0.2, 10.0.0.3")).toBe("203.0.113.7");
    // A client cannot hide behind an address of the proxies' network written at the left.
    expect(from("10.0.0.9, 198.51.100.1, 10.0.0.2", "10.0.0.0/8")).toBe("198.51.100.1");
  });
});

describe("issuers the server may fetch from", () => {
  it("https on a public name only; loopback http where allowed (development, tests)", () => {
    expect(isAllowedIssuer("https://login.microsoftonline.com/abc/v2.0")).toBe(true);
    expect(isAllowedIssuer("http://login.example.no")).toBe(false);
    expect(isAllowedIssuer("https://user:pw@login.example.no")).toBe(false);
    expect(isAllowedIssuer("https://10.0.0.5")).toBe(false);
    expect(isAllowedIssuer("https://169.254.169.254/latest")).toBe(false);
    expect(isAllowedIssuer("https://[::1]")).toBe(process.env.NODE_ENV !== "production");
    expect(isAllowedIssuer("https://[fd00::1]")).toBe(false);
    expect(isAllowedIssuer("https://metadata.localhost")).toBe(false);
    expect(isInternalAddress("127.0.0.1")).toBe(true);
    expect(isInternalAddress("::ffff:192.168.1.1")).toBe(true);
    expect(isInternalAddress("8.8.8.8")).toBe(false);
  });

  it("summarises what went wrong in a few words, never the raw message", () => {
    const kinds = [
      summariseIssuerError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
      summariseIssuerError(new Error("self-signed certificate in certificate chain")),
      summariseIssuerError(new Error('"response" body "issuer" property does not match the expected value')),
      summariseIssuerError(new Error("unexpected JSON: <html>Postgres here</html>")),
    ];
    expect(kinds).toEqual(["unreachable", "tls", "issuerMismatch", "notOidc"]);
  });
});
