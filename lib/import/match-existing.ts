import "server-only";
import type { Tx } from "../db/tenant.ts";
import { normalise } from "./fields.ts";
import { groupBy, type ParsedRow } from "./read-rows.ts";

/**
 * What of the tenant's data the file's rows may match: its organisations and pilots by (normalised) name, the
 * participants the file names by reference and by code (erased ones' codes stay taken), and those participants'
 * enrolments, activities and outcomes, grouped by participant (outcomes by enrolment) so matching a row looks
 * at that participant's records only.
 */
export async function matchExisting(tx: Tx, tenantId: string, parsed: ParsedRow[]) {
  const [organisations, pilots] = await Promise.all([
    tx.organisation.findMany({ where: { tenantId }, select: { id: true, name: true } }),
    tx.pilot.findMany({ where: { tenantId }, select: { id: true, name: true } }),
  ]);
  const organisationIds = new Map(organisations.map((o) => [normalise(o.name), o.id]));
  const pilotIds = new Map(pilots.map((p) => [normalise(p.name), p.id]));
  const refs = [
    ...new Set(parsed.map((p) => p.values.reference as string | undefined).filter((v): v is string => !!v)),
  ];
  const codes = [...new Set(parsed.map((p) => p.values.code as string | undefined).filter((v): v is string => !!v))];
  const existing =
    refs.length || codes.length
      ? await tx.participant.findMany({
          where: {
            tenantId,
            anonymisedAt: null,
            OR: [
              ...(refs.length ? [{ externalRef: { in: refs } }] : []),
              ...(codes.length ? [{ code: { in: codes } }] : []),
            ],
          },
          select: {
            id: true,
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
            consents: { where: { withdrawnAt: null }, select: { purpose: true } },
          },
        })
      : [];
  const byRef = new Map(existing.filter((p) => p.externalRef).map((p) => [p.externalRef!, p]));
  const byCode = new Map(existing.map((p) => [p.code, p]));
  // Codes of erased participants stay taken.
  const codesTaken = new Set(
    codes.length
      ? (await tx.participant.findMany({ where: { tenantId, code: { in: codes } }, select: { code: true } })).map(
          (p) => p.code,
        )
      : [],
  );
  const existingIds = existing.map((p) => p.id);
  const [enrolments, activities, outcomes] = existingIds.length
    ? await Promise.all([
        tx.enrolment.findMany({
          where: { tenantId, participantId: { in: existingIds } },
          select: { id: true, participantId: true, pilotId: true, startDate: true, exitDate: true, exitReason: true },
        }),
        tx.activity.findMany({
          where: { tenantId, participantId: { in: existingIds } },
          select: {
            id: true,
            participantId: true,
            type: true,
            status: true,
            organisationId: true,
            startDate: true,
            endDate: true,
            hoursPerWeek: true,
            enrolmentId: true,
          },
        }),
        tx.outcome.findMany({
          where: { tenantId, participantId: { in: existingIds } },
          select: {
            id: true,
            enrolmentId: true,
            point: true,
            status: true,
            workingTime: true,
            organisationId: true,
            observedAt: true,
          },
        }),
      ])
    : [[], [], []];
  // By participant, so matching a row looks at that participant's records only.
  const enrolmentsOf = groupBy(enrolments, (e) => e.participantId);
  const activitiesOf = groupBy(activities, (a) => a.participantId);
  const outcomesOf = groupBy(outcomes, (o) => o.enrolmentId);
  return { organisationIds, pilotIds, byRef, byCode, codesTaken, enrolmentsOf, activitiesOf, outcomesOf };
}
