import "server-only";
import type { Tx, TenantContext } from "../db/tenant.ts";
import type { OrganisationType, PilotKind } from "../db/generated/enums.ts";
import { ORGANISATION_TYPES } from "../organisations/schemas.ts";
import { PILOT_KINDS } from "../pilots/schemas.ts";
import { normalise, POINT_KEYS, type FieldKey } from "./fields.ts";
import type { Table } from "./read-file.ts";
import { groupBy, iso, PARTICIPANT_FIELDS, readRows, today, type ParsedRow } from "./read-rows.ts";
import { matchExisting } from "./match-existing.ts";

/** The user's choices between upload and import. */
export type Mapping = {
  /** Per column of the file: the field it fills, or null (ignored). */
  columns: (FieldKey | null)[];
  /** Per field of a choice: a value of the file (normalised) → the code it means. */
  values: Partial<Record<FieldKey, Record<string, string>>>;
  /** Organisations and pilots the file names that do not exist yet, to be created (normalised name → type/kind). */
  createOrganisations: Record<string, OrganisationType>;
  createPilots: Record<string, PilotKind>;
  /** Import the participants without errors and leave the others out. */
  skipInvalid: boolean;
};

export type Issue = { row: number; column: number | null; key: string; params?: Record<string, string | number> };
export type RowAction = "create" | "update" | "unchanged" | "skip" | "duplicate";
export type RowSummary = { row: number; participant: string; action: RowAction };

type Counts = { create: number; update: number; unchanged: number };
export type PlanSummary = {
  participants: Counts;
  enrolments: Counts;
  activities: Counts;
  outcomes: Counts;
  organisations: number;
  pilots: number;
  rows: number;
  rowsSkipped: number;
  rowsWithErrors: number;
  duplicates: number;
};

export type PlannedParticipant = {
  key: string;
  rows: number[];
  existingId: string | null;
  code: string | null;
  reference: string | null;
  anonymous: boolean;
  fields: Partial<Record<(typeof PARTICIPANT_FIELDS)[number], unknown>>;
  changed: Partial<Record<(typeof PARTICIPANT_FIELDS)[number] | "externalRef", unknown>>;
  consents: { purpose: "FOLLOW_UP" | "STATISTICS"; givenAt: Date }[];
  enrolments: PlannedEnrolment[];
  activities: PlannedActivity[];
  action: "create" | "update" | "unchanged";
};
export type PlannedEnrolment = {
  key: string;
  existingId: string | null;
  pilot: string;
  startDate: Date;
  exitDate: Date | null;
  exitReason: string | null;
  changed: boolean;
  outcomes: PlannedOutcome[];
};
export type PlannedOutcome = {
  point: keyof typeof POINT_KEYS;
  existingId: string | null;
  status: string;
  workingTime: string | null;
  employer: string | null;
  observedAt: Date;
  changed: boolean;
};
export type PlannedActivity = {
  existingId: string | null;
  enrolmentKey: string | null;
  type: string;
  status: string;
  organisation: string | null;
  startDate: Date;
  endDate: Date | null;
  hoursPerWeek: number | null;
  changed: boolean;
};

export type Plan = {
  issues: Issue[];
  rows: RowSummary[];
  summary: PlanSummary;
  unknownValues: { field: FieldKey; value: string; count: number }[];
  unknownOrganisations: { name: string; count: number }[];
  unknownPilots: { name: string; kind: string | null; count: number }[];
  participants: PlannedParticipant[];
  organisationIds: Map<string, string>;
  pilotIds: Map<string, string>;
  newOrganisations: { name: string; type: OrganisationType }[];
  newPilots: { name: string; kind: PilotKind; startDate: Date }[];
  importable: boolean;
};

const sameDate = (a: Date | null | undefined, b: Date | null | undefined) =>
  (a ? iso(a) : null) === (b ? iso(b) : null);
const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? sameDate(a as Date, b as Date)
    : JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * What importing a table with a mapping would do, row by row: every problem named by row and column, and every
 * participant, enrolment, activity and outcome to create or update. Reads the tenant's current data through
 * the caller's transaction, so the import itself plans again inside its own and writes exactly what it saw.
 */
