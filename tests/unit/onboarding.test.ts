import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { codePrefix, findMunicipality, MUNICIPALITIES, suggestSlug } from "../../lib/onboarding/municipalities.ts";
import { emailSchema, onboardingSchema, passwordSchema, RESERVED_SLUGS } from "../../lib/onboarding/schemas.ts";
import { fieldErrors } from "../../lib/validation.ts";
import {
  createInvitationToken,
  hashSecret,
  newInvitationSecret,
  readInvitationToken,
  secretMatches,
} from "../../lib/members/invitation-token.ts";
import { acceptInvitationSchema, changeRoleSchema, inviteSchema } from "../../lib/members/schemas.ts";

const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("suggestSlug", () => {
  it("turns Norwegian and Swedish letters into plain ASCII", () => {
    expect(suggestSlug("Inderøy")).toBe("inderoy");
    expect(suggestSlug("Åre")).toBe("are");
    expect(suggestSlug("Verdal")).toBe("verdal");
    expect(suggestSlug("Bærum")).toBe("baerum");
    expect(suggestSlug("Aurskog-Høland")).toBe("aurskog-holand");
    expect(suggestSlug("Ängelholm")).toBe("angelholm");
    expect(suggestSlug("Örnsköldsvik")).toBe("ornskoldsvik");
    expect(suggestSlug("Malå")).toBe("mala");
    expect(suggestSlug("ÆØÅ æøå ÄÖ äö")).toBe("aeoa-aeoa-ao-ao");
  });

  it("strips the accents of Sami names", () => {
    expect(suggestSlug("Gáivuotna")).toBe("gaivuotna");
    expect(suggestSlug("Kárášjohka")).toBe("karasjohka");
    expect(suggestSlug("Unjárga")).toBe("unjarga");
    expect(suggestSlug("Hábmer")).toBe("habmer");
    expect(suggestSlug("Loabák")).toBe("loabak");
    // Southern Sami names in the list (Snåsa, Røyrvik).
    expect(suggestSlug("Snåase")).toBe("snaase");
    expect(suggestSlug("Raarvihke")).toBe("raarvihke");
  });

  it("joins words with single dashes, trims them at the ends and keeps at most 40 characters", () => {
    expect(suggestSlug("Herøy (Møre og Romsdal)")).toBe("heroy-more-og-romsdal");
    expect(suggestSlug("Våler (Østfold)")).toBe("valer-ostfold");
    expect(suggestSlug("  --Upplands Väsby--  ")).toBe("upplands-vasby");
    expect(suggestSlug("Nord-Aurdal")).toBe("nord-aurdal");
    const long = suggestSlug("a".repeat(30) + " " + "b".repeat(30));
    expect(long).toHaveLength(40);
    expect(long).toBe("a".repeat(30) + "-" + "b".repeat(9));
    expect(suggestSlug("")).toBe("");
    expect(suggestSlug("!!!")).toBe("");
  });

  it("gives every municipality of both lists a slug that the onboarding form accepts", () => {
    for (const country of ["NO", "SE"] as const) {
      for (const m of MUNICIPALITIES[country]) {
        const slug = suggestSlug(m.name);
        expect(slug, `${country} ${m.code} ${m.name}`).toMatch(SLUG_RE);
        expect(slug.length).toBeGreaterThanOrEqual(2);
        expect(slug.length).toBeLessThanOrEqual(40);
      }
    }
  });
});

describe("codePrefix", () => {
  it("is the first three letters of the name, in capitals and ASCII", () => {
    expect(codePrefix("Verdal")).toBe("VER");
    expect(codePrefix("Inderøy")).toBe("IND");
    expect(codePrefix("Åre")).toBe("ARE");
    expect(codePrefix("Ørland")).toBe("ORL");
    expect(codePrefix("Ærø")).toBe("AER");
    expect(codePrefix("Kárášjohka")).toBe("KAR");
    expect(codePrefix("Aurskog-Høland")).toBe("AUR");
  });

  it("skips digits and punctuation and pads short names with X", () => {
    expect(codePrefix("Ås")).toBe("ASX");
    expect(codePrefix("Bø")).toBe("BOX");
    expect(codePrefix("Å")).toBe("AXX");
    expect(codePrefix("A-1-b c")).toBe("ABC");
    expect(codePrefix("")).toBe("XXX");
  });

  it("is three capital letters for every municipality", () => {
    for (const country of ["NO", "SE"] as const) {
      for (const m of MUNICIPALITIES[country]) expect(codePrefix(m.name), m.name).toMatch(/^[A-Z]{3}$/);
    }
  });
});

