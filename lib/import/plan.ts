import "server-only";
import type { Tx, TenantContext } from "../db/tenant.ts";
import type { OrganisationType, PilotKind } from "../db/generated/enums.ts";
import { ORGANISATION_TYPES } from "../organisations/schemas.ts";
import { PILOT_KINDS } from "../pilots/schemas.ts";
import { JOB_STATUSES } from "../outcomes/schemas.ts";
import { enumValue, FIELDS, isFieldKey, normalise, POINT_KEYS, POINT_MONTHS, type FieldKey } from "./fields.ts";
import type { Table } from "./read-file.ts";

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

type Values = Partial<Record<FieldKey, string | number | boolean | Date | string[]>>;

type ParsedRow = {
  row: number;
  values: Values;
  columnOf: Partial<Record<FieldKey, number>>;
  errors: Issue[];
  mapped: { field: FieldKey; value: string }[];
};

const PILOT_FIELDS = ["startDate", "exitDate", "exitReason", "pilotKind"] as const;
const ACTIVITY_FIELDS = [
  "activityStatus",
  "activityOrganisation",
  "activityStart",
  "activityEnd",
  "hoursPerWeek",
] as const;
const PARTICIPANT_FIELDS = [
  "name",
  "birthYear",
  "gender",
  "targetGroup",
  "arrivalYear",
  "languages",
  "status",
] as const;

export const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Items by a key, in their order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
const today = () => new Date(`${iso(new Date())}T00:00:00Z`);

/** A date as coordinators type it: 2024-03-01, 01.03.2024, 1.3.2024, 01/03/2024 (day first), with or without a time. */
export function parseDate(raw: string): Date | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(raw);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [];
  if (!m) {
    m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$/.exec(raw);
    if (m) [d, mo, y] = [m[1], m[2], m[3]];
  }
  if (!y || !mo || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCFullYear() < 1900 ||
    date.getUTCFullYear() > 2100
  )
    return null;
  return date;
}

const YES = new Set(["ja", "j", "yes", "y", "true", "1", "x", "sant", "sann"]);
const NO = new Set(["nei", "nej", "no", "n", "false", "0", "usant", "falsk"]);

/** Reads each mapped cell of one row into a typed value, with an issue per cell that cannot be read. */
function parseRow(cells: string[], row: number, mapping: Mapping): ParsedRow {
  const parsed: ParsedRow = { row, values: {}, columnOf: {}, errors: [], mapped: [] };
  const issue = (column: number, key: string, params?: Issue["params"]) =>
    parsed.errors.push({ row, column, key, params });
  mapping.columns.forEach((field, column) => {
    if (!field || !isFieldKey(field)) return;
    const raw = (cells[column] ?? "").trim();
    parsed.columnOf[field] = column;
    if (raw === "") return;
    // A formula is never imported: its value is not what anybody typed, and it must not reach another sheet.
    if (raw.startsWith("=")) return issue(column, "formula");
    if (raw.includes("\u0000")) return issue(column, "invalid");
    const spec = FIELDS[field];
    switch (spec.kind) {
      case "text":
      case "organisation":
      case "pilot":
        if (raw.length > (spec.max ?? 200)) return issue(column, "tooLong", { max: spec.max ?? 200 });
        parsed.values[field] = raw;
        return;
      case "code": {
        const code = raw.toUpperCase();
        if (!/^[A-Z]{2,5}-\d{1,6}$/.test(code)) return issue(column, "code");
        parsed.values[field] = code;
        return;
      }
      case "int": {
        const n = Number(raw);
        if (!/^\d+(\.0+)?$/.test(raw)) return issue(column, "number");
        if (n < (spec.min ?? 0) || n > (spec.max ?? 1e9))
          return issue(column, "range", { min: spec.min ?? 0, max: spec.max ?? 0 });
        parsed.values[field] = n;
        return;
      }
      case "decimal": {
        const n = Number(raw.replace(",", "."));
        if (!/^\d+([.,]\d+)?$/.test(raw)) return issue(column, "number");
        if (n < (spec.min ?? 0) || n > (spec.max ?? 1e9))
          return issue(column, "range", { min: spec.min ?? 0, max: spec.max ?? 0 });
        parsed.values[field] = n;
        return;
      }
      case "date": {
        const date = parseDate(raw);
        if (!date) return issue(column, "date", { value: raw });
        parsed.values[field] = date;
        return;
      }
      case "bool": {
        const v = raw.toLowerCase();
        if (YES.has(v)) parsed.values[field] = true;
        else if (NO.has(v)) parsed.values[field] = false;
        else issue(column, "yesNo", { value: raw });
        return;
      }
      case "languages": {
        const codes = raw
          .split(/[\s,;/]+/)
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean);
        if (codes.length > 10 || codes.some((c) => !/^[a-z]{2,3}$/.test(c))) return issue(column, "languages");
        parsed.values[field] = codes;
        return;
      }
      case "enum": {
        const known = enumValue(field, raw);
        const code = known ?? mapping.values[field]?.[normalise(raw)];
        if (!code || !spec.values?.includes(code)) return issue(column, "unknownValue", { value: raw });
        // A value the user mapped stays listed, so the choice can be changed.
        if (!known) parsed.mapped.push({ field, value: raw });
        parsed.values[field] = code;
        return;
      }
    }
  });
  checkRules(parsed);
  return parsed;
}

