import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkOrigin } from "../../lib/security/origin.ts";

const h = (entries: Record<string, string>) => new Headers(entries);

describe("cross-site request check (lib/security/origin.ts)", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(checkOrigin(method, h({ host: "samspill.no", origin: "https://evil.example", "sec-fetch-site": "cross-site" }), undefined).ok).toBe(true);
    }
  });

  it("accepts a POST from the app's own origin, its forwarded host or its public URL", () => {
    expect(checkOrigin("POST", h({ host: "localhost:3000", origin: "http://localhost:3000" }), undefined).ok).toBe(true);
    expect(checkOrigin("POST", h({ host: "10.0.0.5:3000", "x-forwarded-host": "samspill.no", origin: "https://samspill.no" }), undefined).ok).toBe(true);
    expect(checkOrigin("POST", h({ host: "10.0.0.5:3000", origin: "https://samspill.no" }), "https://samspill.no").ok).toBe(true);
    expect(checkOrigin("POST", h({ host: "localhost:3000", origin: "http://LOCALHOST:3000", "sec-fetch-site": "same-origin" }), undefined).ok).toBe(true);
  });

  it("accepts a POST that no browser page sent (no Origin, no Sec-Fetch-Site)", () => {
    expect(checkOrigin("POST", h({ host: "localhost:3000" }), undefined).ok).toBe(true);
  });

  it("refuses writes from another site, a sibling subdomain, an opaque or a malformed origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(checkOrigin(method, h({ host: "samspill.no", origin: "https://evil.example" }), undefined)).toMatchObject({ ok: false });
    }
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "https://samspill.no.evil.example" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "http://samspill.no:8080" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "null" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", origin: "not a url" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", "sec-fetch-site": "cross-site" }), undefined).ok).toBe(false);
    expect(checkOrigin("POST", h({ host: "samspill.no", "sec-fetch-site": "same-site", origin: "https://samspill.no" }), undefined).ok).toBe(false);
  });
});

describe("session cookies", () => {
  afterEach(() => vi.unstubAllEnvs());

  async function sessionCookie() {
    vi.resetModules(); // lib/env.ts parses the environment once per module instance
    vi.stubEnv("APP_DATABASE_URL", "postgresql://samspill_app@127.0.0.1:5432/unused");
    const { authOptions } = await import("../../lib/auth/options.ts");
    // next-auth's own cookie defaults, the ones it applies for these options (not in its package exports).
    const { defaultCookies } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/lib/cookie.js")) as {
      defaultCookies: (secure: boolean) => { sessionToken: { name: string; options: Record<string, unknown> } };
    };
    const options = authOptions();
    return { ...defaultCookies(Boolean(options.useSecureCookies)).sessionToken, overridden: options.cookies };
  }

  it("are HttpOnly, SameSite=Lax and Secure (with the __Secure- prefix) in production behind https", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("NEXTAUTH_URL", "https://samspill.example");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    const cookie = await sessionCookie();
    expect(cookie.overridden).toBeUndefined();
    expect(cookie.name).toBe("__Secure-next-auth.session-token");
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
  });

  it("are HttpOnly and SameSite=Lax without Secure on plain-http development", async () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    const cookie = await sessionCookie();
    expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });
});
