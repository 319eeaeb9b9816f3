import "server-only";
import { z } from "zod";
import { randomBytes } from "node:crypto";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { purgeDraftsOnErasure } from "../import/drafts.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { shownOrNotFound } from "./require-participant.ts";

/**
 * GDPR rights for a participant: access and portability (everything stored, as JSON or Excel —
 * lib/participants/gdpr-xlsx.ts), and erasure. An erased participant keeps only an anonymised pathway — dates,
 * steps, outcomes — so aggregate figures do not change; the personal data, notes, consents and the pseudonymous
 * code are gone.
 *
 * Each call is one export, audited once ("participant.exported"; with the file's format when given).
 */
export async function exportParticipant(
  ctx: TenantContext,
  participantId: string,
  options: { format?: "json" | "xlsx" } = {},
) {
  assertCan(ctx, "participant.export");
  return withTenant(ctx, async (tx) => {
    const tenantId = ctx.tenantId;
    const participant = shownOrNotFound(
      await tx.participant.findUnique({ where: { tenantId_id: { tenantId, id: participantId } } }),
    );
    const data = {
      exportedAt: new Date().toISOString(),
      participant: {
        code: participant.code,
        externalRef: participant.externalRef,
        name: participant.name,
        birthYear: participant.birthYear,
        gender: participant.gender,
        targetGroup: participant.targetGroup,
        arrivalYear: participant.arrivalYear,
        languages: participant.languages,
        status: participant.status,
        anonymous: participant.anonymous,
        legalBasis: participant.legalBasis,
        legalBasisNote: participant.legalBasisNote,
        registeredAt: participant.createdAt,
        coordinator: participant.coordinatorId
          ? ((await tx.user.findUnique({ where: { id: participant.coordinatorId }, select: { name: true } }))?.name ??
            null)
          : null,
      },
      consents: await tx.consent.findMany({
        where: { tenantId, participantId },
        select: { purpose: true, givenAt: true, withdrawnAt: true, partnerOrganisation: { select: { name: true } } },
      }),
      enrolments: await tx.enrolment.findMany({
        where: { tenantId, participantId },
        select: { startDate: true, exitDate: true, exitReason: true, pilot: { select: { name: true, kind: true } } },
      }),
      activities: await tx.activity.findMany({
        where: { tenantId, participantId },
        select: {
          type: true,
          status: true,
          startDate: true,
          endDate: true,
          hoursPerWeek: true,
          note: true,
          organisation: { select: { name: true } },
        },
        orderBy: { startDate: "asc" },
      }),
      outcomes: await tx.outcome.findMany({
        where: { tenantId, participantId },
        select: {
          point: true,
          status: true,
          workingTime: true,
          observedAt: true,
          note: true,
          organisation: { select: { name: true } },
        },
        orderBy: { observedAt: "asc" },
      }),
      accessLog: await tx.auditEvent.findMany({
        where: { tenantId, participantId },
        select: { at: true, action: true, actorId: true },
        orderBy: { at: "asc" },
      }),
    };
    await recordAudit(tx, ctx, {
      action: "participant.exported",
      entityType: "Participant",
      entityId: participantId,
      participantId,
      ...(options.format ? { details: { format: options.format } } : {}),
    });
    return data;
  });
}

async function anonymise(tx: Tx, ctx: TenantContext, participantId: string) {
  const tenantId = ctx.tenantId;
  const participant = shownOrNotFound(
    await tx.participant.findUnique({ where: { tenantId_id: { tenantId, id: participantId } } }),
  );
  // Whoever counted in the statistics keeps counting (as an anonymous registration); nobody else starts to.
  const countsInStatistics =
    participant.anonymous ||
    (await tx.consent.count({ where: { tenantId, participantId, purpose: "STATISTICS", withdrawnAt: null } })) > 0;
  await tx.participant.updateMany({
    where: { tenantId, id: participantId },
    data: {
      code: `ANON-${randomBytes(5).toString("hex").toUpperCase()}`,
      externalRef: null,
      name: null,
      birthYear: null,
      gender: null,
      arrivalYear: null,
      languages: [],
      legalBasis: null,
      legalBasisNote: null,
      coordinatorId: null,
      anonymous: countsInStatistics,
      anonymisedAt: new Date(),
      status: participant.status === "ACTIVE" ? "WITHDRAWN" : participant.status,
      version: { increment: 1 },
    },
  });
  await tx.consent.deleteMany({ where: { tenantId, participantId } });
  await tx.activity.updateMany({ where: { tenantId, participantId }, data: { note: null } });
  await tx.outcome.updateMany({ where: { tenantId, participantId }, data: { note: null } });
  // An uploaded file not yet imported may hold the person's row: it does not outlive the erasure.
  const drafts = await purgeDraftsOnErasure(tx, ctx);
  await recordAudit(tx, ctx, {
    action: "participant.erased",
    entityType: "Participant",
    entityId: participantId,
    participantId,
    ...(drafts ? { details: { importDraftsDiscarded: drafts } } : {}),
  });
}

/** Erasure, confirmed by typing the participant's code: one transaction, audited. */
export async function eraseParticipant(options: { ctx: TenantContext; participantId: string; confirmCode: string }) {
  const { ctx, participantId, confirmCode } = options;
  assertCan(ctx, "participant.erase");
  return withTenant(ctx, async (tx) => {
    const participant = shownOrNotFound(
      await tx.participant.findUnique({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: participantId } },
        select: { code: true, anonymisedAt: true },
      }),
    );
    if (confirmCode.trim().toUpperCase() !== participant.code)
      throw new AppError("INVALID_INPUT", "errors:invalidInput", { confirmCode: "validation.confirmCode" });
    await anonymise(tx, ctx, participantId);
  });
}

/** Participants who left longer ago than the tenant's retention period: due for anonymisation. */
export async function listDueForRetention(ctx: TenantContext, today: Date = new Date()) {
  assertCan(ctx, "participant.erase");
  return withTenant(ctx, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({
      where: { id: ctx.tenantId },
      select: { retentionMonths: true },
    });
    const cutoff = new Date(today);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - tenant.retentionMonths);
    const rows = await tx.$queryRaw<unknown[]>`
      select p.id, p.code, max(e."exitDate") as "lastExit"
      from "Participant" p join "Enrolment" e on e."tenantId" = p."tenantId" and e."participantId" = p.id
      where p."tenantId" = ${ctx.tenantId} and p."anonymisedAt" is null and p.status <> 'ACTIVE'
      group by p.id, p.code
      having bool_and(e."exitDate" is not null) and max(e."exitDate") < ${cutoff}::date
      order by max(e."exitDate"), p.code`;
    const participants = z.array(z.object({ id: z.string(), code: z.string(), lastExit: z.date() })).parse(rows);
    return { retentionMonths: tenant.retentionMonths, cutoff, participants };
  });
}

/** Anonymises every participant due under the retention rule (the bulk action and the scheduled job). */
export async function applyRetention(ctx: TenantContext, today: Date = new Date()) {
  const { participants } = await listDueForRetention(ctx, today);
  for (const p of participants) {
    await withTenant(ctx, (tx) => anonymise(tx, ctx, p.id));
  }
  return participants.length;
}
