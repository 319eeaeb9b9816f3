import { describe, expect, it } from "vitest";
import { COMMON_LANGUAGES, languageOptions, otherLanguages } from "../../lib/participants/languages.ts";

describe("the language list", () => {
  it("names every common language in the reader's language, by name order", () => {
    const byCode = (locale: string) => new Map(languageOptions(locale).map((o) => [o.value, o.label]));
    const nb = byCode("nb");
    const sv = byCode("sv");
    const en = byCode("en");
    expect(nb.get("ti")).toBe("Tigrinja");
    expect(sv.get("ar")).toBe("Arabiska");
    expect(en.get("so")).toBe("Somali");
    expect(nb.get("prs")).toBe("Dari");
    expect(sv.get("ckb")).toBe("Centralkurdiska");
    expect(en.get("nb")).toBe("Norwegian Bokmål");
    for (const names of [nb, sv, en]) {
      expect([...names.keys()].sort()).toEqual([...COMMON_LANGUAGES].sort());
      // Every code has a name of its own, not the code again.
      for (const [code, label] of names) expect(label.toLowerCase()).not.toBe(code);
    }
    const labels = languageOptions("sv").map((o) => o.label);
    expect(labels).toEqual([...labels].sort((x, y) => x.localeCompare(y, "sv")));
  });

  it("covers the languages most common among refugees and immigrants, as ISO codes", () => {
    for (const code of ["ar", "ti", "so", "fa", "prs", "ps", "uk", "ru", "pl", "ku", "am", "sw", "my", "sq"])
      expect(COMMON_LANGUAGES).toContain(code);
    for (const code of COMMON_LANGUAGES) expect(code).toMatch(/^[a-z]{2,3}$/);
    expect(new Set(COMMON_LANGUAGES).size).toBe(COMMON_LANGUAGES.length);
  });

  it("leaves the codes the list does not offer for the 'other' field", () => {
    expect(otherLanguages(["ti", "ln", "nb", "wo"])).toEqual(["ln", "wo"]);
  });
});
