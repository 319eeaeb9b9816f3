import "server-only";
/**
 * Cross-site request forgery: a state-changing request (anything but GET, HEAD, OPTIONS) is refused when the
 * browser says it comes from another site. Browsers send `Origin` with every POST (and `Sec-Fetch-Site`), so a
 * page elsewhere cannot make a signed-in user's browser call a server action or route handler here; a request
 * without either header does not come from a browser page and carries no ambient credentials worth forging.
 * Next.js refuses cross-origin server actions too, but only after routing, and with a 500; this answers 403
 * before any app code runs, for route handlers as well.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

function first(value: string | null): string | null {
  return value?.split(",")[0]?.trim().toLowerCase() || null;
}

/** The hosts the app answers as: the request's (forwarded) host, and the host of NEXTAUTH_URL if set. */
export function allowedHosts(headers: Headers, publicUrl = process.env.NEXTAUTH_URL): string[] {
  const hosts = [first(headers.get("x-forwarded-host")), first(headers.get("host"))];
  if (publicUrl) {
    try {
      hosts.push(new URL(publicUrl).host.toLowerCase());
    } catch {
      // an invalid NEXTAUTH_URL is reported at start-up; it adds no host here
    }
  }
  return [...new Set(hosts.filter((h): h is string => Boolean(h)))];
}

export function checkOrigin(method: string, headers: Headers, publicUrl = process.env.NEXTAUTH_URL): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site" || site === "same-site") return { ok: false, reason: `sec-fetch-site ${site}` };
  const origin = headers.get("origin");
  if (origin === null) return { ok: true };
  let host: string;
  try {
    if (origin === "null") throw new Error("opaque origin");
    host = new URL(origin).host.toLowerCase();
  } catch {
    return { ok: false, reason: "opaque or invalid origin" };
  }
  return allowedHosts(headers, publicUrl).includes(host) ? { ok: true } : { ok: false, reason: `origin ${host}` };
}
