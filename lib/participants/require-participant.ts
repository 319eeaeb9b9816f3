import "server-only";
import type { Tx, TenantContext } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

/** The participant in this tenant, or NOT_FOUND (row-level security hides other tenants' ids). */
export async function requireParticipant(tx: Tx, ctx: TenantContext, participantId: string) {
  return shownOrNotFound(
    await tx.participant.findUnique({ where: { tenantId_id: { tenantId: ctx.tenantId, id: participantId } } }),
  );
}

/** A participant row as read, or NOT_FOUND when there is none (or row-level security hid it) or it is anonymised. */
export function shownOrNotFound<P extends { anonymisedAt: Date | null }>(participant: P | null): P {
  if (!participant || participant.anonymisedAt) throw new AppError("NOT_FOUND", "errors:notFound");
  return participant;
}

/** An organisation of this tenant that is still active, or a field error. */
export async function requireOrganisation(
  tx: Tx,
  ctx: TenantContext,
  organisationId: string,
  field = "organisationId",
) {
  const organisation = await tx.organisation.findUnique({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: organisationId } },
  });
  if (!organisation)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.unknownOrganisation" });
  return organisation;
}

export async function hasActiveConsent(
  tx: Tx,
  ctx: TenantContext,
  participantId: string,
  purpose: "FOLLOW_UP" | "STATISTICS" | "PARTNER_SHARING",
) {
  const consent = await tx.consent.findFirst({
    where: { tenantId: ctx.tenantId, participantId, purpose, withdrawnAt: null },
    select: { id: true },
  });
  return consent !== null;
}
