import "server-only";
import { z } from "zod";
import { db } from "../../db/client.ts";
import { withTenant } from "../../db/tenant.ts";
import { env } from "../../env.ts";
import { openExpiring, sealExpiring } from "../secret-box.ts";
import { connectionOf } from "../identity-providers/connection.ts";

/** The one redirect URI every tenant registers with its provider. */
export function redirectUri(): string {
  return `${env().NEXTAUTH_URL.replace(/\/$/, "")}/api/oidc/callback`;
}

/**
 * The state of one sign-in between leaving for the provider and coming back, sealed in a short-lived cookie.
 * `link`: the signed-in holder of an account connects the provider to it (their session proves control of the
 * account); `invitation`: an invitation link the person followed.
 */
export type Flow = {
  tenantId: string;
  slug: string;
  verifier: string;
  state: string;
  nonce: string;
  callbackUrl: string;
  locale: string;
  invitation?: string;
  link?: { userId: string; sessionId: string };
};
export const FLOW_COOKIE = "samspill.oidc-flow";
export const FLOW_COOKIE_MAX_AGE = 10 * 60;
const FLOW_CONTEXT = "oidc-flow";

export const sealFlow = (flow: Flow) => sealExpiring(flow, FLOW_CONTEXT, FLOW_COOKIE_MAX_AGE);
export const openFlow = (cookie: string | undefined) => openExpiring<Flow>(cookie, FLOW_CONTEXT);

/** The active tenant with this slug and its provider, when the provider is turned on. */
export async function providerOf(slug: string) {
  const tenant = await db().tenant.findUnique({ where: { slug }, select: { id: true, slug: true, status: true } });
  if (!tenant || tenant.status !== "ACTIVE") return null;
  const row = await withTenant({ tenantId: tenant.id }, (tx) =>
    tx.identityProvider.findUnique({ where: { tenantId: tenant.id } }),
  );
  return row?.enabled ? { tenant, provider: connectionOf(row) } : null;
}

/** The municipalities whose staff can sign in through their own provider (for a proven domain, or all). */
export async function oidcTenants(domain: string | null = null): Promise<{ slug: string; name: string }[]> {
  const rows = await db().$queryRaw<unknown[]>`select slug, name from samspill_oidc_tenants(${domain})`;
  return z.array(z.object({ slug: z.string(), name: z.string() })).parse(rows);
}