export async function planImport(
  tx: Tx,
  ctx: Pick<TenantContext, "tenantId">,
  table: Table,
  mapping: Mapping,
): Promise<Plan> {
  const tenantId = ctx.tenantId;
  const issues: Issue[] = [];
  const { parsed, rowActions, duplicates } = readRows(table, mapping);

  // Unknown values of choices, for the value mapping step.
  const unknownValues = new Map<string, { field: FieldKey; value: string; count: number }>();
  for (const p of parsed) {
    const found = [
      ...p.errors
        .filter((e) => e.key === "unknownValue" && e.column !== null)
        .map((e) => ({ field: mapping.columns[e.column!]!, value: String(e.params?.value ?? "") })),
      ...p.mapped,
    ];
    for (const { field, value } of found) {
      const k = `${field}\u0000${normalise(value)}`;
      const u = unknownValues.get(k) ?? { field, value, count: 0 };
      u.count++;
      unknownValues.set(k, u);
    }
  }

  const { organisationIds, pilotIds, byRef, byCode, codesTaken, enrolmentsOf, activitiesOf, outcomesOf } =
    await matchExisting(tx, tenantId, parsed);

  // Organisations and pilots the file names that do not exist: created if the user said so, else an error.
  const unknownOrganisations = new Map<string, { name: string; count: number }>();
  const unknownPilots = new Map<string, { name: string; kind: string | null; count: number }>();
  const newPilotStart = new Map<string, Date>();
  for (const p of parsed) {
    for (const field of [
      "activityOrganisation",
      "outcomeExitEmployer",
      "outcome3mEmployer",
      "outcome6mEmployer",
      "outcome12mEmployer",
    ] as FieldKey[]) {
      const name = p.values[field] as string | undefined;
      if (!name || organisationIds.has(normalise(name))) continue;
      const u = unknownOrganisations.get(normalise(name)) ?? { name, count: 0 };
      u.count++;
      unknownOrganisations.set(normalise(name), u);
      if (!mapping.createOrganisations[normalise(name)])
        p.errors.push({
          row: p.row,
          column: p.columnOf[field] ?? null,
          key: "unknownOrganisation",
          params: { value: name },
        });
    }
    const pilot = p.values.pilot as string | undefined;
    if (pilot && !pilotIds.has(normalise(pilot))) {
      const u = unknownPilots.get(normalise(pilot)) ?? {
        name: pilot,
        kind: (p.values.pilotKind as string | undefined) ?? null,
        count: 0,
      };
      u.count++;
      unknownPilots.set(normalise(pilot), u);
      if (!mapping.createPilots[normalise(pilot)] && !p.values.pilotKind)
        p.errors.push({ row: p.row, column: p.columnOf.pilot ?? null, key: "unknownPilot", params: { value: pilot } });
      const start = p.values.startDate as Date | undefined;
      if (start && (!newPilotStart.has(normalise(pilot)) || start < newPilotStart.get(normalise(pilot))!))
        newPilotStart.set(normalise(pilot), start);
    }
  }
  const newOrganisations = [...unknownOrganisations.entries()]
    .filter(
      ([k]) =>
        mapping.createOrganisations[k] &&
        (ORGANISATION_TYPES as readonly string[]).includes(mapping.createOrganisations[k]),
    )
    .map(([k, u]) => ({ name: u.name, type: mapping.createOrganisations[k] }));
  const newPilots = [...unknownPilots.entries()]
    .filter(([k, u]) => mapping.createPilots[k] || u.kind)
    .map(([k, u]) => ({
      name: u.name,
      kind: (mapping.createPilots[k] && (PILOT_KINDS as readonly string[]).includes(mapping.createPilots[k])
        ? mapping.createPilots[k]
        : u.kind) as PilotKind,
      startDate: newPilotStart.get(k) ?? today(),
    }));

  // Rows by participant: the reference if there is one, else the code.
  const participantKey = (p: ParsedRow) =>
    p.values.reference ? `r:${p.values.reference as string}` : `c:${p.values.code as string}`;
  const groups = groupBy(
    parsed.filter((p) => p.values.reference || p.values.code),
    participantKey,
  );

  const participants: PlannedParticipant[] = [];
  for (const [key, rows] of groups) {
    const first = rows[0];
    const conflictCheck = (field: FieldKey) => {
      let holder: ParsedRow | undefined;
      for (const r of rows) {
        if (r.values[field] === undefined) continue;
        if (!holder) holder = r;
        else if (!sameValue(holder.values[field], r.values[field]))
          r.errors.push({
            row: r.row,
            column: r.columnOf[field] ?? null,
            key: "conflict",
            params: { row: holder.row },
          });
      }
      return holder?.values[field];
    };
    const reference = (conflictCheck("reference") as string | undefined) ?? null;
    const code = (conflictCheck("code") as string | undefined) ?? null;
    const anonymousValue = conflictCheck("anonymous") as boolean | undefined;
    const fields: PlannedParticipant["fields"] = {};
    for (const f of PARTICIPANT_FIELDS) {
      const v = conflictCheck(f);
      if (v !== undefined) fields[f] = v;
    }
    const consentDate = conflictCheck("consentDate") as Date | undefined;
    const followUp = conflictCheck("consentFollowUp") as boolean | undefined;
    const statistics = conflictCheck("consentStatistics") as boolean | undefined;

    let match = reference ? byRef.get(reference) : undefined;
    if (!match && code) {
      // The code names this participant unless it belongs to one with another reference (or to an erased one).
      const holder = byCode.get(code);
      if (holder && !(reference && holder.externalRef && holder.externalRef !== reference)) match = holder;
      else if (codesTaken.has(code))
        first.errors.push({
          row: first.row,
          column: first.columnOf.code ?? null,
          key: "codeTaken",
          params: { value: code },
        });
    }

    const anonymous = match ? match.anonymous : anonymousValue === true;
    const planned: PlannedParticipant = {
      key,
      rows: rows.map((r) => r.row),
      existingId: match?.id ?? null,
      code: match?.code ?? code,
      reference,
      anonymous,
      fields: anonymous ? { targetGroup: fields.targetGroup, status: fields.status } : fields,
      changed: {},
      consents: [],
      enrolments: [],
      activities: [],
      action: match ? "unchanged" : "create",
    };
    const wanted: ("FOLLOW_UP" | "STATISTICS")[] = anonymous
      ? []
      : [...(followUp ? ["FOLLOW_UP" as const] : []), ...(statistics ? ["STATISTICS" as const] : [])];
    if (!match) {
      // (A value that could not be read has its own error already.)
      const unreadable = rows.some((r) =>
        r.errors.some((e) => e.column !== null && e.column === r.columnOf.targetGroup),
      );
      if (!fields.targetGroup && !unreadable)
        first.errors.push({ row: first.row, column: first.columnOf.targetGroup ?? null, key: "required" });
      // Registration needs consent, or an anonymous registration (which keeps no personal data).
      if (!anonymous && (!consentDate || wanted.length === 0))
        first.errors.push({
          row: first.row,
          column: first.columnOf[consentDate ? "consentFollowUp" : "consentDate"] ?? null,
          key: "consentMissing",
        });
      planned.consents = consentDate ? wanted.map((purpose) => ({ purpose, givenAt: consentDate })) : [];
    } else {
      for (const f of PARTICIPANT_FIELDS) {
        if (planned.fields[f] !== undefined && !sameValue(planned.fields[f], match[f]))
          planned.changed[f] = planned.fields[f];
      }
      if (reference && match.externalRef !== reference) planned.changed.externalRef = reference;
      const active = new Set(match.consents.map((c) => c.purpose));
      const missing = wanted.filter((p) => !active.has(p));
      if (missing.length && !consentDate)
        first.errors.push({ row: first.row, column: first.columnOf.consentDate ?? null, key: "required" });
      planned.consents = consentDate ? missing.map((purpose) => ({ purpose, givenAt: consentDate })) : [];
    }

    // Enrolments (pilot + start date), their outcomes, and activities.
    const enrolmentByKey = new Map<string, PlannedEnrolment>();
    const enrolmentRow = new Map<string, ParsedRow>();
    const outcomeRow = new Map<string, ParsedRow>();
    const activityRow = new Map<string, { row: ParsedRow; activity: PlannedActivity }>();
    for (const r of rows) {
      const v = r.values;
      let enrolmentKey: string | null = null;
      if (v.pilot && v.startDate instanceof Date) {
        enrolmentKey = `${normalise(v.pilot as string)}|${iso(v.startDate)}`;
        const seenEnrolment = enrolmentByKey.get(enrolmentKey);
        const exitDate = (v.exitDate as Date | undefined) ?? null;
        const exitReason = (v.exitReason as string | undefined) ?? null;
        if (!seenEnrolment) {
          const pilotId = pilotIds.get(normalise(v.pilot as string));
          const found =
            match && pilotId
              ? (enrolmentsOf.get(match.id) ?? []).find(
                  (e) => e.pilotId === pilotId && sameDate(e.startDate, v.startDate as Date),
                )
              : undefined;
          enrolmentByKey.set(enrolmentKey, {
            key: enrolmentKey,
            existingId: found?.id ?? null,
            pilot: v.pilot as string,
            startDate: v.startDate,
            exitDate,
            exitReason,
            changed: !!found && (!sameDate(found.exitDate, exitDate) || found.exitReason !== exitReason),
            outcomes: [],
          });
          enrolmentRow.set(enrolmentKey, r);
        } else if (!sameDate(seenEnrolment.exitDate, exitDate) || seenEnrolment.exitReason !== exitReason) {
          r.errors.push({
            row: r.row,
            column: r.columnOf[sameDate(seenEnrolment.exitDate, exitDate) ? "exitReason" : "exitDate"] ?? null,
            key: "conflict",
            params: { row: enrolmentRow.get(enrolmentKey)!.row },
          });
        }
        const enrolment = enrolmentByKey.get(enrolmentKey)!;
        for (const [point, pk] of Object.entries(POINT_KEYS) as [keyof typeof POINT_KEYS, string][]) {
          const status = v[`outcome${pk}Status` as FieldKey] as string | undefined;
          const observedAt = v[`outcome${pk}Date` as FieldKey] as Date | undefined;
          if (!status || !observedAt) continue;
          const outcome: PlannedOutcome = {
            point,
            existingId: null,
            status,
            workingTime: (v[`outcome${pk}WorkingTime` as FieldKey] as string | undefined) ?? null,
            employer: (v[`outcome${pk}Employer` as FieldKey] as string | undefined) ?? null,
            observedAt,
            changed: false,
          };
          const okey = `${enrolmentKey}|${point}`;
          const earlier = enrolment.outcomes.find((o) => o.point === point);
          if (earlier) {
            if (
              earlier.status !== outcome.status ||
              earlier.workingTime !== outcome.workingTime ||
              normalise(earlier.employer ?? "") !== normalise(outcome.employer ?? "") ||
              !sameDate(earlier.observedAt, outcome.observedAt)
            ) {
              r.errors.push({
                row: r.row,
                column: r.columnOf[`outcome${pk}Status` as FieldKey] ?? null,
                key: "conflict",
                params: { row: outcomeRow.get(okey)!.row },
              });
            }
            continue;
          }
          outcomeRow.set(okey, r);
          const found = enrolment.existingId
            ? (outcomesOf.get(enrolment.existingId) ?? []).find((o) => o.point === point)
            : undefined;
          if (found) {
            outcome.existingId = found.id;
            const employerId = outcome.employer ? (organisationIds.get(normalise(outcome.employer)) ?? null) : null;
            outcome.changed =
              found.status !== outcome.status ||
              found.workingTime !== outcome.workingTime ||
              found.organisationId !== employerId ||
              !sameDate(found.observedAt, outcome.observedAt);
          }
          enrolment.outcomes.push(outcome);
        }
      }
      if (v.activityType && v.activityStart instanceof Date) {
        const organisation = (v.activityOrganisation as string | undefined) ?? null;
        const akey = `${v.activityType as string}|${iso(v.activityStart)}|${normalise(organisation ?? "")}|${enrolmentKey ?? ""}`;
        const activity: PlannedActivity = {
          existingId: null,
          enrolmentKey,
          type: v.activityType as string,
          status: v.activityStatus as string,
          organisation,
          startDate: v.activityStart,
          endDate: (v.activityEnd as Date | undefined) ?? null,
          hoursPerWeek: (v.hoursPerWeek as number | undefined) ?? null,
          changed: false,
        };
        const earlier = activityRow.get(akey);
        if (earlier) {
          const e = earlier.activity;
          if (
            e.status !== activity.status ||
            !sameDate(e.endDate, activity.endDate) ||
            e.hoursPerWeek !== activity.hoursPerWeek
          ) {
            r.errors.push({
              row: r.row,
              column: r.columnOf.activityStatus ?? r.columnOf.activityType ?? null,
              key: "conflict",
              params: { row: earlier.row.row },
            });
          }
          continue;
        }
        activityRow.set(akey, { row: r, activity });
        if (match) {
          const organisationId = organisation ? (organisationIds.get(normalise(organisation)) ?? null) : null;
          const found = (activitiesOf.get(match.id) ?? []).find(
            (a) =>
              a.type === activity.type &&
              sameDate(a.startDate, activity.startDate) &&
              a.organisationId === organisationId,
          );
          if (found) {
            activity.existingId = found.id;
            activity.changed =
              found.status !== activity.status ||
              !sameDate(found.endDate, activity.endDate) ||
              (found.hoursPerWeek === null ? null : Number(found.hoursPerWeek)) !== activity.hoursPerWeek;
          }
        }
        planned.activities.push(activity);
      }
    }
    planned.enrolments = [...enrolmentByKey.values()];
    if (match) {
      const anything =
        Object.keys(planned.changed).length > 0 ||
        planned.consents.length > 0 ||
        planned.enrolments.some(
          (e) => !e.existingId || e.changed || e.outcomes.some((o) => !o.existingId || o.changed),
        ) ||
        planned.activities.some((a) => !a.existingId || a.changed);
      planned.action = anything ? "update" : "unchanged";
    }
    participants.push(planned);
  }

  // Rows with errors: the whole participant is left out when the user chose to skip them.
  const rowsWithErrors = new Set<number>();
  for (const p of parsed) {
    issues.push(...p.errors);
    if (p.errors.length) rowsWithErrors.add(p.row);
  }
  const included = participants.filter((pp) => !pp.rows.some((r) => rowsWithErrors.has(r)));
  for (const p of parsed) if (!rowActions.has(p.row)) rowActions.set(p.row, "skip");
  for (const pp of included) for (const r of pp.rows) rowActions.set(r, pp.action);

  const count = <T extends { existingId: string | null; changed: boolean }>(items: T[]): Counts => ({
    create: items.filter((i) => !i.existingId).length,
    update: items.filter((i) => i.existingId && i.changed).length,
    unchanged: items.filter((i) => i.existingId && !i.changed).length,
  });
  const allEnrolments = included.flatMap((p) => p.enrolments);
  // Only what the included participants need is created.
  const neededOrganisations = new Set(
    included
      .flatMap((p) => [
        ...p.activities.map((a) => a.organisation),
        ...p.enrolments.flatMap((e) => e.outcomes.map((o) => o.employer)),
      ])
      .filter((n): n is string => !!n)
      .map(normalise),
  );
  const neededPilots = new Set(allEnrolments.map((e) => normalise(e.pilot)));
  const summary: PlanSummary = {
    participants: {
      create: included.filter((p) => p.action === "create").length,
      update: included.filter((p) => p.action === "update").length,
      unchanged: included.filter((p) => p.action === "unchanged").length,
    },
    enrolments: count(allEnrolments),
    activities: count(included.flatMap((p) => p.activities)),
    outcomes: count(allEnrolments.flatMap((e) => e.outcomes)),
    organisations: newOrganisations.filter((o) => neededOrganisations.has(normalise(o.name))).length,
    pilots: newPilots.filter((p) => neededPilots.has(normalise(p.name))).length,
    rows: table.rows.length,
    rowsSkipped: [...rowActions.values()].filter((a) => a === "skip").length,
    rowsWithErrors: rowsWithErrors.size,
    duplicates,
  };
  const participantLabel = new Map<number, string>();
  for (const p of participants) for (const r of p.rows) participantLabel.set(r, p.code ?? p.reference ?? "");
  issues.sort((a, b) => a.row - b.row || (a.column ?? -1) - (b.column ?? -1));
  return {
    issues,
    rows: table.rows.map((_, i) => ({
      row: i + 2,
      participant: participantLabel.get(i + 2) ?? "",
      action: rowActions.get(i + 2) ?? "skip",
    })),
    summary,
    unknownValues: [...unknownValues.values()],
    unknownOrganisations: [...unknownOrganisations.values()],
    unknownPilots: [...unknownPilots.values()],
    participants: included,
    organisationIds,
    pilotIds,
    newOrganisations: newOrganisations.filter((o) => neededOrganisations.has(normalise(o.name))),
    newPilots: newPilots.filter((p) => neededPilots.has(normalise(p.name))),
    importable:
      included.length > 0 &&
      (issues.length === 0 || mapping.skipInvalid) &&
      included.some((p) => p.action !== "unchanged"),
  };
}
