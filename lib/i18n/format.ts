import { intlLocale, type Locale } from "./settings.ts";

// Shared by server and client: dates and numbers formatted for the viewer's locale with Intl.
export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale[locale], options).format(value);
}

export function formatPercent(locale: Locale, share: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale[locale], {
    style: "percent",
    maximumFractionDigits: fractionDigits,
  }).format(share);
}

export function formatDate(locale: Locale, date: Date | string, style: "short" | "medium" | "long" = "medium"): string {
  const d = typeof date === "string" ? new Date(date) : date;
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: style, timeZone: "Europe/Oslo" }).format(d);
}
