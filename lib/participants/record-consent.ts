import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireOrganisation, requireParticipant, requireSharingPartner } from "./require-participant.ts";
import type { RecordConsentInput } from "./schemas.ts";

export type RecordConsentOptions = { ctx: TenantContext; participantId: string; data: RecordConsentInput };

/** Records a participant's consent to one purpose (sharing names its partner); one active consent per purpose. */
export async function recordConsent(options: RecordConsentOptions) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    const participant = await requireParticipant(tx, ctx, participantId);
    if (participant.anonymous)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { purpose: "validation.anonymousConsent" });
    if (data.partnerOrganisationId)
      await (data.purpose === "PARTNER_SHARING" ? requireSharingPartner : requireOrganisation)(
        tx,
        ctx,
        data.partnerOrganisationId,
        "partnerOrganisationId",
      );
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
