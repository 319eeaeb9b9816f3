import "server-only";
import { z } from "zod";
import { checkbox, optionalText, requiredId, requiredText } from "../validation.ts";

/** A partnership's address: lower-case words of letters and digits joined by single hyphens, 2–60 long. */
export const partnershipSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(60, "validation.slug")
  .refine((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length >= 2, "validation.slug");

export const createPartnershipSchema = z.object({
  name: requiredText(160),
  slug: partnershipSlug,
  description: optionalText(1000),
});
export type CreatePartnershipInput = z.infer<typeof createPartnershipSchema>;

export const invitePartnerSchema = z.object({
  partnershipId: requiredId,
  tenantSlug: z.string().trim().toLowerCase().min(1, "validation.required").max(63, "validation.unknownMunicipality"),
});

export const respondPartnershipSchema = z.object({
  partnershipId: requiredId,
  answer: z.enum(["accept", "decline", "leave"]),
});

export const indicatorSharingSchema = z.object({ partnershipId: requiredId, share: checkbox });
