import "server-only";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { Prisma } from "../db/generated/client.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { requireCoordinator, requireLegalBasisOfCountry, requireSharingPartner } from "./require-participant.ts";
import { enrolInTx } from "../enrolments/enrol-participant.ts";
import type { RegisterParticipantInput } from "./schemas.ts";
import { participantCode, peekCodeNumber, reserveCodeNumbers } from "./queries.ts";

/**
 * The code registration would give now, for the form's hint: the counter's next number, past codes already taken,
 * as nextCode below does (nothing is reserved, so two forms open at once show the same code).
 */
export async function previewNextCode(tx: Tx, ctx: TenantContext): Promise<string> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { codePrefix: true } });
  for (let n = await peekCodeNumber(tx, ctx.tenantId); ; n++) {
    const code = participantCode(tenant.codePrefix, n);
    const taken = await tx.participant.findUnique({
      where: { tenantId_code: { tenantId: ctx.tenantId, code } },
      select: { id: true },
    });
    if (!taken) return code;
  }
}

/** The next free pseudonymous code of the tenant, e.g. VER-0043 (a per-tenant counter, safe under concurrency). */
async function nextCode(tx: Tx, ctx: TenantContext): Promise<string> {
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: ctx.tenantId }, select: { codePrefix: true } });
  for (;;) {
    const code = participantCode(tenant.codePrefix, await reserveCodeNumbers(tx, ctx.tenantId, 1));
    const taken = await tx.participant.findUnique({
      where: { tenantId_code: { tenantId: ctx.tenantId, code } },
      select: { id: true },
    });
    if (!taken) return code;
  }
}

export async function registerParticipant(options: { ctx: TenantContext; data: RegisterParticipantInput }) {
  // Two registrations of the same custom code at the same moment: the unique index decides, and the loser
  // gets the same answer as if the code had already been taken.
  return createParticipant(options).catch((error) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", "errors:invalidInput", { code: "validation.codeTaken" });
    }
    throw error;
  });
}

/** Today as a date (midnight UTC), as the date fields store it. */
const todayUtc = () => new Date(new Date().toISOString().slice(0, 10));

async function createParticipant(options: { ctx: TenantContext; data: RegisterParticipantInput }) {
  const { ctx, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    if (data.code) {
      const taken = await tx.participant.findUnique({
        where: { tenantId_code: { tenantId: ctx.tenantId, code: data.code } },
        select: { id: true },
      });
      if (taken) throw new AppError("CONFLICT", "errors:invalidInput", { code: "validation.codeTaken" });
    }
    if (data.coordinatorId) await requireCoordinator(tx, ctx, data.coordinatorId);
    // An anonymous registration keeps no basis either: it holds no personal data to process.
    const legalBasis = data.anonymous ? null : (data.legalBasis ?? null);
    if (legalBasis) await requireLegalBasisOfCountry(tx, ctx, legalBasis);
    // An anonymous registration means the participant did not agree to registration: no consents are kept.
    const sharing = data.consentPartnerSharing && !data.anonymous ? [...new Set(data.sharingOrganisationIds)] : [];
    for (const organisationId of sharing)
      await requireSharingPartner(tx, ctx, organisationId, "sharingOrganisationIds");

    const code = data.code ?? (await nextCode(tx, ctx));
    // An anonymous registration keeps no personal data at all, only what aggregates need.
    const personal = data.anonymous
      ? { name: null, birthYear: null, gender: null, arrivalYear: null, languages: [], legalBasis: null }
      : {
          name: data.name ?? null,
          birthYear: data.birthYear ?? null,
          gender: data.gender ?? null,
          arrivalYear: data.arrivalYear ?? null,
          languages: data.languages,
          legalBasis,
          legalBasisNote: legalBasis === "OTHER" ? (data.legalBasisNote ?? null) : null,
        };
    const participant = await tx.participant.create({
      data: {
        tenantId: ctx.tenantId,
        code,
        ...personal,
        targetGroup: data.targetGroup,
        anonymous: data.anonymous,
        coordinatorId: data.coordinatorId ?? ctx.userId,
      },
    });
    const consents = [
      ...(data.consentFollowUp && !data.anonymous
        ? [{ purpose: "FOLLOW_UP" as const, partnerOrganisationId: null }]
        : []),
      ...(data.consentStatistics && !data.anonymous
        ? [{ purpose: "STATISTICS" as const, partnerOrganisationId: null }]
        : []),
      ...sharing.map((id) => ({ purpose: "PARTNER_SHARING" as const, partnerOrganisationId: id })),
    ];
    if (consents.length) {
      await tx.consent.createMany({
        data: consents.map((c) => ({
          ...c,
          tenantId: ctx.tenantId,
          participantId: participant.id,
          givenAt: data.consentDate,
          recordedById: ctx.userId,
        })),
      });
    }
    await recordAudit(tx, ctx, {
      action: "participant.created",
      entityType: "Participant",
      entityId: participant.id,
      participantId: participant.id,
      // No personal data or code in the audit trail: it is append-only and must survive an erasure.
      details: {
        anonymous: data.anonymous,
        consents: consents.map((c) => c.purpose),
        ...(legalBasis ? { legalBasis } : {}),
      },
    });
    // Enrolled at once, in the same transaction: a refused enrolment leaves no participant behind.
    if (data.enrolIn)
      await enrolInTx(tx, ctx, participant, { pilotId: data.enrolIn, startDate: todayUtc() }, "enrolIn");
    return participant;
  });
}
