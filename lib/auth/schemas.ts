import "server-only";
import { z } from "zod";
import { passwordSchema } from "../onboarding/schemas.ts";

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
    newPassword: passwordSchema,
    repeatPassword: z
      .string({ error: "validation.required" })
      .min(1, "validation.required")
      .max(200, "validation.tooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.repeatPassword !== v.newPassword)
      ctx.addIssue({ code: "custom", path: ["repeatPassword"], message: "validation.passwordMismatch" });
    if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "validation.passwordSame" });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** The sign-in form: an e-mail (trimmed, lower-cased) and a password, both bounded. */
export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(200),
});
