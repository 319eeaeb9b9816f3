import "server-only";
import { z } from "zod";
import { checkbox, optionalId, requiredEnum, requiredId, requiredText } from "../validation.ts";
import { emailSchema, passwordSchema } from "../onboarding/schemas.ts";

export const ROLES = ["TENANT_ADMIN", "COORDINATOR", "PARTNER_VIEWER"] as const;

const roleRules = (v: { role: string; organisationId?: string }, ctx: z.RefinementCtx) => {
  if (v.role === "PARTNER_VIEWER" && !v.organisationId)
    ctx.addIssue({ code: "custom", path: ["organisationId"], message: "validation.choosePartner" });
};

export const inviteSchema = z
  .object({ email: emailSchema, role: requiredEnum(ROLES), organisationId: optionalId })
  .superRefine(roleRules);
export const changeRoleSchema = z
  .object({ membershipId: requiredId, role: requiredEnum(ROLES), organisationId: optionalId, confirmSelf: checkbox })
  .superRefine(roleRules);
export const removeMemberSchema = z.object({ membershipId: requiredId, confirmSelf: checkbox });
export const revokeInvitationSchema = z.object({ invitationId: requiredId });
export const acceptInvitationSchema = z.object({
  token: z.string().min(10).max(600),
  name: z.preprocess((v) => (v === "" ? undefined : v), requiredText(120).optional()),
  password: z.preprocess((v) => (v === "" ? undefined : v), passwordSchema.optional()),
});
