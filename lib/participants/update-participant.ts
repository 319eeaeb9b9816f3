import "server-only";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { changedFields } from "../audit/changed-fields.ts";
import { requireCoordinator, requireLegalBasisOfCountry, requireParticipant } from "./require-participant.ts";
import type { UpdateParticipantInput } from "./schemas.ts";

/**
 * Changes a participant's details. Optimistic concurrency: the update names the version the form was
 * read at; if someone saved in between, nothing is overwritten and the coordinator is told.
 */
export async function updateParticipant(options: {
  ctx: TenantContext;
  participantId: string;
  data: UpdateParticipantInput;
}) {
  const { ctx, participantId, data } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(ctx, async (tx) => {
    const before = await requireParticipant(tx, ctx, participantId);
    if (data.coordinatorId) await requireCoordinator(tx, ctx, data.coordinatorId);
    const legalBasis = data.legalBasis ?? null;
    if (legalBasis && legalBasis !== before.legalBasis) await requireLegalBasisOfCountry(tx, ctx, legalBasis);
    // The recorded basis is not removed while it is the only one (no consent to rest on instead).
    if (!before.anonymous && before.legalBasis && !legalBasis) {
      const consented = await tx.consent.count({
        where: { tenantId: ctx.tenantId, participantId, withdrawnAt: null },
      });
      if (consented === 0)
        throw new AppError("INVALID_INPUT", "errors:invalidInput", { legalBasis: "validation.basisRequired" });
    }
    const personal = before.anonymous
      ? {}
      : {
          name: data.name ?? null,
          birthYear: data.birthYear ?? null,
          gender: data.gender ?? null,
          arrivalYear: data.arrivalYear ?? null,
          languages: data.languages,
          legalBasis,
          legalBasisNote: legalBasis === "OTHER" ? (data.legalBasisNote ?? null) : null,
        };
    const { count } = await tx.participant.updateMany({
      where: { tenantId: ctx.tenantId, id: participantId, version: data.version },
      data: {
        ...personal,
        targetGroup: data.targetGroup,
        status: data.status,
        coordinatorId: data.coordinatorId ?? before.coordinatorId,
        version: { increment: 1 },
      },
    });
    if (count === 0) throw new AppError("CONFLICT", "errors:conflict");
    const changed = changedFields(before, {
      ...personal,
      targetGroup: data.targetGroup,
      status: data.status,
      coordinatorId: data.coordinatorId ?? before.coordinatorId,
    });
    await recordAudit(tx, ctx, {
      action: "participant.updated",
      entityType: "Participant",
      entityId: participantId,
      participantId,
      details: changed.includes("legalBasis") ? { changed, legalBasis } : { changed },
    });
  });
}
