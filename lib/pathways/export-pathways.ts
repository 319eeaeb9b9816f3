import "server-only";
import { z } from "zod";
import { withTenant, type TenantContext } from "../db/tenant.ts";
import { Prisma } from "../db/generated/client.ts";
import { assertCan } from "../auth/permissions.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { participantConditions } from "../participants/list-participants.ts";
import type { ListParticipantsQuery } from "../participants/schemas.ts";
import { getT } from "../i18n/instance.ts";
import type { Locale } from "../i18n/settings.ts";
import { FIELD_KEYS, FIELDS, fieldLabel, POINT_KEYS, type FieldKey } from "../import/fields.ts";
import type { XlsxCell } from "../http/xlsx.ts";

/** At most this many participants in one export (an import takes 100 000 rows). */
export const EXPORT_MAX_PARTICIPANTS = 20_000;

export type PathwayTable = { headers: string[]; rows: XlsxCell[][] };

/**
 * The participants as the list shows them (same filters), one row per step of each pathway, in the import's
 * format: the headers are the field labels in the reader's language, so the file can be imported again — into
 * this municipality (it changes nothing) or into another. Staff only; audited with the filters and the count.
 */
export async function exportPathways(
  ctx: TenantContext,
  query: Omit<ListParticipantsQuery, "page" | "sort">,
  locale: Locale,
  format: "csv" | "xlsx",
): Promise<PathwayTable> {
  assertCan(ctx, "participant.view");
  const t = getT(locale, ["import", "enums"]);
  const tenantId = ctx.tenantId;
  return withTenant(
    ctx,
    async (tx) => {
      const ids = z.array(z.object({ id: z.string() })).parse(
        await tx.$queryRaw<unknown[]>`
      select p.id from "Participant" p where ${Prisma.join(participantConditions(tenantId, query), " and ")} order by p.code limit ${EXPORT_MAX_PARTICIPANTS}`,
      );
      const participants = await tx.participant.findMany({
        where: { tenantId, id: { in: ids.map((r) => r.id) } },
        orderBy: { code: "asc" },
        select: {
          code: true,
          externalRef: true,
          name: true,
          birthYear: true,
          gender: true,
          targetGroup: true,
          arrivalYear: true,
          languages: true,
          status: true,
          anonymous: true,
          consents: {
            where: { withdrawnAt: null, purpose: { in: ["FOLLOW_UP", "STATISTICS"] } },
            select: { purpose: true, givenAt: true },
          },
          enrolments: {
            orderBy: { startDate: "asc" },
            select: {
              id: true,
              startDate: true,
              exitDate: true,
              exitReason: true,
              pilot: { select: { name: true, kind: true } },
              outcomes: {
                select: {
                  point: true,
                  status: true,
                  workingTime: true,
                  observedAt: true,
                  organisation: { select: { name: true } },
                },
              },
            },
          },
          activities: {
            orderBy: [{ startDate: "asc" }, { createdAt: "asc" }],
            select: {
              type: true,
              status: true,
              startDate: true,
              endDate: true,
              hoursPerWeek: true,
              enrolmentId: true,
              organisation: { select: { name: true } },
            },
          },
        },
      });
      const yes = t("import:yes");
      const no = t("import:no");
      const label = (field: FieldKey, code: string | null | undefined) =>
        code ? t(`enums:${FIELDS[field].enum}.${code}`) : null;
      const date = (d: Date | null | undefined): XlsxCell =>
        d ? (format === "xlsx" ? d : d.toISOString().slice(0, 10)) : null;
      const rows: XlsxCell[][] = [];
      for (const p of participants) {
        const consentDates = p.consents.map((c) => c.givenAt.getTime());
        const base: Partial<Record<FieldKey, XlsxCell>> = {
          reference: p.externalRef,
          code: p.code,
          name: p.name,
          birthYear: p.birthYear,
          gender: label("gender", p.gender),
          targetGroup: label("targetGroup", p.targetGroup),
          arrivalYear: p.arrivalYear,
          languages: p.languages.join(", ") || null,
          status: label("status", p.status),
          anonymous: p.anonymous ? yes : no,
          consentDate: consentDates.length ? date(new Date(Math.min(...consentDates))) : null,
          consentFollowUp: p.consents.some((c) => c.purpose === "FOLLOW_UP") ? yes : no,
          consentStatistics: p.consents.some((c) => c.purpose === "STATISTICS") ? yes : no,
        };
        const enrolmentCells = new Map(
          p.enrolments.map((e) => {
            const cells: Partial<Record<FieldKey, XlsxCell>> = {
              pilot: e.pilot.name,
              pilotKind: label("pilotKind", e.pilot.kind),
              startDate: date(e.startDate),
              exitDate: date(e.exitDate),
              exitReason: label("exitReason", e.exitReason),
            };
            for (const o of e.outcomes) {
              const k = POINT_KEYS[o.point];
              Object.assign(cells, {
                [`outcome${k}Status`]: label(`outcome${k}Status` as FieldKey, o.status),
                [`outcome${k}WorkingTime`]: label(`outcome${k}WorkingTime` as FieldKey, o.workingTime),
                [`outcome${k}Employer`]: o.organisation?.name ?? null,
                [`outcome${k}Date`]: date(o.observedAt),
              });
            }
            return [e.id, cells];
          }),
        );
        const line = (cells: Partial<Record<FieldKey, XlsxCell>>) => rows.push(FIELD_KEYS.map((f) => cells[f] ?? null));
        const withActivity = new Set<string>();
        for (const a of p.activities) {
          if (a.enrolmentId) withActivity.add(a.enrolmentId);
          line({
            ...base,
            ...(a.enrolmentId ? enrolmentCells.get(a.enrolmentId) : {}),
            activityType: label("activityType", a.type),
            activityStatus: label("activityStatus", a.status),
            activityOrganisation: a.organisation?.name ?? null,
            activityStart: date(a.startDate),
            activityEnd: date(a.endDate),
            hoursPerWeek: a.hoursPerWeek === null ? null : Number(a.hoursPerWeek),
          });
        }
        // An enrolment without activities, and a participant with neither, still get their row.
        for (const e of p.enrolments) if (!withActivity.has(e.id)) line({ ...base, ...enrolmentCells.get(e.id) });
        if (p.activities.length === 0 && p.enrolments.length === 0) line(base);
      }
      await recordAudit(tx, ctx, {
        action: "participants.exported",
        entityType: "Participant",
        details: {
          format,
          participants: participants.length,
          rows: rows.length,
          // The filters as JSON (what is unset left out): a round trip of a plain object gives a JSON object.
          filters: JSON.parse(JSON.stringify(query)) as Prisma.InputJsonObject,
        },
      });
      return { headers: FIELD_KEYS.map((f) => fieldLabel(t, f)), rows };
    },
    { timeoutMs: 60_000 },
  );
}