describe("the municipality lists", () => {
  it("hold Norway's 357 and Sweden's 290 municipalities", () => {
    expect(MUNICIPALITIES.NO).toHaveLength(357);
    expect(MUNICIPALITIES.SE).toHaveLength(290);
  });

  it("have four-digit codes, unique within each country, and a name and county for each", () => {
    for (const country of ["NO", "SE"] as const) {
      const list = MUNICIPALITIES[country];
      for (const m of list) {
        expect(m.code, m.name).toMatch(/^\d{4}$/);
        expect(m.name.trim()).not.toBe("");
        expect(m.county.trim()).not.toBe("");
      }
      expect(new Set(list.map((m) => m.code)).size).toBe(list.length);
    }
  });

  it("have unique names within each country (so the picker never shows two identical entries)", () => {
    for (const country of ["NO", "SE"] as const) {
      const names = MUNICIPALITIES[country].map((m) => m.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("include Verdal (5038), Inderøy (5053) and Åre (2321)", () => {
    expect(findMunicipality("NO", "5038")).toMatchObject({ code: "5038", name: "Verdal", county: "Trøndelag" });
    expect(findMunicipality("NO", "5053")).toMatchObject({ code: "5053", name: "Inderøy" });
    expect(findMunicipality("SE", "2321")).toMatchObject({ code: "2321", name: "Åre", county: "Jämtlands län" });
  });

  it("find a municipality only in its own country", () => {
    expect(findMunicipality("SE", "5038")).toBeUndefined();
    expect(findMunicipality("NO", "2321")).toBeUndefined();
    expect(findMunicipality("NO", "9999")).toBeUndefined();
    expect(findMunicipality("NO", "")).toBeUndefined();
  });
});

describe("onboardingSchema", () => {
  const valid = {
    country: "NO",
    municipalityCode: "5038",
    slug: "verdal",
    defaultLocale: "nb",
    adminName: "Ingrid Aune",
    adminEmail: "ingrid@verdal.example",
    password: "correct horse battery",
    website: "",
  };
  const errorsOf = (input: Record<string, unknown>) => {
    const result = onboardingSchema.safeParse(input);
    expect(result.success).toBe(false);
    return fieldErrors(result.error!);
  };

  it("accepts a complete form, normalising the slug and the e-mail", () => {
    const parsed = onboardingSchema.parse({
      ...valid,
      slug: "  Verdal ",
      adminEmail: "  Ingrid@Verdal.EXAMPLE ",
      modelSlug: "",
    });
    expect(parsed).toMatchObject({
      slug: "verdal",
      adminEmail: "ingrid@verdal.example",
      adminName: "Ingrid Aune",
      country: "NO",
      modelSlug: undefined,
    });
    expect(onboardingSchema.parse({ ...valid, modelSlug: "verdal-model" }).modelSlug).toBe("verdal-model");
  });

  it("rejects a malformed e-mail with validation.email", () => {
    expect(errorsOf({ ...valid, adminEmail: "not-an-email" })).toEqual({ adminEmail: "validation.email" });
    expect(errorsOf({ ...valid, adminEmail: "a@b" })).toEqual({ adminEmail: "validation.email" });
    expect(errorsOf({ ...valid, adminEmail: "   " })).toEqual({ adminEmail: "validation.required" });
    expect(errorsOf({ ...valid, adminEmail: undefined })).toEqual({ adminEmail: "validation.required" });
  });

  it("rejects a short password with validation.passwordShort and a repetitive one with validation.passwordWeak", () => {
    expect(errorsOf({ ...valid, password: "short" })).toEqual({ password: "validation.passwordShort" });
    expect(errorsOf({ ...valid, password: "abcdefghijk" })).toEqual({ password: "validation.passwordShort" });
    expect(errorsOf({ ...valid, password: "aaaaaaaaaaaaaaaa" })).toEqual({ password: "validation.passwordWeak" });
    expect(errorsOf({ ...valid, password: "x".repeat(201) })).toEqual({ password: "validation.tooLong" });
    expect(passwordSchema.safeParse("abcdefghijkl").success).toBe(true);
  });

  it("rejects reserved slugs as taken", () => {
    const reserved = [...RESERVED_SLUGS];
    expect(reserved).toEqual(expect.arrayContaining(["admin", "api", "onboarding", "settings", "signin", "t", "p"]));
    for (const slug of reserved.filter((s) => s.length >= 2))
      expect(errorsOf({ ...valid, slug }), slug).toEqual({ slug: "validation.slugTaken" });
    // The one-letter route prefixes are refused as too short before the reserved check.
    for (const slug of reserved.filter((s) => s.length < 2))
      expect(errorsOf({ ...valid, slug }), slug).toEqual({ slug: "validation.slug" });
    expect(errorsOf({ ...valid, slug: "ADMIN" })).toEqual({ slug: "validation.slugTaken" });
  });

  it("rejects invalid slugs with validation.slug", () => {
    for (const slug of [
      "a",
      "-verdal",
      "verdal-",
      "ver--dal",
      "ver dal",
      "verdal!",
      "inderøy",
      "x".repeat(41),
      "ver_dal",
    ]) {
      expect(errorsOf({ ...valid, slug }), slug).toEqual({ slug: "validation.slug" });
    }
    expect(onboardingSchema.parse({ ...valid, slug: "x".repeat(40) }).slug).toBe("x".repeat(40));
  });

  it("rejects a filled-in honeypot", () => {
    expect(errorsOf({ ...valid, website: "http://spam.example" })).toEqual({ website: "validation.invalid" });
    expect(onboardingSchema.safeParse({ ...valid, website: undefined }).success).toBe(true);
  });

  it("requires a four-digit municipality code, a known country and locale and a name", () => {
    expect(errorsOf({ ...valid, municipalityCode: "503" })).toEqual({
      municipalityCode: "validation.chooseMunicipality",
    });
    expect(errorsOf({ ...valid, municipalityCode: undefined })).toEqual({
      municipalityCode: "validation.chooseMunicipality",
    });
    expect(errorsOf({ ...valid, country: "DK" })).toEqual({ country: "validation.choose" });
    expect(errorsOf({ ...valid, defaultLocale: "de" })).toEqual({ defaultLocale: "validation.choose" });
    expect(errorsOf({ ...valid, adminName: "  " })).toEqual({ adminName: "validation.required" });
    expect(errorsOf({ ...valid, adminName: "x".repeat(121) })).toEqual({ adminName: "validation.tooLong" });
  });

  it("reports each broken field once", () => {
    expect(
      errorsOf({
        country: "NO",
        municipalityCode: "x",
        slug: "app",
        defaultLocale: "nb",
        adminName: "",
        adminEmail: "nope",
        password: "1",
        website: "bot",
      }),
    ).toEqual({
      municipalityCode: "validation.chooseMunicipality",
      slug: "validation.slugTaken",
      adminName: "validation.required",
      adminEmail: "validation.email",
      password: "validation.passwordShort",
      website: "validation.invalid",
    });
  });

  it("is shared with the member schemas (e-mail and password rules)", () => {
    expect(emailSchema.parse(" A@B.example ")).toBe("a@b.example");
    expect(fieldErrors(inviteSchema.safeParse({ email: "x", role: "COORDINATOR" }).error!)).toEqual({
      email: "validation.email",
    });
    expect(fieldErrors(inviteSchema.safeParse({ email: "a@b.example", role: "PARTNER_VIEWER" }).error!)).toEqual({
      organisationId: "validation.choosePartner",
    });
    expect(
      fieldErrors(
        changeRoleSchema.safeParse({ membershipId: "abc", role: "PARTNER_VIEWER", organisationId: "" }).error!,
      ),
    ).toEqual({ organisationId: "validation.choosePartner" });
    expect(acceptInvitationSchema.parse({ token: "0123456789", name: "", password: "" })).toEqual({
      token: "0123456789",
      name: undefined,
      password: undefined,
    });
    expect(fieldErrors(acceptInvitationSchema.safeParse({ token: "0123456789", password: "short" }).error!)).toEqual({
      password: "validation.passwordShort",
    });
  });
});

describe("invitation tokens", () => {
  const appSecret = "s".repeat(40);
  const claims = { tenantId: "tenant1", invitationId: "inv1", expiresAt: new Date(Date.now() + 3_600_000) };
  const b64 = (s: string) => Buffer.from(s).toString("base64url");
  const sign = (secret: string, data: string) => createHmac("sha256", secret).update(data).digest("base64url");

  it("round-trips the claims and the invitation secret", () => {
    const secret = newInvitationSecret();
    const token = createInvitationToken(appSecret, claims, secret);
    expect(token.split(".")).toHaveLength(3);
    expect(readInvitationToken(appSecret, token)).toEqual({ ...claims, secret });
  });

  it("makes a fresh random secret each time, of which only a hash is stored", () => {
    const a = newInvitationSecret();
    const b = newInvitationSecret();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(hashSecret(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(secretMatches(a, hashSecret(a))).toBe(true);
    expect(secretMatches(b, hashSecret(a))).toBe(false);
    expect(secretMatches(a, "short")).toBe(false);
  });

  it("rejects a token whose payload was changed (another tenant or invitation, a later expiry)", () => {
    const secret = newInvitationSecret();
    const [, , signature] = createInvitationToken(appSecret, claims, secret).split(".");
    for (const forged of [
      { t: "tenant2", i: "inv1", e: claims.expiresAt.getTime() },
      { t: "tenant1", i: "inv2", e: claims.expiresAt.getTime() },
      { t: "tenant1", i: "inv1", e: claims.expiresAt.getTime() + 86_400_000 },
    ]) {
      expect(readInvitationToken(appSecret, `${b64(JSON.stringify(forged))}.${secret}.${signature}`)).toBeNull();
    }
  });

  it("rejects a token whose invitation secret or signature was changed", () => {
    const secret = newInvitationSecret();
    const [payload, , signature] = createInvitationToken(appSecret, claims, secret).split(".");
    expect(readInvitationToken(appSecret, `${payload}.${newInvitationSecret()}.${signature}`)).toBeNull();
    const flipped = signature.slice(0, -1) + (signature.endsWith("A") ? "B" : "A");
    expect(readInvitationToken(appSecret, `${payload}.${secret}.${flipped}`)).toBeNull();
    expect(readInvitationToken(appSecret, `${payload}.${secret}.${signature.slice(1)}`)).toBeNull();
  });

  it("rejects a token signed with another secret", () => {
    const token = createInvitationToken("o".repeat(40), claims, newInvitationSecret());
    expect(readInvitationToken(appSecret, token)).toBeNull();
    expect(readInvitationToken("o".repeat(40), token)).not.toBeNull();
  });

  it("rejects an expired token, and a token at its exact expiry", () => {
    const token = createInvitationToken(
      appSecret,
      { ...claims, expiresAt: new Date(Date.now() - 1000) },
      newInvitationSecret(),
    );
    expect(readInvitationToken(appSecret, token)).toBeNull();
    const valid = createInvitationToken(appSecret, claims, newInvitationSecret());
    expect(readInvitationToken(appSecret, valid, new Date(claims.expiresAt.getTime() - 1))).not.toBeNull();
    expect(readInvitationToken(appSecret, valid, claims.expiresAt)).toBeNull();
    expect(readInvitationToken(appSecret, valid, new Date(claims.expiresAt.getTime() + 1))).toBeNull();
  });

  it("rejects malformed tokens without throwing", () => {
    for (const token of ["", "abc", "a.b", "a.b.c", "a.b.c.d", "...", `${"x".repeat(300)}.${"y".repeat(300)}.z`]) {
      expect(readInvitationToken(appSecret, token), token).toBeNull();
    }
  });

  it("rejects correctly signed tokens whose payload is not the expected JSON", () => {
    const secret = "sec";
    const signed = (payload: string) => `${payload}.${secret}.${sign(appSecret, `${payload}.${secret}`)}`;
    expect(readInvitationToken(appSecret, signed(b64("not json")))).toBeNull();
    expect(
      readInvitationToken(appSecret, signed(b64(JSON.stringify({ t: 1, i: "inv", e: Date.now() + 10_000 })))),
    ).toBeNull();
    expect(
      readInvitationToken(appSecret, signed(b64(JSON.stringify({ t: "t", i: "inv", e: String(Date.now() + 10_000) })))),
    ).toBeNull();
    expect(readInvitationToken(appSecret, signed(b64(JSON.stringify({ t: "t", e: Date.now() + 10_000 }))))).toBeNull();
    expect(readInvitationToken(appSecret, signed(b64("null")))).toBeNull();
    // The same construction with a well-formed payload is accepted: the checks above fail on the payload alone.
    expect(
      readInvitationToken(appSecret, signed(b64(JSON.stringify({ t: "t", i: "inv", e: Date.now() + 10_000 })))),
    ).toMatchObject({ tenantId: "t", invitationId: "inv", secret });
  });
});
