import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { currentUser, type SessionUser } from "./session.ts";
import { resolveTenantContext, signInNeededFor, type ResolvedTenant } from "./context.ts";
import { can, type Action } from "./permissions.ts";
import { hasProviderLink } from "./oidc/complete-oidc-sign-in.ts";
import { localeParam } from "../i18n/params.ts";
import type { Locale } from "../i18n/settings.ts";

type TenantParams = Promise<{ locale: string; tenant: string }>;

/**
 * The start of every workspace page: a signed-out visitor goes to sign-in (and back afterwards); a
 * non-member, or a member whose role may not take `action`, gets the same 404 as a tenant that does not exist.
 */
export async function requireTenantPage(
  params: TenantParams,
  action: Action = "tenant.view",
): Promise<{ locale: Locale; user: SessionUser; ctx: ResolvedTenant }> {
  const locale = await localeParam(params);
  const { tenant } = await params;
  const user = await currentUser();
  if (!user) {
    // Back to the very page afterwards (the proxy passes it on); a session that ended lands here, not in the proxy.
    const home = `/${locale}/t/${tenant}`;
    const requested = (await headers()).get("x-samspill-path");
    const back =
      requested && (requested === home || requested.startsWith(`${home}/`) || requested.startsWith(`${home}?`))
        ? requested
        : home;
    redirect(`/${locale}/signin?callbackUrl=${encodeURIComponent(back)}`);
  }
  const ctx = await resolveTenantContext(user.id, tenant, user.via);
  if (!ctx) {
    // A member signed in the wrong way for this tenant (a password where the municipality requires its own
    // identity provider, or another tenant's provider) is sent to sign in the right way, then back here.
    const needed = await signInNeededFor(user.id, tenant, user.via);
    // An administrator of a tenant that requires a second factor sets one up on the account page first.
    if (needed === "totp") redirect(`/${locale}/account?secondFactor=required`);
    // A municipality that requires its own sign-in, which this account has not connected yet: connect it first
    // (signed in, so the account is theirs), from the account page.
    const membership = user.memberships.find((m) => m.tenantSlug === tenant);
    if (needed === "oidc" && membership && !(await hasProviderLink(membership.tenantId, user.id)))
      redirect(`/${locale}/account?connect=${tenant}`);
    if (needed) {
      const back = (await headers()).get("x-samspill-path") ?? `/${locale}/t/${tenant}`;
      redirect(
        `/${locale}/signin?callbackUrl=${encodeURIComponent(back)}&${needed === "oidc" ? `provider=${tenant}` : "reauth=1"}`,
      );
    }
  }
  if (!ctx || !can(ctx.role, action)) notFound();
  return { locale, user, ctx };
}
