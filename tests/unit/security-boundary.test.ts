import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkOrigin } from "../../lib/security/origin.ts";
import { acceptableActionBody, MAX_FIELD_NAME } from "../../lib/security/action-body.ts";
import { formObject } from "../../lib/validation.ts";
import { formText, recordId } from "../../lib/actions/run-action.ts";

const h = (entries: Record<string, string>) => new Headers(entries);

describe("cross-site request check (lib/security/origin.ts)", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(
        checkOrigin(
          method,
          h({ host: "samspill.no", origin: "https://evil.example", "sec-fetch-site": "cross-site" }),
          undefined,
        ).ok,
      ).toBe(true);
    }
  });

  it("accepts a POST from the app's own origin, its forwarded host or its public URL", () => {
    expect(checkOrigin("POST", h({ host: "localhost:3000", origin: "http://localhost:3000" }), undefined).ok).toBe(
      true,
    );
    expect(
      checkOrigin(
        "POST",
        h({ host: "10.0.0.5:3000", "x-forwarded-host": "samspill.no", origin: "https://samspill.no" }),
        undefined,
      ).ok,
    ).toBe(true);
    expect(
      checkOrigin("POST", h({ host: "10.0.0.5:3000", origin: "https://samspill.no" }), "https://samspill.no").ok,
    ).toBe(true);
    expect(
      checkOrigin(
        "POST",
        h({ host: "localhost:3000", origin: "http://LOCALHOST:3000", "sec-fetch-site": "same-origin" }),
        undefined,
      ).ok,
    ).toBe(true);
  });

  it("accepts a POST that no browser page sent (no Origin, no Sec-Fetch-Site)", () => {
    expect(checkOrigin("POST", h({ host: "localhost:3000" }), undefined).ok).toBe(true);
  });

  it("refuses writes from another site, a sibling subdomain, an opaque or a malformed origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkOrigin(method, h({ host: "samspill.no", origin: "https://evil.example" }), undefined)).toMatchObject({
        ok: false,
      });
    }
    expect(
      checkOrigin("POST", h({ host: "samspill.no", origin: "https://samspill.no.evil.example" }), undefined).ok,
    ).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "http://samspill.no:8080" }), undefined).ok).toBe(
      false,
    );
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "null" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "not a url" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", "sec-fetch-site": "cross-site" }), undefined).ok).toBe(false);
    expect(
      checkOrigin(
        "POST",
        h({ host: "samspill.no", "sec-fetch-site": "same-site", origin: "https://samspill.no" }),
        undefined,
      ).ok,
    ).toBe(false);
  });
});

describe("session cookies", () => {
  afterEach(() => vi.unstubAllEnvs());

  async function sessionCookie() {
    vi.resetModules(); // lib/env.ts parses the environment once per module instance
    vi.stubEnv("APP_DATABASE_URL", "postgresql://samspill_app@127.0.0.1:5432/unused");
    const { authOptions } = await import("../../lib/auth/options.ts");
    // next-auth's own cookie defaults, the ones it applies for these options (not in its package exports).
    const { defaultCookies } = createRequire(import.meta.url)(
      path.resolve("node_modules/next-auth/core/lib/cookie.js"),
    ) as {
      defaultCookies: (secure: boolean) => { sessionToken: { name: string; options: Record<string, unknown> } };
    };
    const options = authOptions();
    const sessionToken = options.cookies!.sessionToken!;
    // The app names the cookie itself (the sign-in action writes it): it must be next-auth's own default.
    return {
      name: sessionToken.name,
      // next-auth types a cookie's options with the `cookie` package's types, which it does not install: here
      // they are unresolved; they get the shape next-auth's defaults are given above.
      options: sessionToken.options as Record<string, unknown>,
      nextAuthDefault: defaultCookies(Boolean(options.useSecureCookies)).sessionToken,
    };
  }

  it("are HttpOnly, SameSite=Lax and Secure (with the __Secure- prefix) in production behind https", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://samspill.example");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    const cookie = await sessionCookie();
    expect({ name: cookie.name, options: cookie.options }).toEqual(cookie.nextAuthDefault);
    expect(cookie.name).toBe("__Secure-next-auth.session-token");
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
  });

  it("are HttpOnly and SameSite=Lax without Secure on plain-http development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    const cookie = await sessionCookie();
    expect({ name: cookie.name, options: cookie.options }).toEqual(cookie.nextAuthDefault);
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });
});

describe("action arguments are input like any other", () => {
  it("a field named __proto__ or constructor is a plain field, never the object's prototype", () => {
    const form = new FormData();
    form.append("__proto__", "a");
    form.append("__proto__", "b");
    form.append("constructor", "c");
    const out = formObject(form);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual(["a", "b"]);
    expect(Object.getOwnPropertyDescriptor(out, "constructor")?.value).toBe("c");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a form that is not a FormData, or a record id that is not an id, is refused with a user error", () => {
    for (const bad of [null, undefined, "x", 1, {}, [], { get: () => "x" }]) {
      expect(() => formObject(bad as unknown as FormData)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
      expect(() => formText(bad as unknown as FormData, "x")).toThrow(
        expect.objectContaining({ code: "INVALID_INPUT" }),
      );
    }
    for (const bad of [null, 1, {}, ["abc"], "", "abc\u0000", "ABC", "a".repeat(41), "../x", "__proto__"]) {
      expect(() => recordId(bad)).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    }
    expect(recordId("cm1abc2def3ghi")).toBe("cm1abc2def3ghi");
  });

  it("a multipart action body with a huge or control-character field name is refused before Next parses it", async () => {
    const post = (form: FormData, action = true) =>
      new Request("http://localhost/nb/t/x", {
        method: "POST",
        body: form,
        headers: action ? { "next-action": "abc" } : {},
      });
    const ok = new FormData();
    ok.append("1_name", "Åse");
    ok.append("$ACTION_ID_abc", "");
    expect(await acceptableActionBody(post(ok))).toBe(true);
    for (const name of ["x".repeat(MAX_FIELD_NAME + 1), "a\u0000b", "line\nbreak"]) {
      const bad = new FormData();
      bad.append(name, "v");
      expect(await acceptableActionBody(post(bad)), JSON.stringify(name.slice(0, 20))).toBe(false);
      expect(await acceptableActionBody(post(bad, false)), "only action posts are read").toBe(true);
    }
    const file = new FormData();
    file.append("logo", new File(["x"], "x".repeat(MAX_FIELD_NAME + 1)));
    expect(await acceptableActionBody(post(file))).toBe(false);
  });
});
