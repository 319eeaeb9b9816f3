import "server-only";
import type { Role } from "../db/generated/enums.ts";
import { AppError } from "../errors.ts";

/**
 * Every action a member can take, and the roles allowed to take it: the one place permissions are decided.
 * Partner viewers see aggregated dashboards and pilots, never a participant.
 */
export const permissions = {
  "tenant.view": ["TENANT_ADMIN", "COORDINATOR", "PARTNER_VIEWER"],
  "dashboard.view": ["TENANT_ADMIN", "COORDINATOR", "PARTNER_VIEWER"],
  "pilot.view": ["TENANT_ADMIN", "COORDINATOR", "PARTNER_VIEWER"],
  "pilot.manage": ["TENANT_ADMIN", "COORDINATOR"],
  "organisation.view": ["TENANT_ADMIN", "COORDINATOR", "PARTNER_VIEWER"],
  "organisation.manage": ["TENANT_ADMIN", "COORDINATOR"],
  "participant.view": ["TENANT_ADMIN", "COORDINATOR"],
  "participant.manage": ["TENANT_ADMIN", "COORDINATOR"],
  "settings.manage": ["TENANT_ADMIN"],
  "members.manage": ["TENANT_ADMIN"],
  "audit.view": ["TENANT_ADMIN"],
  /** Publishing partners' figures ("publish now", the release schedule): the administrator's. */
  "release.publish": ["TENANT_ADMIN"],
  /** GDPR: access/portability, erasure and retention are the data controller's, i.e. the administrator's. */
  "participant.export": ["TENANT_ADMIN"],
  "participant.erase": ["TENANT_ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

export function can(role: Role, action: Action): boolean {
  return (permissions[action] as readonly Role[]).includes(role);
}

/** Throws NOT_FOUND (not "forbidden"): what a member may not see, they cannot tell exists. */
export function assertCan(ctx: { role: Role }, action: Action): void {
  if (!can(ctx.role, action)) throw new AppError("NOT_FOUND", "errors:notFound");
}
