// Shared with client components, so not "server-only".
// Shared by server and client code: no server-only imports here.
export const locales = ["nb", "sv", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const namespaces = [
  "common",
  "auth",
  "home",
  "errors",
  "enums",
  "participants",
  "dashboard",
  "organisations",
  "pilots",
  "onboarding",
  "models",
  "members",
  "settings",
  "protection",
  "accessibility",
  "import",
] as const;
export type Namespace = (typeof namespaces)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl formatting. */
export const intlLocale: Record<Locale, string> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

/**
 * Picks nb, sv or en from an Accept-Language header: Norwegian in any written form (nb, nn, no) → nb,
 * Swedish → sv, anything else → en. Quality values are honoured.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return defaultLocale;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag, q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && !Number.isNaN(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split("-")[0];
    if (primary === "nb" || primary === "nn" || primary === "no") return "nb";
    if (primary === "sv") return "sv";
    if (primary === "en") return "en";
  }
  return defaultLocale;
}
