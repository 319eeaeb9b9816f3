import "server-only";
import { GENDERS, PARTICIPANT_STATUSES, TARGET_GROUPS } from "../participants/schemas.ts";
import { EXIT_REASONS } from "../enrolments/schemas.ts";
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from "../pathways/schemas.ts";
import { OUTCOME_POINTS, OUTCOME_STATUSES, WORKING_TIMES } from "../outcomes/schemas.ts";
import { PILOT_KINDS } from "../pilots/schemas.ts";
import type { TFunction } from "i18next";
import { getT } from "../i18n/instance.ts";
import { locales } from "../i18n/settings.ts";

/**
 * The columns of an import (and of the participant list export, which is the same format, so an export can be
 * imported again). One row is one step of a pathway: the participant's fields, the enrolment in a pilot, one
 * activity and the outcomes of that enrolment; the participant's and the enrolment's fields repeat on each of
 * their rows. Headers are the field labels in nb, sv or en (`import:field.*`); values of a choice are the
 * labels in any of the three languages or the codes.
 */
export type FieldKind =
  "text" | "code" | "int" | "decimal" | "date" | "bool" | "enum" | "organisation" | "pilot" | "languages";

export const POINT_KEYS = {
  AT_EXIT: "Exit",
  MONTHS_3: "3m",
  MONTHS_6: "6m",
  MONTHS_12: "12m",
} as const satisfies Record<(typeof OUTCOME_POINTS)[number], string>;
const POINT_MONTHS = { AT_EXIT: 0, MONTHS_3: 3, MONTHS_6: 6, MONTHS_12: 12 } as const;
export { POINT_MONTHS };

type FieldSpec = { kind: FieldKind; enum?: string; values?: readonly string[]; max?: number; min?: number };

const participantFields = {
  reference: { kind: "text", max: 64 },
  code: { kind: "code" },
  name: { kind: "text", max: 120 },
  birthYear: { kind: "int", min: 1920, max: 2100 },
  gender: { kind: "enum", enum: "Gender", values: GENDERS },
  targetGroup: { kind: "enum", enum: "TargetGroup", values: TARGET_GROUPS },
  arrivalYear: { kind: "int", min: 1940, max: 2100 },
  languages: { kind: "languages" },
  status: { kind: "enum", enum: "ParticipantStatus", values: PARTICIPANT_STATUSES },
  anonymous: { kind: "bool" },
  consentDate: { kind: "date" },
  consentFollowUp: { kind: "bool" },
  consentStatistics: { kind: "bool" },
} as const satisfies Record<string, FieldSpec>;

const enrolmentFields = {
  pilot: { kind: "pilot", max: 200 },
  pilotKind: { kind: "enum", enum: "PilotKind", values: PILOT_KINDS },
  startDate: { kind: "date" },
  exitDate: { kind: "date" },
  exitReason: { kind: "enum", enum: "ExitReason", values: EXIT_REASONS },
} as const satisfies Record<string, FieldSpec>;

const activityFields = {
  activityType: { kind: "enum", enum: "ActivityType", values: ACTIVITY_TYPES },
  activityStatus: { kind: "enum", enum: "ActivityStatus", values: ACTIVITY_STATUSES },
  activityOrganisation: { kind: "organisation", max: 200 },
  activityStart: { kind: "date" },
  activityEnd: { kind: "date" },
  hoursPerWeek: { kind: "decimal", min: 0, max: 80 },
} as const satisfies Record<string, FieldSpec>;

type PointKey = (typeof POINT_KEYS)[keyof typeof POINT_KEYS];
type OutcomeFieldKey = `outcome${PointKey}${"Status" | "WorkingTime" | "Employer" | "Date"}`;

const outcomeFields = Object.fromEntries(
  Object.values(POINT_KEYS).flatMap((p) => [
    [`outcome${p}Status`, { kind: "enum", enum: "OutcomeStatus", values: OUTCOME_STATUSES }],
    [`outcome${p}WorkingTime`, { kind: "enum", enum: "WorkingTime", values: WORKING_TIMES }],
    [`outcome${p}Employer`, { kind: "organisation", max: 200 }],
    [`outcome${p}Date`, { kind: "date" }],
  ]),
) as Record<OutcomeFieldKey, FieldSpec>;

export const FIELDS = { ...participantFields, ...enrolmentFields, ...activityFields, ...outcomeFields } as Record<
  keyof typeof participantFields | keyof typeof enrolmentFields | keyof typeof activityFields | OutcomeFieldKey,
  FieldSpec
>;
export type FieldKey = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];
export const isFieldKey = (v: unknown): v is FieldKey => typeof v === "string" && Object.hasOwn(FIELDS, v);

export const FIELD_GROUPS: { group: "participant" | "enrolment" | "activity" | "outcomes"; fields: FieldKey[] }[] = [
  { group: "participant", fields: Object.keys(participantFields) as FieldKey[] },
  { group: "enrolment", fields: Object.keys(enrolmentFields) as FieldKey[] },
  { group: "activity", fields: Object.keys(activityFields) as FieldKey[] },
  { group: "outcomes", fields: Object.keys(outcomeFields) as FieldKey[] },
];

