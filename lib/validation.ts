import "server-only";
import { z } from "zod";
import { AppError } from "./errors.ts";

/**
 * Form fields as they arrive from a form (strings), parsed into typed values. Every message is a translation
 * key in the `errors` namespace, so the same schema serves the server action and the form's error display.
 */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// PostgreSQL cannot store NUL in text: refuse it here with a message instead of failing at the database.
const noNul = (s: string) => !s.includes("\u0000");

export const requiredText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: "validation.required" })
      .trim()
      .min(1, "validation.required")
      .max(max, "validation.tooLong")
      .refine(noNul, "validation.invalid"),
  );

export const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: "validation.invalid" })
      .trim()
      .max(max, "validation.tooLong")
      .refine(noNul, "validation.invalid")
      .optional(),
  );

const isoDateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().startsWith(s) &&
      d.getUTCFullYear() >= 1900 &&
      d.getUTCFullYear() <= 2100
    );
  }, "validation.date");

const isoDate = isoDateString.transform((s) => new Date(`${s}T00:00:00Z`));

export const requiredDate = z.preprocess(blankToUndefined, z.string({ error: "validation.required" }).pipe(isoDate));

export const optionalDate = z.preprocess(blankToUndefined, isoDate.optional());

export const optionalInt = (min: number, max: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: "validation.number" })
      .int("validation.number")
      .min(min, "validation.range")
      .max(max, "validation.range")
      .optional(),
  );

export const optionalDecimal = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? blankToUndefined(v.replace(",", ".")) : v),
    z.coerce
      .number({ error: "validation.number" })
      .min(min, "validation.range")
      .max(max, "validation.range")
      .optional(),
  );

export const requiredEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: "validation.choose" }));

export const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: "validation.choose" }).optional());

export const optionalId = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(40, "validation.invalid")
    .regex(/^[a-z0-9]+$/, "validation.invalid")
    .optional(),
);
export const requiredId = z
  .string({ error: "validation.required" })
  .max(40, "validation.invalid")
  .regex(/^[a-z0-9]+$/, "validation.invalid");
export const version = z.coerce.number({ error: "validation.invalid" }).int().min(1);
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** Field errors of a failed parse, as { field: translation key } (the first problem of each field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    result[field] ??= issue.message.startsWith("validation.") ? issue.message : "validation.invalid";
  }
  return result;
}

/** FormData as a plain object; repeated fields (checkbox groups, multi-selects) become arrays. */
/** A server action's "form" argument comes from whoever calls the action: anything but a FormData is invalid input. */
export function asFormData(form: unknown): FormData {
  if (!(form instanceof FormData)) throw new AppError("INVALID_INPUT", "errors:invalidInput");
  return form;
}

export function formObject(input: FormData): Record<string, unknown> {
  const form = asFormData(input);
  // A Map, then own properties: a field named "__proto__" or "constructor" is just a field, never the prototype.
  const fields = new Map<string, unknown>();
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION")) continue;
    const v = typeof value === "string" ? value : value.name;
    fields.set(key, fields.has(key) ? ([] as unknown[]).concat(fields.get(key), v) : v);
  }
  return Object.fromEntries(fields);
}

export const dateOrder = <T extends { startDate?: Date; endDate?: Date | null }>(value: T) =>
  !value.startDate || !value.endDate || value.endDate >= value.startDate;
