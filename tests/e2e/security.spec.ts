import { expect, test } from "./fixtures";
import { perAttempt, signIn } from "./helpers.ts";
import { builtActions, workerPattern } from "./isolation/inventory.ts";
import { callAction, get, openSession } from "./isolation/client.ts";

test("every page gets a strict content security policy with a fresh nonce, and other security headers", async ({
  request,
}) => {
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
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/en/signin");
  await signIn(page, "admin@verdal.demo");
  await expect(page).toHaveURL(/\/en\/t\/verdal$/);
  expect(violations).toEqual([]);
});

test("an account is locked for a while after ten failed sign-ins, with a clear message", async ({ page }, testInfo) => {
  // An account no other spec signs in with; a retry takes another (the first attempt's stays locked).
  const email = perAttempt(testInfo, ["partner@inderoy.demo", "admin@inderoy.demo"]);
  await page.goto("/nb/signin");
  const attempt = async (password: string) => {
    await page.getByLabel("E-post", { exact: true }).fill(email);
    await page.getByLabel("Passord", { exact: true }).fill(password);
    // The form posts to its server action on the sign-in page itself.
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/nb/signin",
    );
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

test("the session cookie is HttpOnly and SameSite=Lax, and no script can read it", async ({ page, context }) => {
  await page.goto("/nb/signin");
  await signIn(page, "koordinator@are.demo");
  await expect(page).toHaveURL(/\/nb\/t\/are$/);
  const cookies = await context.cookies();
  const session = cookies.find((c) => /next-auth\.session-token$/.test(c.name));
  expect(session, "a session cookie is set").toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  expect(cookies.filter((c) => !c.httpOnly).map((c) => c.name)).toEqual([]);
  expect(await page.evaluate(() => document.cookie)).toBe("");
});

test("a server action or route handler called from another site is refused with 403 and changes nothing", async ({
  baseURL,
}) => {
  const base = baseURL!;
  const admin = await openSession(base, "Åre admin", "admin@are.demo");
  const action = (builtActions() ?? []).find((a) => a.name === "createOrganisationAction");
  expect(action, "the build has createOrganisationAction").toBeTruthy();
  const pageUrl = workerPattern(action!.workers[0]).replace("[locale]", "nb").replace("[tenant]", "are");
  const organisations = async () => (await get(admin, "/nb/t/are/organisations")).body;
  const form = (name: string) => {
    const data = new FormData();
    for (const [k, v] of Object.entries({ name, type: "BUSINESS", active: "on" })) data.set(k, v);
    return ["nb", "are", { status: "idle" }, data];
  };

  const forgedName = `Forfalsket ${Date.now()} AS`;
  const foreign: Record<string, string>[] = [
    { Origin: "https://angriper.example" },
    { Origin: "null" },
    { "Sec-Fetch-Site": "cross-site" },
  ];
  for (const headers of foreign) {
    const forged = await callAction(admin, pageUrl, action!.id, base, form(forgedName), headers);
    expect(forged.status, JSON.stringify(headers)).toBe(403);
  }
  expect(await organisations()).not.toContain(forgedName);

  // Route handlers too: next-auth's sign-out from another site does not end the session.
  const signOut = await admin.api.post("/api/auth/signout", {
    headers: { Origin: "https://angriper.example" },
    form: { csrfToken: "x" },
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  expect(signOut.status()).toBe(403);
  expect((await get(admin, "/nb/t/are")).status).toBe(200);

  // The same call from the app's own origin goes through: the refusal above is about the origin alone.
  const ownName = `Egen ${Date.now()} AS`;
  const own = await callAction(admin, pageUrl, action!.id, base, form(ownName));
  expect(own.status).toBeLessThan(400);
  expect(await organisations()).toContain(ownName);
});