/** A field's column header in one language. */
export function fieldLabel(t: TFunction, field: FieldKey): string {
  const outcome = /^outcome(Exit|3m|6m|12m)(Status|WorkingTime|Employer|Date)$/.exec(field);
  if (outcome)
    return t("import:outcomeField", {
      point: t(`import:point.${outcome[1]}`),
      part: t(`import:outcomePart.${outcome[2]}`),
    });
  return t(`import:field.${field}`);
}

/** How headers and values are compared: case, accents of other languages, spaces and punctuation do not count. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æ]/g, "ae")
    .replace(/[øö]/g, "o")
    .replace(/[åä]/g, "a")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]/g, "");
}

// Words coordinators' own sheets use for the same columns (nb, sv, en), beyond our own labels.
const SYNONYMS: Partial<Record<FieldKey, string[]>> = {
  reference: [
    "ref",
    "referanse",
    "referens",
    "reference",
    "externalid",
    "id",
    "lopenummer",
    "lopnummer",
    "saksnummer",
    "arendenummer",
  ],
  code: ["kode", "kod", "code", "deltakerkode", "deltagarkod", "participantcode"],
  name: ["navn", "namn", "name", "fulltnavn", "fullstandigtnamn", "fullname"],
  birthYear: ["fodselsar", "fodelsear", "fodt", "fodd", "yearofbirth", "born"],
  gender: ["kjonn", "kon", "gender", "sex"],
  targetGroup: ["malgruppe", "malgrupp", "targetgroup", "gruppe", "grupp", "group"],
  arrivalYear: ["ankomstar", "arrival", "bosattar", "bosattningsar", "yearofarrival"],
  languages: ["sprak", "languages", "morsmal", "modersmal"],
  status: ["deltakerstatus", "deltagarstatus", "participantstatus"],
  anonymous: ["anonym", "anonymous"],
  consentDate: ["samtykkedato", "samtyckesdatum", "consentdate", "samtykke", "samtycke", "consent"],
  pilot: ["pilot", "tiltak", "insats", "program", "programme", "program", "utviklingspilot", "prosjekt", "projekt"],
  startDate: ["start", "startdato", "startdatum", "oppstart", "innskrevet", "inskriven", "enrolled"],
  exitDate: ["slutt", "sluttdato", "slutdatum", "avsluttet", "avslutad", "exit", "ended"],
  exitReason: ["sluttarsak", "avslutningsarsak", "avslutsorsak", "exitreason"],
  activityType: ["aktivitet", "activity", "aktivitetstype", "activitytype"],
  activityOrganisation: [
    "arbeidspraksis",
    "praksisplass",
    "praktikplats",
    "arbetsgivare",
    "arbeidsgiver",
    "bedrift",
    "foretag",
    "employer",
    "workplace",
  ],
  activityStart: ["aktivitetstart", "aktivitetsstart"],
  activityEnd: ["aktivitetslutt", "aktivitetsslut"],
  hoursPerWeek: ["timer", "timmar", "hours", "timerperuke", "timmarpervecka", "hoursperweek"],
};

let suggestions: Map<string, FieldKey> | null = null;

/** The field a header names (our labels in any language, or a common synonym), or null. */
export function suggestField(header: string): FieldKey | null {
  if (!suggestions) {
    const map = new Map<string, FieldKey>();
    for (const [field, words] of Object.entries(SYNONYMS) as [FieldKey, string[]][])
      for (const w of words) map.set(w, field);
    // Our own labels win over synonyms.
    for (const locale of locales) {
      const t = getT(locale, ["import"]);
      for (const field of FIELD_KEYS) map.set(normalise(fieldLabel(t, field)), field);
    }
    suggestions = map;
  }
  return suggestions.get(normalise(header)) ?? null;
}

/** The suggested column mapping of a file: each header's field, no field twice (the first column wins). */
export function suggestMapping(headers: string[]): (FieldKey | null)[] {
  const used = new Set<FieldKey>();
  return headers.map((h) => {
    const field = suggestField(h);
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

const enumLookups = new Map<string, Map<string, string>>();

/** The code a value of a choice names: the code itself or its label in nb, sv or en (normalised), or null. */
export function enumValue(field: FieldKey, raw: string): string | null {
  const spec = FIELDS[field];
  if (!spec.enum || !spec.values) return null;
  let lookup = enumLookups.get(spec.enum);
  if (!lookup) {
    lookup = new Map();
    for (const code of spec.values) lookup.set(normalise(code), code);
    for (const locale of locales) {
      const t = getT(locale, ["enums"]);
      for (const code of spec.values) {
        const label = normalise(t(`enums:${spec.enum}.${code}`));
        if (!lookup.has(label)) lookup.set(label, code);
      }
    }
    enumLookups.set(spec.enum, lookup);
  }
  return lookup.get(normalise(raw)) ?? null;
}
