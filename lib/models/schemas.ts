import "server-only";
import { z } from "zod";
import { ORGANISATION_TYPES } from "../organisations/schemas.ts";
import { PILOT_KINDS } from "../pilots/schemas.ts";
import { TARGET_GROUPS } from "../participants/schemas.ts";
import { POINTS } from "../dashboards/definitions.ts";
import { AppError } from "../errors.ts";
import { formObject, optionalInt, optionalText, requiredEnum, requiredText } from "../validation.ts";

/**
 * A collaboration model's shape, defined once. The stored content is an allow-list: strict objects with only
 * the fields below, so nothing else — no participant, contact person or user — can ride along into a
 * published model. Messages are translation keys (errors:validation.* or models:form.*).
 */
export const COUNTRIES = ["NO", "SE"] as const;
export const MODEL_LANGUAGES = ["nb", "sv", "en"] as const;
export const MAX_PARTNER_ROLES = 20;
export const MAX_PILOTS = 20;
/** Published results are the status one year after exit, as SSB counts it. */
export const RESULTS_POINT = "MONTHS_12" as const;

export const RESULT_COLUMNS = [
  "enrolled",
  "active",
  "exited",
  "due",
  "permanent",
  "temporary",
  "education",
  "other",
  "unknown",
  "shareWork",
  "sharePermanent",
  "shareWorkOrEducation",
  "shareUnknown",
  "medianDaysToJob",
] as const;

// ------------------------------------------------------------------------------------- stored content
const resultCellSchema = z
  .strictObject({ kind: z.enum(["count", "share", "days"]), value: z.number().nullable(), suppressed: z.boolean() })
  // A hidden figure is stored without its value: the published JSON cannot give it away.
  .refine((c) => !c.suppressed || c.value === null, "a suppressed cell carries no value");
export type ResultCell = z.infer<typeof resultCellSchema>;

export const resultsSnapshotSchema = z.strictObject({
  computedAt: z.iso.datetime(),
  threshold: z.number().int().min(1).max(100),
  point: z.enum(POINTS),
  headline: z.strictObject({
    columns: z.array(z.enum(RESULT_COLUMNS)).max(20),
    cells: z.array(resultCellSchema).max(20),
  }),
  overTime: z.strictObject({
    columns: z.array(z.enum(RESULT_COLUMNS)).max(20),
    rows: z
      .array(z.strictObject({ point: z.enum(POINTS), cells: z.array(resultCellSchema).max(20) }))
      .max(POINTS.length),
  }),
});
export type ResultsSnapshot = z.infer<typeof resultsSnapshotSchema>;

export const partnerRoleSchema = z.strictObject({
  organisationType: z.enum(ORGANISATION_TYPES),
  role: z.string().min(1).max(500),
});
export const modelPilotSchema = z.strictObject({
  kind: z.enum(PILOT_KINDS),
  name: z.string().min(1).max(200),
  goal: z.string().max(500).nullable(),
  targetSharePercent: z.number().int().min(0).max(100).nullable(),
});

export const modelContentSchema = z.strictObject({
  /** From the tenant: the library filters on it. */
  country: z.enum(COUNTRIES),
  /** The language the text is written in, so pages can mark it (lang) for screen readers. */
  language: z.enum(MODEL_LANGUAGES),
  goal: z.string().min(1).max(2000),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1).max(TARGET_GROUPS.length),
  partnerRoles: z.array(partnerRoleSchema).min(1).max(MAX_PARTNER_ROLES),
  pilots: z.array(modelPilotSchema).max(MAX_PILOTS),
  workingMethods: z.string().max(5000).nullable(),
  /** Aggregated, suppressed figures computed when the model was last published; null before that. */
  results: resultsSnapshotSchema.nullable(),
});
export type ModelContent = z.infer<typeof modelContentSchema>;
export type PartnerRole = z.infer<typeof partnerRoleSchema>;
export type ModelPilot = z.infer<typeof modelPilotSchema>;

// ---------------------------------------------------------------------------------------- the form
const blank = (v: unknown) => v === undefined || (typeof v === "string" && v.trim() === "");

export const modelSlugSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z
    .string({ error: "validation.required" })
    .min(1, "validation.required")
    .max(63, "validation.tooLong")
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/, "models:form.slugFormat")
    .refine((s) => !s.includes("--"), "models:form.slugFormat"),
);

