/**
 * The languages a coordinator picks from: those most common among refugees and immigrants in Norway and Sweden,
 * as ISO 639 codes (what is stored), named in the reader's language by Intl.DisplayNames. Any other language is
 * typed as its code.
 */
export const COMMON_LANGUAGES = [
  "ar",
  "ti",
  "so",
  "fa",
  "prs",
  "ps",
  "ku",
  "ckb",
  "uk",
  "ru",
  "pl",
  "lt",
  "ro",
  "sq",
  "bs",
  "hr",
  "sr",
  "tr",
  "am",
  "om",
  "sw",
  "ur",
  "hi",
  "ta",
  "th",
  "vi",
  "zh",
  "my",
  "en",
  "fr",
  "es",
  "de",
  "nb",
  "sv",
  "fi",
  "da",
] as const;

export type LanguageOption = { value: string; label: string };

/** The common languages named in `locale` ("Tigrinja", "Arabiska"), sorted by name as that language sorts. */
export function languageOptions(locale: string): LanguageOption[] {
  const names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  return COMMON_LANGUAGES.map((code) => {
    const name = names.of(code) ?? code;
    return { value: code, label: name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) };
  }).sort((a, b) => a.label.localeCompare(b.label, locale));
}

/** The codes of a participant's languages that the list does not offer (shown in the "other" field). */
export function otherLanguages(codes: readonly string[]): string[] {
  return codes.filter((c) => !(COMMON_LANGUAGES as readonly string[]).includes(c));
}
