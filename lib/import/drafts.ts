import "server-only";
import { z } from "zod";
import { participantCode, reserveCodeNumbers } from "../participants/queries.ts";
import { withTenant, type TenantContext, type Tx } from "../db/tenant.ts";
import type { Prisma } from "../db/generated/client.ts";
import type { OrganisationType, PilotKind } from "../db/generated/enums.ts";
import { assertCan } from "../auth/permissions.ts";
import { AppError } from "../errors.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { ORGANISATION_TYPES } from "../organisations/schemas.ts";
import { PILOT_KINDS } from "../pilots/schemas.ts";
import { FIELDS, isFieldKey, normalise, suggestMapping, type FieldKey } from "./fields.ts";
import { readSpreadsheet, type Table } from "./read-file.ts";
import { planImport, type Mapping, type Plan, type PlanSummary } from "./plan.ts";
import { iso } from "./read-rows.ts";

/** An uploaded file is kept for a day at most: it holds personal data that nobody has imported yet. */
export const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** An import of 10 000 rows takes seconds; the transaction may take this long before it is given up. */
const IMPORT_TIMEOUT_MS = 180_000;

export type ImportResult = PlanSummary;

const notFound = () => new AppError("NOT_FOUND", "errors:notFound");

function asMapping(value: unknown, columns: number): Mapping {
  const m = (value ?? {}) as Partial<Mapping>;
  return {
    columns: Array.from({ length: columns }, (_, i) => (isFieldKey(m.columns?.[i]) ? m.columns[i] : null)),
    values: m.values ?? {},
    createOrganisations: m.createOrganisations ?? {},
    createPilots: m.createPilots ?? {},
    skipInvalid: m.skipInvalid === true,
  };
}

/** Reads an uploaded file and keeps it as a draft with the suggested mapping. Refusals change nothing. */
export async function createImportDraft(options: { ctx: TenantContext; fileName: string; bytes: Uint8Array }) {
  const { ctx, fileName, bytes } = options;
  assertCan(ctx, "participant.manage");
  const table = await readSpreadsheet(bytes);
  return withTenant(ctx, async (tx) => {
    // Expired drafts of the tenant go whenever a new one comes.
    await tx.importDraft.deleteMany({
      where: { tenantId: ctx.tenantId, createdAt: { lt: new Date(Date.now() - DRAFT_LIFETIME_MS) } },
    });
    const mapping: Mapping = {
      columns: suggestMapping(table.headers),
      values: {},
      createOrganisations: {},
      createPilots: {},
      skipInvalid: false,
    };
    const draft = await tx.importDraft.create({
      data: {
        tenantId: ctx.tenantId,
        createdById: ctx.userId,
        fileName: fileName.slice(0, 200) || "import",
        fileSize: bytes.length,
        headers: table.headers,
        rows: table.rows,
        rowCount: table.rows.length,
        mapping: mapping as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return draft.id;
  });
}

/**
 * A draft holds a file of personal data nobody has imported yet: only the person who uploaded it and the
 * municipality's administrators may open it (another coordinator gets "not found").
 */
const draftVisibleTo = (ctx: TenantContext) =>
  ctx.role === "TENANT_ADMIN" ? {} : ({ createdById: ctx.userId } satisfies Prisma.ImportDraftWhereInput);

async function loadDraft(tx: Tx, ctx: TenantContext, draftId: string) {
  const draft = await tx.importDraft.findFirst({
    where: { tenantId: ctx.tenantId, id: draftId, ...draftVisibleTo(ctx) },
  });
  if (!draft || draft.createdAt.getTime() < Date.now() - DRAFT_LIFETIME_MS) throw notFound();
  return {
    ...draft,
    table: { headers: draft.headers, rows: draft.rows as string[][] } satisfies Table,
    mapping: asMapping(draft.mapping, draft.headers.length),
  };
}

/** A draft with what importing it would do now. */
export async function getImportDraft(ctx: TenantContext, draftId: string) {
  assertCan(ctx, "participant.manage");
  return withTenant(
    ctx,
    async (tx) => {
      const draft = await loadDraft(tx, ctx, draftId);
      const plan = draft.importedAt ? null : await planImport(tx, ctx, draft.table, draft.mapping);
      return {
        id: draft.id,
        fileName: draft.fileName,
        fileSize: draft.fileSize,
        headers: draft.headers,
        rowCount: draft.rowCount,
        mapping: draft.mapping,
        sample: draft.table.rows.slice(0, 3),
        importedAt: draft.importedAt,
        result: draft.result as ImportResult | null,
        plan,
      };
    },
    { timeoutMs: 60_000 },
  );
}

/**
 * The user's mapping from the mapping form: `column.<i>` = field, `value.<field>.<normalised value>` = code,
 * `createOrganisation.<normalised name>` = type, `createPilot.<normalised name>` = kind, `skipInvalid` = on.
 * Anything else, or a value that names no field or code, is ignored.
 */
export function mappingFromForm(form: Record<string, unknown>, columns: number): Mapping {
  const mapping: Mapping = {
    columns: Array<FieldKey | null>(columns).fill(null),
    values: {},
    createOrganisations: {},
    createPilots: {},
    skipInvalid: form.skipInvalid === "on",
  };
  const used = new Set<FieldKey>();
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== "string") continue;
    const column = /^column\.(\d{1,3})$/.exec(name);
    if (column && Number(column[1]) < columns && isFieldKey(value)) {
      if (used.has(value)) throw new AppError("INVALID_INPUT", "import:errors.fieldTwice", undefined, { field: value });
      used.add(value);
      mapping.columns[Number(column[1])] = value;
      continue;
    }
    const mapped = /^value\.([A-Za-z0-9]+)\.(.{0,200})$/.exec(name);
    if (mapped && isFieldKey(mapped[1]) && FIELDS[mapped[1]].values?.includes(value)) {
      (mapping.values[mapped[1]] ??= {})[normalise(mapped[2])] = value;
      continue;
    }
    const organisation = /^createOrganisation\.(.{1,200})$/.exec(name);
    if (organisation && (ORGANISATION_TYPES as readonly string[]).includes(value))
      mapping.createOrganisations[normalise(organisation[1])] = value as OrganisationType;
    const pilot = /^createPilot\.(.{1,200})$/.exec(name);
    if (pilot && (PILOT_KINDS as readonly string[]).includes(value))
      mapping.createPilots[normalise(pilot[1])] = value as PilotKind;
  }
  return mapping;
}

export async function saveImportMapping(options: { ctx: TenantContext; draftId: string; mapping: Mapping }) {
  const { ctx, draftId, mapping } = options;
  assertCan(ctx, "participant.manage");
  await withTenant(ctx, async (tx) => {
    const draft = await loadDraft(tx, ctx, draftId);
    if (draft.importedAt) throw new AppError("CONFLICT", "import:errors.alreadyImported");
    await tx.importDraft.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: draftId } },
      data: { mapping: asMapping(mapping, draft.headers.length) as unknown as Prisma.InputJsonValue },
    });
  });
}

