import "server-only";
import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { env } from "../../env.ts";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** Whether plain-http loopback issuers are allowed here: development, or a test run that says so. */
function loopbackAllowed(): boolean {
  const settings = env();
  return settings.NODE_ENV !== "production" || settings.ALLOW_LOOPBACK_ISSUERS === "1";
}

/** An address an issuer may not point at: loopback, private, link-local, unspecified and the like. */
export function isInternalAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() !== "unicast";
}

/**
 * An issuer must be an https URL on the internet. Plain http on this machine (the test suite's provider, a
 * developer's) only where loopback issuers are allowed; in production a loopback or private address would let
 * an administrator make the server probe its own network, so it is refused as a name (`localhost`) and as an
 * address literal here, and by what the name resolves to before the server fetches anything (assertPublicIssuer).
 */
export function isAllowedIssuer(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password || url.search || url.hash) return false;
  const loopback = LOOPBACK_NAMES.includes(url.hostname);
  if (loopback) return loopbackAllowed() && (url.protocol === "http:" || url.protocol === "https:");
  if (url.protocol !== "https:") return false;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return !isInternalAddress(host) && !host.endsWith(".localhost");
}

/**
 * Before the server fetches from an issuer: every address its name resolves to must be a public one (unless it
 * is a loopback issuer where those are allowed). Throws "internal" otherwise.
 */
export async function assertPublicIssuer(issuer: string): Promise<void> {
  const url = new URL(issuer);
  if (LOOPBACK_NAMES.includes(url.hostname) && loopbackAllowed()) return;
  const addresses = await lookup(url.hostname.replace(/^\[|\]$/g, ""), { all: true, verbatim: true });
  if (addresses.length === 0 || addresses.some((a) => isInternalAddress(a.address)))
    throw new IssuerProblem("internal");
}

/** Why an issuer could not be used, as one of a few words the settings page translates (never the raw error). */
export type IssuerProblemKind = "internal" | "unreachable" | "notOidc" | "issuerMismatch" | "tls" | "missing";

export class IssuerProblem extends Error {
  constructor(
    readonly kind: IssuerProblemKind,
    readonly missing: string[] = [],
  ) {
    super(`issuer problem: ${kind}`);
  }
}

/** An error from fetching or reading a discovery document, summarised. */
export function summariseIssuerError(error: unknown): IssuerProblemKind {
  if (error instanceof IssuerProblem) return error.kind;
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  const text = error instanceof Error ? `${error.name} ${error.message} ${typeof code === "string" ? code : ""}` : "";
  if (/certificate|self.signed|TLS|SSL|CERT_/i.test(text)) return "tls";
  if (/issuer/i.test(text) && /mismatch|unexpected|does not match/i.test(text)) return "issuerMismatch";
  if (/ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|timeout|aborted|fetch failed/i.test(text))
    return "unreachable";
  return "notOidc";
}
