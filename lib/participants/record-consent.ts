import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireOrganisation, requireParticipant } from "./require-participant.ts";
import type { z } from "zod";
import type { recordConsentSchema, withdrawConsentSchema } from "./schemas.ts";

export async function recordConsent(options: {
  ctx: TenantContext;
  participantId: string;
  data: z.infer<typeof recordConsentSchema>;
}) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    const participant = await requireParticipant(tx, ctx, participantId);
    if (participant.anonymous)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { purpose: "validation.anonymousConsent" });
    if (data.partnerOrganisationId)
      await requireOrganisation(tx, ctx, data.partnerOrganisationId, "partnerOrganisationId");
    // Only a consent to sharing names a partner.
    const partnerOrganisationId = data.purpose === "PARTNER_SHARING" ? (data.partnerOrganisationId ?? null) : null;
    const existing = await tx.consent.findFirst({
      where: { tenantId: ctx.tenantId, participantId, purpose: data.purpose, partnerOrganisationId, withdrawnAt: null },
    });
    if (existing) throw new AppError("CONFLICT", "errors:invalidInput", { purpose: "validation.consentExists" });
    const consent = await tx.consent.create({
      data: {
        tenantId: ctx.tenantId,
        participantId,
        purpose: data.purpose,
        partnerOrganisationId,
        givenAt: data.givenAt,
        recordedById: ctx.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: "consent.given",
      entityType: "Consent",
      entityId: consent.id,
      participantId,
      details: { purpose: data.purpose },
    });
    return consent;
  });
}

export async function withdrawConsent(options: {
  ctx: TenantContext;
  participantId: string;
  data: z.infer<typeof withdrawConsentSchema>;
}) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    await requireParticipant(tx, ctx, participantId);
    const today = new Date(new Date().toISOString().slice(0, 10));
    const withdrawnAt = data.withdrawnAt ?? today;
    if (withdrawnAt > today)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { withdrawnAt: "validation.future" });
    const consent = await tx.consent.findUnique({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: data.consentId } },
    });
    if (consent && withdrawnAt < consent.givenAt)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { withdrawnAt: "validation.beforeConsent" });
    const { count } = await tx.consent.updateMany({
      where: { tenantId: ctx.tenantId, id: data.consentId, participantId, withdrawnAt: null },
      data: { withdrawnAt, withdrawnById: ctx.userId },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "errors:notFound");
    await recordAudit(tx, ctx, {
      action: "consent.withdrawn",
      entityType: "Consent",
      entityId: data.consentId,
      participantId,
    });
  });
}