/** The rules of one row that need no database: dates in order and not in the future, what needs what. */
function checkRules(p: ParsedRow) {
  const v = p.values;
  const at = (field: FieldKey) => p.columnOf[field] ?? null;
  const issue = (field: FieldKey, key: string, params?: Issue["params"]) =>
    p.errors.push({ row: p.row, column: at(field), key, params });
  const now = today();
  const year = now.getUTCFullYear();
  const future = (field: FieldKey) => v[field] instanceof Date && v[field] > now && issue(field, "future");

  if (v.reference === undefined && v.code === undefined) issue("reference", "keyRequired");
  const birthYear = v.birthYear as number | undefined;
  const arrivalYear = v.arrivalYear as number | undefined;
  if (birthYear !== undefined && (birthYear > year - 14 || birthYear < year - 90)) issue("birthYear", "birthYear");
  if (arrivalYear !== undefined && arrivalYear > year) issue("arrivalYear", "future");
  if (arrivalYear !== undefined && birthYear !== undefined && arrivalYear < birthYear)
    issue("arrivalYear", "arrivalBeforeBirth");
  future("consentDate");

  const hasPilot = v.pilot !== undefined;
  if (!hasPilot && PILOT_FIELDS.some((f) => v[f] !== undefined)) issue("pilot", "pilotRequired");
  if (hasPilot) {
    if (!v.startDate) issue("startDate", "required");
    future("startDate");
    future("exitDate");
    if (v.startDate && v.exitDate && (v.exitDate as Date) < (v.startDate as Date)) issue("exitDate", "endBeforeStart");
    if (v.exitDate && !v.exitReason) issue("exitReason", "exitReasonRequired");
    if (v.exitReason && !v.exitDate) issue("exitDate", "exitDateRequired");
  }

  if (v.activityType === undefined && ACTIVITY_FIELDS.some((f) => v[f] !== undefined))
    issue("activityType", "activityTypeRequired");
  if (v.activityType !== undefined) {
    if (!v.activityStart) issue("activityStart", "required");
    v.activityStatus ??= v.activityEnd ? "COMPLETED" : "ONGOING";
    if (v.activityStart && v.activityEnd && (v.activityEnd as Date) < (v.activityStart as Date))
      issue("activityEnd", "endBeforeStart");
    if ((v.activityStatus === "COMPLETED" || v.activityStatus === "INTERRUPTED") && !v.activityEnd)
      issue("activityEnd", "endDateRequired");
    if (v.activityStatus !== "PLANNED") future("activityStart");
    future("activityEnd");
  }

  for (const [point, key] of Object.entries(POINT_KEYS) as [keyof typeof POINT_KEYS, string][]) {
    const f = (part: string) => `outcome${key}${part}` as FieldKey;
    const given = ["Status", "WorkingTime", "Employer", "Date"].some((part) => v[f(part)] !== undefined);
    if (!given) continue;
    if (!hasPilot) issue(f("Status"), "pilotRequired");
    const status = v[f("Status")] as string | undefined;
    if (!status) issue(f("Status"), "required");
    const job = status !== undefined && (JOB_STATUSES as readonly string[]).includes(status);
    if (job && !v[f("WorkingTime")]) issue(f("WorkingTime"), "workingTimeRequired");
    if (!job && v[f("WorkingTime")]) issue(f("WorkingTime"), "workingTimeOnlyForJobs");
    // The date it was observed: given, or the exit date plus the point's months.
    if (!v[f("Date")] && v.exitDate instanceof Date) {
      const d = new Date(v.exitDate);
      d.setUTCMonth(d.getUTCMonth() + POINT_MONTHS[point]);
      if (d > now) issue(f("Status"), "outcomeNotYet");
      else v[f("Date")] = d;
    } else if (!v[f("Date")]) issue(f("Date"), "outcomeDateRequired");
    future(f("Date"));
  }
}

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
  const rowActions = new Map<number, RowAction>();
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  let duplicates = 0;
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    // The same row twice (a copy-paste): counted once.
    const signature = JSON.stringify(mapping.columns.map((f, c) => (f ? (cells[c] ?? "") : "")));
    if (seen.has(signature)) {
      duplicates++;
      rowActions.set(row, "duplicate");
      return;
    }
    seen.set(signature, row);
    parsed.push(parseRow(cells, row, mapping));
  });

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

  // The tenant's organisations and pilots by name; the participants the file names, by reference and code.
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
