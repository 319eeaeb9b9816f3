import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireParticipant } from "./require-participant.ts";
import type { WithdrawConsentInput } from "./schemas.ts";

export type WithdrawConsentOptions = { ctx: TenantContext; participantId: string; data: WithdrawConsentInput };

/** Withdraws an active consent, today or on a past date not before it was given. */
export async function withdrawConsent(options: WithdrawConsentOptions) {
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
