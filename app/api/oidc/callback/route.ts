import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { completeOidcSignIn, FLOW_COOKIE } from "@/lib/auth/oidc";
import { startSession } from "@/lib/auth/start-session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { env } from "@/lib/env";

/**
 * The redirect URI every tenant registers with its identity provider. The flow's checks come from the sealed
 * cookie set when the user left (app/[locale]/signin/actions.ts); the cookie is used once.
 */
export async function GET(request: Request) {
  const store = await cookies();
  const flow = store.get(FLOW_COOKIE)?.value;
  store.delete({ name: FLOW_COOKIE, path: "/api/oidc" });
  const outcome = await completeOidcSignIn(new URL(request.url), flow);
  const base = env().NEXTAUTH_URL;
  if (!outcome.ok) {
    const query = new URLSearchParams({
      reason: outcome.reason,
      ...(outcome.tenantSlug ? { tenant: outcome.tenantSlug } : {}),
    });
    return NextResponse.redirect(new URL(`/${outcome.locale}/signin/refused?${query}`, base), 303);
  }
  await startSession(outcome.user, `oidc:${outcome.tenantId}`);
  return NextResponse.redirect(
    new URL(safeCallbackUrl(outcome.callbackUrl, `/${outcome.locale}/t/${outcome.tenantSlug}`), base),
    303,
  );
}