/** Deletes a draft of the tenant; an id that names none of its drafts (another tenant's, or one gone already) is "not found". */
export async function discardImportDraft(options: { ctx: TenantContext; draftId: string }) {
  assertCan(options.ctx, "participant.manage");
  await withTenant(options.ctx, async (tx) => {
    const { count } = await tx.importDraft.deleteMany({
      where: { tenantId: options.ctx.tenantId, id: options.draftId, ...draftVisibleTo(options.ctx) },
    });
    if (count === 0) throw notFound();
  });
}

/** The next free codes of the tenant (VER-0043, …): the counter moves by n at once, codes already taken are passed over. */
async function allocateCodes(tx: Tx, ctx: TenantContext, n: number, reserved: Set<string>): Promise<string[]> {
  const { codePrefix } = await tx.tenant.findUniqueOrThrow({
    where: { id: ctx.tenantId },
    select: { codePrefix: true },
  });
  const codes: string[] = [];
  while (codes.length < n) {
    const need = n - codes.length;
    const first = await reserveCodeNumbers(tx, ctx.tenantId, need);
    const candidates = Array.from({ length: need }, (_, i) => participantCode(codePrefix, first + i));
    const taken = new Set(
      (
        await tx.participant.findMany({
          where: { tenantId: ctx.tenantId, code: { in: candidates } },
          select: { code: true },
        })
      ).map((p) => p.code),
    );
    codes.push(...candidates.filter((c) => !taken.has(c) && !reserved.has(c)));
  }
  return codes;
}

