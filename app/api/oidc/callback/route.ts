import { cookies } from "next/headers";
import { NextResponse } from "next/server";
import { FLOW_COOKIE } from "@/lib/auth/oidc/flow";
import { completeOidcSignIn } from "@/lib/auth/oidc/complete-oidc-sign-in";
import { startSession } from "@/lib/auth/start-session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentUser } from "@/lib/auth/session";
import { listMemberships } from "@/lib/auth/memberships";
import { env } from "@/lib/env";

/**
 * The redirect URI every tenant registers with its identity provider. The flow's checks come from the sealed
 * cookie set when the user left (app/[locale]/signin/actions.ts); the cookie is used once. It is not a tenant
 * route: no session is needed to arrive here (the provider sends the browser back), so it does not use the
 * tenant frame.
 */
export async function GET(request: Request) {
  const store = await cookies();
  const flow = store.get(FLOW_COOKIE)?.value;
  store.delete({ name: FLOW_COOKIE, path: "/api/oidc" });
  const signedIn = await currentUser();
  const outcome = await completeOidcSignIn(
    new URL(request.url),
    flow,
    signedIn && { userId: signedIn.id, sessionId: signedIn.sessionId },
  );
  const base = env().NEXTAUTH_URL;
  if (!outcome.ok) {
    const query = new URLSearchParams({
      reason: outcome.reason,
      ...(outcome.tenantSlug ? { tenant: outcome.tenantSlug } : {}),
    });
    return NextResponse.redirect(new URL(`/${outcome.locale}/signin/refused?${query}`, base), 303);
  }
  if (outcome.linked && signedIn) {
    // A holder connected the provider to their account. Where the municipality requires it, this browser
    // continues through it (the password session opens nothing there); elsewhere the session stays as it was.
    const membership = (await listMemberships(outcome.user.id)).find((m) => m.tenantId === outcome.tenantId);
    if (!(membership?.requireOidc && membership.role !== "PARTNER_VIEWER")) {
      return NextResponse.redirect(new URL(`/${outcome.locale}/account?connected=${outcome.tenantSlug}`, base), 303);
    }
    await startSession(outcome.user, `oidc:${outcome.tenantId}`, signedIn.sessionId);
  } else {
    await startSession(outcome.user, `oidc:${outcome.tenantId}`);
  }
  return NextResponse.redirect(
    new URL(safeCallbackUrl(outcome.callbackUrl, `/${outcome.locale}/t/${outcome.tenantSlug}`), base),
    303,
  );
}
