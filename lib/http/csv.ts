import "server-only";
import Papa from "papaparse";
import type { Locale } from "../i18n/settings.ts";

/**
 * A CSV document: UTF-8 with a byte order mark and CRLF line ends, so a double-click opens it right in a
 * spreadsheet program. Written by papaparse.
 * - The separator is the list separator of the reader's Excel: `;` for Norwegian and Swedish, `,` for English.
 * - A value holding either separator is quoted, whichever is used.
 * - A text that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, so no spreadsheet
 *   evaluates it as a formula (CSV injection, OWASP). This covers multi-line values too, which papaparse's
 *   default pattern does not.
 */
export function csvDocument(lines: string[][], locale: Locale = "en"): string {
  return (
    "\uFEFF" +
    Papa.unparse(lines, {
      delimiter: csvSeparator(locale),
      newline: "\r\n",
      escapeFormulae: /^[=+\-@\t\r]/,
      // Either separator is quoted, so a file opened with the other list separator still keeps its columns.
      quotes: (value: unknown) => /[,;]/.test(String(value)),
    }) +
    "\r\n"
  );
}

export function csvSeparator(locale: Locale): ";" | "," {
  return locale === "en" ? "," : ";";
}
