import "server-only";
import { db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../auth/session.ts";

/** How long an operator's password and code count as fresh: operator actions ask again after this. */
export const OPERATOR_REAUTH_MINUTES = 10;

/**
 * What the platform operator's session may do: `none` for anyone else (a 404), `reauth` when the operator must
 * give password and code again (the session did not use a second factor, or did so too long ago), `ok` otherwise.
 * The operator never signs in through a municipality's provider (lib/auth/oidc), so `via` is a password here.
 */
export function operatorAccess(user: Pick<SessionUser, "platformAdmin" | "via" | "authAt">): "none" | "reauth" | "ok" {
  if (!user.platformAdmin) return "none";
  if (user.via !== "password+totp") return "reauth";
  return Date.now() - user.authAt <= OPERATOR_REAUTH_MINUTES * 60_000 ? "ok" : "reauth";
}

function requireOperator(user: SessionUser) {
  const access = operatorAccess(user);
  if (access === "none") throw new AppError("NOT_FOUND", "errors:notFound");
  if (access === "reauth") throw new AppError("INVALID_INPUT", "auth:stepUp.needed");
}

/** The platform operator's view: municipalities waiting for approval (ONBOARDING_MODE=approval). */
export async function listPendingTenants(user: SessionUser) {
  requireOperator(user);
  return db().tenant.findMany({
    where: { status: "PENDING_APPROVAL" },
    select: { id: true, slug: true, name: true, country: true, municipalityCode: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function decideTenant(user: SessionUser, tenantId: string, approve: boolean) {
  requireOperator(user);
  const { count } = await db().tenant.updateMany({
    where: { id: tenantId, status: "PENDING_APPROVAL" },
    data: { status: approve ? "ACTIVE" : "SUSPENDED" },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
}
