import { NextResponse, type NextRequest } from "next/server";
import { isLocale, localeFromAcceptLanguage } from "./lib/i18n/settings.ts";
import { contentSecurityPolicy, staticSecurityHeaders } from "./lib/security/headers.ts";
import { checkOrigin } from "./lib/security/origin.ts";
import { acceptableActionBody } from "./lib/security/action-body.ts";

const production = process.env.NODE_ENV === "production";
/** next-auth's session cookie (lib/auth/options.ts), whole or in pieces. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

function secure(response: NextResponse, csp?: string): NextResponse {
  for (const [name, value] of Object.entries(
    staticSecurityHeaders(production && (process.env.NEXTAUTH_URL ?? "").startsWith("https://")),
  )) {
    response.headers.set(name, value);
  }
  if (csp) response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * Routing at the edge of the app: `/` and paths without a language go to the browser's language; a signed-out
 * visitor of a workspace is sent to sign-in and back afterwards; every page gets its security headers and a
 * fresh script nonce; a state-changing request from another site is refused (lib/security/origin.ts). Redirects are convenience, not security: every page and action checks the session and
 * the membership itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // Forged cross-site writes (server actions, route handlers) stop here, before any app code runs.
  if (!checkOrigin(request.method, request.headers).ok) {
    return secure(NextResponse.json({ error: "cross_site_request" }, { status: 403 }));
  }
  if (!(await acceptableActionBody(request)))
    return secure(NextResponse.json({ error: "malformed_request" }, { status: 400 }));
  if (pathname.startsWith("/api/")) return secure(NextResponse.next());
  const [, first, second] = pathname.split("/");
  if (!isLocale(first)) {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}${pathname === "/" ? "" : pathname}`;
    return secure(NextResponse.redirect(url));
  }
  if (second === "t" || second === "p") {
    // Whether there is a session cookie at all: the page decodes and checks it (lib/auth/session.ts) and sends a
    // visitor whose session has expired or ended to sign-in itself, so it is not decrypted twice per request.
    if (!request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name))) {
      const url = request.nextUrl.clone();
      url.pathname = `/${first}/signin`;
      url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return secure(NextResponse.redirect(url));
    }
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, !production);
  const headers = new Headers(request.headers);
  headers.set("x-samspill-locale", first);
  headers.set("x-samspill-path", pathname + search);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  return secure(NextResponse.next({ request: { headers } }), csp);
}

export const config = {
  // Everything but Next.js internals and files with an extension (API routes get their headers here too).
  matcher: ["/((?!_next/static|_next/image|.*\\.[a-zA-Z0-9]+$).*)"],
};
