import "server-only";
import escapeHtml from "escape-html";

/**
 * Markup built once as a string and kept (a dashboard's tables and charts while its figures are unchanged), for
 * a server component to write with dangerouslySetInnerHTML: sent as one string, it costs a request far less than
 * the same markup as React elements, which are serialised for the browser and rendered to HTML on every request.
 * Every value put into the template is escaped (escape-html) unless it is Markup itself.
 */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = string | number | Markup | null | undefined | false | readonly Value[];

function write(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map(write).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += write(values[i]) + strings[i + 1];
  return new Markup(out);
}
