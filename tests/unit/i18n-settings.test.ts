import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, isLocale } from "../../lib/i18n/settings.ts";
import { formatDate, formatNumber, formatPercent } from "../../lib/i18n/format.ts";
import { getT } from "../../lib/i18n/instance.ts";

describe("language from the browser", () => {
  it.each([
    ["nb-NO,nb;q=0.9,en;q=0.8", "nb"],
    ["nn-NO", "nb"],
    ["no", "nb"],
    ["sv-SE,sv;q=0.9", "sv"],
    ["de-DE,de;q=0.9", "en"],
    ["de-DE,sv;q=0.5", "sv"],
    ["en-US,nb;q=0.9", "en"],
    ["fr;q=0.9,nb;q=0.95", "nb"],
    ["", "en"],
    [null, "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("knows its locales", () => {
    expect(isLocale("sv")).toBe(true);
    expect(isLocale("nn")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe("formatting for the locale", () => {
  it("formats numbers, percentages and dates the local way", () => {
    expect(formatNumber("nb", 12345)).toBe("12\u00a0345");
    expect(formatNumber("en", 12345)).toBe("12,345");
    expect(formatPercent("nb", 25 / 29)).toBe("86\u00a0%");
    expect(formatPercent("en", 25 / 29)).toBe("86%");
    expect(formatDate("sv", new Date("2026-03-01T12:00:00Z"), "short")).toBe("2026-03-01");
    expect(formatDate("nb", new Date("2026-03-01T12:00:00Z"), "short")).toBe("01.03.2026");
  });

  it("translates with interpolation", () => {
    expect(getT("sv", "home")("tenant.welcome", { name: "Karin" })).toBe("Välkommen, Karin");
    expect(getT("nb")("nav.participants")).toBe("Deltakere");
  });
});