/** Writes a plan: everything or nothing (the caller's transaction). Bulk inserts, one update per changed record. */
async function applyPlan(tx: Tx, ctx: TenantContext, plan: Plan, draftId: string) {
  const tenantId = ctx.tenantId;
  const organisationIds = new Map(plan.organisationIds);
  const pilotIds = new Map(plan.pilotIds);
  if (plan.newOrganisations.length) {
    const created = await tx.organisation.createManyAndReturn({
      data: plan.newOrganisations.map((o) => ({ tenantId, name: o.name, type: o.type })),
      select: { id: true, name: true },
    });
    for (const o of created) organisationIds.set(normalise(o.name), o.id);
  }
  if (plan.newPilots.length) {
    const created = await tx.pilot.createManyAndReturn({
      data: plan.newPilots.map((p) => ({
        tenantId,
        name: p.name,
        kind: p.kind,
        startDate: p.startDate,
        status: "ACTIVE" as const,
      })),
      select: { id: true, name: true },
    });
    for (const p of created) pilotIds.set(normalise(p.name), p.id);
  }
  const organisationId = (name: string | null) => (name ? (organisationIds.get(normalise(name)) ?? null) : null);

  // Participants: new ones in one insert, with generated codes where the file had none.
  const fresh = plan.participants.filter((p) => !p.existingId);
  const reserved = new Set(plan.participants.map((p) => p.code).filter((c): c is string => !!c));
  const codes = await allocateCodes(tx, ctx, fresh.filter((p) => !p.code).length, reserved);
  for (const p of fresh) p.code ??= codes.shift()!;
  const participantIds = new Map<string, string>();
  for (const p of plan.participants) if (p.existingId) participantIds.set(p.key, p.existingId);
  if (fresh.length) {
    const created = await tx.participant.createManyAndReturn({
      data: fresh.map((p) => {
        const f = p.fields as Record<string, unknown>;
        return {
          tenantId,
          code: p.code!,
          externalRef: p.reference,
          anonymous: p.anonymous,
          coordinatorId: ctx.userId,
          targetGroup: f.targetGroup as never,
          status: (f.status as never) ?? "ACTIVE",
          name: (f.name as string) ?? null,
          birthYear: (f.birthYear as number) ?? null,
          gender: (f.gender as never) ?? null,
          arrivalYear: (f.arrivalYear as number) ?? null,
          languages: (f.languages as string[]) ?? [],
        };
      }),
      select: { id: true, code: true },
    });
    const byCode = new Map(created.map((c) => [c.code, c.id]));
    for (const p of fresh) participantIds.set(p.key, byCode.get(p.code!)!);
  }
  for (const p of plan.participants) {
    if (p.existingId && Object.keys(p.changed).length) {
      await tx.participant.update({
        where: { tenantId_id: { tenantId, id: p.existingId } },
        data: { ...(p.changed as object), version: { increment: 1 } },
      });
    }
  }
  const consents = plan.participants.flatMap((p) =>
    p.consents.map((c) => ({
      tenantId,
      participantId: participantIds.get(p.key)!,
      purpose: c.purpose,
      givenAt: c.givenAt,
      recordedById: ctx.userId,
    })),
  );
  if (consents.length) await tx.consent.createMany({ data: consents });

  // Enrolments, then what hangs on them.
  const enrolmentIds = new Map<string, string>();
  const newEnrolments = plan.participants.flatMap((p) =>
    p.enrolments.filter((e) => !e.existingId).map((e) => ({ p, e })),
  );
  if (newEnrolments.length) {
    const created = await tx.enrolment.createManyAndReturn({
      data: newEnrolments.map(({ p, e }) => ({
        tenantId,
        participantId: participantIds.get(p.key)!,
        pilotId: pilotIds.get(normalise(e.pilot))!,
        startDate: e.startDate,
        exitDate: e.exitDate,
        exitReason: e.exitReason as never,
      })),
      select: { id: true, participantId: true, pilotId: true, startDate: true },
    });
    const byKey = new Map(created.map((c) => [`${c.participantId}|${c.pilotId}|${iso(c.startDate)}`, c.id]));
    for (const { p, e } of newEnrolments)
      enrolmentIds.set(
        `${p.key}|${e.key}`,
        byKey.get(`${participantIds.get(p.key)}|${pilotIds.get(normalise(e.pilot))}|${iso(e.startDate)}`)!,
      );
  }
  for (const p of plan.participants) {
    for (const e of p.enrolments) {
      if (!e.existingId) continue;
      enrolmentIds.set(`${p.key}|${e.key}`, e.existingId);
      if (e.changed)
        await tx.enrolment.update({
          where: { tenantId_id: { tenantId, id: e.existingId } },
          data: { exitDate: e.exitDate, exitReason: e.exitReason as never },
        });
    }
  }
  const newActivities = [];
  const newOutcomes = [];
  for (const p of plan.participants) {
    const participantId = participantIds.get(p.key)!;
    for (const a of p.activities) {
      const data = { status: a.status as never, endDate: a.endDate, hoursPerWeek: a.hoursPerWeek };
      if (!a.existingId) {
        newActivities.push({
          tenantId,
          participantId,
          enrolmentId: a.enrolmentKey ? (enrolmentIds.get(`${p.key}|${a.enrolmentKey}`) ?? null) : null,
          type: a.type as never,
          organisationId: organisationId(a.organisation),
          startDate: a.startDate,
          createdById: ctx.userId,
          ...data,
        });
      } else if (a.changed)
        await tx.activity.update({
          where: { tenantId_id: { tenantId, id: a.existingId } },
          data: { ...data, version: { increment: 1 } },
        });
    }
    for (const e of p.enrolments) {
      for (const o of e.outcomes) {
        const data = {
          status: o.status as never,
          workingTime: o.workingTime as never,
          organisationId: organisationId(o.employer),
          observedAt: o.observedAt,
        };
        if (!o.existingId)
          newOutcomes.push({
            tenantId,
            participantId,
            enrolmentId: enrolmentIds.get(`${p.key}|${e.key}`)!,
            point: o.point,
            createdById: ctx.userId,
            ...data,
          });
        else if (o.changed) await tx.outcome.update({ where: { tenantId_id: { tenantId, id: o.existingId } }, data });
      }
    }
  }
  if (newActivities.length) await tx.activity.createMany({ data: newActivities });
  if (newOutcomes.length) await tx.outcome.createMany({ data: newOutcomes });

  // The audit trail: the import, and each participant it created or changed (no personal data, as elsewhere).
  await recordAudit(tx, ctx, {
    action: "import.completed",
    entityType: "ImportDraft",
    entityId: draftId,
    details: plan.summary,
  });
  const touched = plan.participants.filter((p) => p.action !== "unchanged");
  if (touched.length) {
    await tx.auditEvent.createMany({
      data: touched.map((p) => ({
        tenantId,
        actorId: ctx.userId || null,
        action: p.action === "create" ? "participant.created" : "participant.updated",
        entityType: "Participant",
        entityId: participantIds.get(p.key)!,
        participantId: participantIds.get(p.key)!,
        details: {
          import: draftId,
          ...(p.action === "create"
            ? { anonymous: p.anonymous, consents: p.consents.map((c) => c.purpose) }
            : { fields: Object.keys(p.changed) }),
        },
      })),
    });
  }
}

