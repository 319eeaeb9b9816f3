import { expect, test } from "@playwright/test";
import { signIn } from "./helpers.ts";

test("every page gets a strict content security policy with a fresh nonce, and other security headers", async ({ request }) => {
  const first = await request.get("/nb/signin");
  const second = await request.get("/nb/signin");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const api = await request.get("/api/health");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

test("pages still work under the policy: the sign-in form's script runs", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto("/en/signin");
  await signIn(page, "admin@verdal.demo");
  await expect(page).toHaveURL(/\/en\/t\/verdal$/);
  expect(violations).toEqual([]);
});

test("an account is locked for a while after ten failed sign-ins, with a clear message", async ({ page }) => {
  await page.goto("/nb/signin");
  const attempt = async (password: string) => {
    await page.getByLabel("E-post").fill("partner@inderoy.demo");
    await page.getByLabel("Passord").fill(password);
    const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Logg inn" }).click();
    await answered;
  };
  for (let i = 0; i < 10; i++) {
    await attempt(`feil-${i}`);
    await expect(page.locator("#signin-error")).toHaveText("E-post eller passord er feil. Sjekk begge og prøv igjen.");
  }
  await attempt("samspill-demo");
  await expect(page.locator("#signin-error")).toContainText("satt på pause i 15 minutter");
  await expect(page).toHaveURL(/\/nb\/signin/);
});
