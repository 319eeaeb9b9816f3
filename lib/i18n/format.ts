// Shared with client components, so not "server-only".
import { intlLocale, type Locale } from "./settings.ts";

// Shared by server and client: dates and numbers formatted for the viewer's locale with Intl.
//
// An Intl formatter is costly to make and cheap to use: one per locale and options, kept for the process (a
// dashboard formats a few thousand numbers; making a formatter for each was a tenth of its render time).
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale[locale], options);
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat(locale, options).format(value);
}

export function formatPercent(locale: Locale, share: number, fractionDigits = 0): string {
  return numberFormat(locale, { style: "percent", maximumFractionDigits: fractionDigits }).format(share);
}

export function formatDate(locale: Locale, date: Date | string, style: "short" | "medium" | "long" = "medium"): string {
  const d = typeof date === "string" ? new Date(date) : date;
  const key = `${locale}|${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: style, timeZone: "Europe/Oslo" });
    dateFormats.set(key, format);
  }
  return format.format(d);
}
