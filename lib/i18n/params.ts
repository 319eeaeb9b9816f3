import "server-only";
import { notFound } from "next/navigation";
import { isLocale, type Locale } from "./settings.ts";

/** The locale segment of a route, or a 404 for anything that is not nb, sv or en. */
export async function localeParam(params: Promise<{ locale: string }>): Promise<Locale> {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return locale;
}
