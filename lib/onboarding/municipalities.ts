// Shared with client components, so not "server-only".
import no from "./municipalities/no.json";
import se from "./municipalities/se.json";

/** Norway's and Sweden's municipalities with their official numbers (SSB, SCB), shipped with the app. */
export type Municipality = { code: string; name: string; county: string };
export const MUNICIPALITIES: Record<"NO" | "SE", Municipality[]> = { NO: no, SE: se };

export function findMunicipality(country: "NO" | "SE", code: string): Municipality | undefined {
  return MUNICIPALITIES[country].find((m) => m.code === code);
}

/** A URL-safe slug from a municipality's name: "Inderøy" → "inderoy", "Åre" → "are". */
export function suggestSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .replace(/ä/g, "a")
    .replace(/ö/g, "o")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** The prefix of the municipality's participant codes: its first three letters, e.g. "VER". */
export function codePrefix(name: string): string {
  const letters = suggestSlug(name)
    .replace(/[^a-z]/g, "")
    .toUpperCase();
  return (letters + "XXX").slice(0, 3);
}