export const modelInputSchema = z.strictObject({
  title: requiredText(160),
  summary: optionalText(500),
  slug: modelSlugSchema,
  goal: requiredText(2000),
  targetGroups: z.preprocess(
    (v): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.enum(TARGET_GROUPS, { error: "validation.choose" }))
      .min(1, "models:form.chooseTargetGroup")
      .transform((a) => [...new Set(a)]),
  ),
  partnerRoles: z
    .array(z.strictObject({ organisationType: requiredEnum(ORGANISATION_TYPES), role: requiredText(500) }))
    .min(1, "models:form.needPartnerRole")
    .max(MAX_PARTNER_ROLES, "validation.tooMany"),
  pilots: z
    .array(
      z.strictObject({
        kind: requiredEnum(PILOT_KINDS),
        name: requiredText(200),
        goal: optionalText(500),
        targetSharePercent: optionalInt(0, 100),
      }),
    )
    .max(MAX_PILOTS, "validation.tooMany"),
  workingMethods: optionalText(5000),
});
export type ModelInput = z.infer<typeof modelInputSchema>;

/** Field errors with the whole path, e.g. "pilots.2.name", so the form can mark the very row. */
export function modelFieldErrors(error: z.ZodError, rowOrigin: Record<string, number[]> = {}): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const [field, index, ...rest] = issue.path.map(String);
    const row = index === undefined ? undefined : (rowOrigin[field]?.[Number(index)] ?? index);
    const name = [field ?? "_form", ...(row === undefined ? [] : [String(row)]), ...rest].join(".");
    result[name] ??= /^(validation\.|models:)/.test(issue.message) ? issue.message : "validation.invalid";
  }
  return result;
}

/** Rows of a repeated group (`partnerRoles.0.role`, …) in their order; a row left wholly blank is dropped. */
function rows(raw: Record<string, unknown>, prefix: string, fields: readonly string[]) {
  const byIndex = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(raw)) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,3})\\.(\\w+)$`).exec(key);
    if (!match || !fields.includes(match[2])) continue;
    const index = Number(match[1]);
    byIndex.set(index, { ...byIndex.get(index), [match[2]]: Array.isArray(value) ? (value as unknown[])[0] : value });
  }
  const kept = [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, row]) => !fields.every((f) => blank(row[f])));
  return { values: kept.map(([, row]) => row), origin: kept.map(([index]) => index) };
}

/** The model form as it arrives (flat fields, repeated groups by index), parsed into a ModelInput. */
export function parseModelForm(form: FormData): ModelInput {
  const raw = formObject(form);
  const roles = rows(raw, "partnerRoles", ["organisationType", "role"]);
  const pilots = rows(raw, "pilots", ["kind", "name", "goal", "targetSharePercent"]);
  const parsed = modelInputSchema.safeParse({
    title: raw.title,
    summary: raw.summary,
    slug: raw.slug,
    goal: raw.goal,
    targetGroups: raw.targetGroups,
    partnerRoles: roles.values,
    pilots: pilots.values,
    workingMethods: raw.workingMethods,
  });
  if (!parsed.success) {
    throw new AppError(
      "INVALID_INPUT",
      "errors:invalidInput",
      modelFieldErrors(parsed.error, { partnerRoles: roles.origin, pilots: pilots.origin }),
    );
  }
  return parsed.data;
}

// ------------------------------------------------------------------------------------- the library
const optionalQuery = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v): unknown => (Array.isArray(v) ? v[0] : v === "" ? undefined : v), schema.optional())
    .catch(undefined);

/** The library's search, from the URL; anything malformed is ignored, never an error page. */
export const librarySearchSchema = z.object({
  q: optionalQuery(
    z
      .string()
      .trim()
      .max(100)
      .transform((s) => s || undefined),
  ),
  country: optionalQuery(z.enum(COUNTRIES)),
  targetGroup: optionalQuery(z.enum(TARGET_GROUPS)),
  pilotKind: optionalQuery(z.enum(PILOT_KINDS)),
  page: z
    .preprocess((v): unknown => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(1000))
    .catch(1)
    .default(1),
});
export type LibrarySearch = z.infer<typeof librarySearchSchema>;
export const LIBRARY_PAGE_SIZE = 12;

export const adoptModelSchema = z.object({ modelSlug: modelSlugSchema });
