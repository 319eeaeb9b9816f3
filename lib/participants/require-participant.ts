import "server-only";
import type { Tx, TenantContext } from "../db/tenant.ts";
import { AppError } from "../errors.ts";
import { legalBasesFor, type LegalBasisValue } from "./schemas.ts";

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

/**
 * A partner the participant may agree to share with: an organisation of this tenant that is not the
 * municipality itself (sharing within the municipality needs no consent to share), else a field error.
 */
export async function requireSharingPartner(tx: Tx, ctx: TenantContext, organisationId: string, field: string) {
  const organisation = await requireOrganisation(tx, ctx, organisationId, field);
  if (organisation.type === "MUNICIPALITY")
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.ownMunicipality" });
  return organisation;
}

/** A member who can be responsible for a participant: a coordinator or administrator, not a platform operator. */
export async function requireCoordinator(tx: Tx, ctx: TenantContext, userId: string, field = "coordinatorId") {
  const member = await tx.membership.findUnique({
    where: { tenantId_userId: { tenantId: ctx.tenantId, userId } },
    include: { user: { select: { platformAdmin: true } } },
  });
  if (!member || member.role === "PARTNER_VIEWER")
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.invalid" });
  if (member.user.platformAdmin)
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { [field]: "validation.notCoordinator" });
  return member;
}

/** A basis the tenant's country knows (a Norwegian municipality cannot record a Swedish act), else a field error. */
export async function requireLegalBasisOfCountry(tx: Tx, ctx: TenantContext, legalBasis: LegalBasisValue) {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { country: true } });
  if (!legalBasesFor(tenant.country).includes(legalBasis))
    throw new AppError("INVALID_INPUT", "errors:invalidInput", { legalBasis: "validation.choose" });
}

/** Whether the participant may be followed up: an active consent to follow-up, or a statutory basis recorded. */
export async function mayFollowUp(
  tx: Tx,
  ctx: TenantContext,
  participant: { id: string; anonymous: boolean; legalBasis: LegalBasisValue | null },
) {
  if (participant.anonymous) return false;
  return participant.legalBasis !== null || (await hasActiveConsent(tx, ctx, participant.id, "FOLLOW_UP"));
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