/**
 * Imports a draft as its mapping says: planned again inside one transaction, written all or nothing, audited.
 * The draft then keeps only the result: its rows (personal data) are gone.
 */
export async function runImport(options: { ctx: TenantContext; draftId: string }): Promise<ImportResult> {
  const { ctx, draftId } = options;
  assertCan(ctx, "participant.manage");
  return withTenant(
    ctx,
    async (tx) => {
      // The draft's row lock makes a double submit wait, then find the draft imported.
      const [locked] = z.array(z.object({ id: z.string() })).parse(
        await tx.$queryRaw<unknown[]>`
            select id from "ImportDraft" where "tenantId" = ${ctx.tenantId} and id = ${draftId} for update`,
      );
      // loadDraft below decides whether this user may see it (the lock itself shows nothing).
      if (!locked) throw notFound();
      const draft = await loadDraft(tx, ctx, draftId);
      if (draft.importedAt) throw new AppError("CONFLICT", "import:errors.alreadyImported");
      const plan = await planImport(tx, ctx, draft.table, draft.mapping);
      if (!plan.importable)
        throw new AppError(
          "INVALID_INPUT",
          plan.issues.length ? "import:errors.fixFirst" : "import:errors.nothingToImport",
        );
      await applyPlan(tx, ctx, plan, draftId);
      await tx.importDraft.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: draftId } },
        data: { rows: [], importedAt: new Date(), result: plan.summary as unknown as Prisma.InputJsonValue },
      });
      return plan.summary;
    },
    { timeoutMs: IMPORT_TIMEOUT_MS },
  );
}

/**
 * Deletes the drafts no one may use any more — older than a day — in every tenant (the purge job,
 * scripts/jobs). Runs as the database owner: drafts are under row-level security per tenant.
 */
export const PURGE_DRAFTS_SQL = `delete from "ImportDraft" where "createdAt" < now() - interval '24 hours'`;

/**
 * When a participant is erased, the open drafts of the municipality go too: an uploaded file may hold the
 * person's row, and a draft is not a place personal data may outlive an erasure in.
 */
export async function purgeDraftsOnErasure(tx: Tx, ctx: TenantContext): Promise<number> {
  const { count } = await tx.importDraft.deleteMany({ where: { tenantId: ctx.tenantId, importedAt: null } });
  return count;
}
