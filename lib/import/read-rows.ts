import "server-only";
import { enumValue, FIELDS, isFieldKey, normalise, type FieldKey } from "./fields.ts";
import type { Table } from "./read-file.ts";
import type { Issue, Mapping, RowAction } from "./plan.ts";
import { checkRules } from "./check-rules.ts";

export type Values = Partial<Record<FieldKey, string | number | boolean | Date | string[]>>;

export type ParsedRow = {
  row: number;
  values: Values;
  columnOf: Partial<Record<FieldKey, number>>;
  errors: Issue[];
  mapped: { field: FieldKey; value: string }[];
};

export const PILOT_FIELDS = ["startDate", "exitDate", "exitReason", "pilotKind"] as const;
export const ACTIVITY_FIELDS = [
  "activityStatus",
  "activityOrganisation",
  "activityStart",
  "activityEnd",
  "hoursPerWeek",
] as const;
export const PARTICIPANT_FIELDS = [
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
export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
export const today = () => new Date(`${iso(new Date())}T00:00:00Z`);

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
  return parsed;
}

/**
 * The file's rows read with the user's mapping: each row's typed values and the issues of its cells and of the
 * rules that need no database (check-rules.ts). The same row twice (a copy-paste) is read once; the copies are
 * marked "duplicate". Rows are numbered as the spreadsheet shows them (the header is row 1).
 */
export function readRows(table: Table, mapping: Mapping) {
  const rowActions = new Map<number, RowAction>();
  const seen = new Map<string, number>();
  const parsed: ParsedRow[] = [];
  let duplicates = 0;
  table.rows.forEach((cells, i) => {
    const row = i + 2;
    const signature = JSON.stringify(mapping.columns.map((f, c) => (f ? (cells[c] ?? "") : "")));
    if (seen.has(signature)) {
      duplicates++;
      rowActions.set(row, "duplicate");
      return;
    }
    seen.set(signature, row);
    const p = parseRow(cells, row, mapping);
    checkRules(p);
    parsed.push(p);
  });
  return { parsed, rowActions, duplicates };
}
