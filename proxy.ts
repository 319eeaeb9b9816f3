import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { isLocale, localeFromAcceptLanguage } from "./lib/i18n/settings.ts";

/**
 * Routing at the edge of the app: `/` and paths without a language go to the browser's language; a signed-out
 * visitor of a tenant workspace is sent to sign-in and back afterwards. This is convenience, not security:
 * every page and action checks the session and membership itself.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const [, first, second] = pathname.split("/");
  if (!isLocale(first)) {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    const url = request.nextUrl.clone();
    url.pathname = `/${locale}${pathname === "/" ? "" : pathname}`;
    return NextResponse.redirect(url);
  }
  if (second === "t" || second === "p") {
    const token = await getToken({ req: request, secret: process.env.AUTH_SECRET });
    if (!token) {
      const url = request.nextUrl.clone();
      url.pathname = `/${first}/signin`;
      url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(url);
    }
  }
  const headers = new Headers(request.headers);
  headers.set("x-samspill-locale", first);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but API routes, Next.js internals and files with an extension.
  matcher: ["/((?!api|_next|.*\\.[a-zA-Z0-9]+$).*)"],
};
