import "server-only";
import { withTenant, type TenantContext } from "../../db/tenant.ts";
import { assertCan } from "../permissions.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { connectionOf, discover } from "./connection.ts";
import { summariseIssuerError, type IssuerProblemKind } from "./issuer.ts";

export type ProviderTest =
  | { ok: true; authorizationEndpoint: string; supportsPkce: boolean }
  | { ok: false; problem: IssuerProblemKind; missing: string[] };

/**
 * Tries the saved settings: the discovery document is fetched and checked (issuer, endpoints, keys, the
 * authorization code flow and PKCE S256). Success is remembered and audited; only a tested provider can be
 * turned on. A failure is summarised as one of a few kinds the page translates — never the raw error, which
 * would tell an administrator what the server's own network answers.
 */
export async function testProvider({ ctx }: { ctx: TenantContext }): Promise<ProviderTest> {
  assertCan(ctx, "settings.manage");
  const row = await withTenant(ctx, (tx) => tx.identityProvider.findUnique({ where: { tenantId: ctx.tenantId } }));
  if (!row) throw new AppError("NOT_FOUND", "errors:notFound");
  let result: ProviderTest;
  try {
    const meta = (await discover(connectionOf(row), true)).serverMetadata();
    const methods = meta.code_challenge_methods_supported;
    const missing = [
      !meta.authorization_endpoint && "authorization_endpoint",
      !meta.token_endpoint && "token_endpoint",
      !meta.jwks_uri && "jwks_uri",
      meta.response_types_supported &&
        !meta.response_types_supported.includes("code") &&
        "response_types_supported: code",
      methods && !methods.includes("S256") && "code_challenge_methods_supported: S256",
    ].filter((m): m is string => Boolean(m));
    result = missing.length
      ? { ok: false, problem: "missing", missing }
      : {
          ok: true,
          authorizationEndpoint: meta.authorization_endpoint!,
          supportsPkce: Boolean(methods?.includes("S256")),
        };
  } catch (error) {
    result = { ok: false, problem: summariseIssuerError(error), missing: [] };
  }
  // A failed test changes nothing (the administrator sees why); a passed one is remembered and audited.
  if (result.ok) {
    await withTenant(ctx, async (tx) => {
      await tx.identityProvider.update({ where: { tenantId: ctx.tenantId }, data: { testedAt: new Date() } });
      await recordAudit(tx, ctx, {
        action: "identityProvider.tested",
        entityType: "IdentityProvider",
        entityId: ctx.tenantId,
        details: { issuer: row.issuer },
      });
    });
  }
  return result;
}
