import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { readFormOptions } from "./get-participant.ts";
import { previewNextCode } from "./register-participant.ts";
import { legalBasesFor } from "./schemas.ts";

/**
 * What the registration form shows, read in one transaction: the options of the participant forms, the code the
 * next registration gets (computed as registration does, for the hint), the pilots one can enrol in at once (the
 * active ones) and the statutory bases of the tenant's country.
 */
export async function getRegistrationForm(ctx: TenantContext) {
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    const options = await readFormOptions(tx, ctx);
    return {
      ...options,
      nextCode: await previewNextCode(tx, ctx),
      activePilots: options.pilots.filter((p) => p.status === "ACTIVE"),
      legalBases: legalBasesFor(options.country),
    };
  });
}
