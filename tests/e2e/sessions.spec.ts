/**
 * Sessions end when they should: a password change signs the account out everywhere but on the device that
 * changed it, a member removed from a municipality loses access at their next request, signing out ends the
 * session on the server (a copied cookie opens nothing), "sign out everywhere" ends them all, and no session
 * outlives its absolute lifetime however it is kept alive.
 */
import { expect, test, type Browser, type Page } from "./fixtures";
import { expectAccessible, perAttempt, scanIn, screenshot, signIn } from "./helpers.ts";
import { query } from "./database.ts";

// A municipality of its own, one per attempt (a retry cannot onboard the first attempt's again).
const MUNICIPALITIES = [
  { option: "Stjørdal (5035, Trøndelag)", slug: "stjordal", name: "Stjørdal kommune" },
  { option: "Meråker (5034, Trøndelag)", slug: "meraker", name: "Meråker kommune" },
  { option: "Selbu (5032, Trøndelag)", slug: "selbu", name: "Selbu kommune" },
];

const PASSWORD = "stjørdal ved fjorden";
const NEW_PASSWORD = "hell og værnes i sikte";

async function signedIn(browser: Browser, slug: string, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await page.goto("/nb/signin");
  await signIn(page, email, password);
  await expect(page).toHaveURL(new RegExp(`/nb/t/${slug}$`));
  return page;
}

test("a password change ends the account's other sessions; a removed member loses access at once", async ({
  page,
  browser,
}, testInfo) => {
  // A municipality of its own, so the demo accounts other specs use keep their passwords.
  const m = perAttempt(testInfo, MUNICIPALITIES);
  await page.goto("/nb/onboarding");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Navnet ditt").fill("Siri Stjørdal");
  await page.getByLabel("E-post på jobb").fill(`admin@${m.slug}.test`);
  await page.getByLabel("Passord").fill(PASSWORD);
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));

  const laptop = await signedIn(browser, m.slug, `admin@${m.slug}.test`, PASSWORD);

  // The account page, from the name in the header.
  await page.getByTestId("user-name").click();
  await expect(page).toHaveURL(/\/nb\/account$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min konto");
  await expect(page.getByRole("link", { name: m.name })).toBeVisible();

  const form = page.getByRole("form", { name: "Bytt passord" });
  const fill = async (current: string, next: string, repeat = next) => {
    await form.getByLabel("Nåværende passord").fill(current);
    await form.getByLabel("Nytt passord", { exact: true }).fill(next);
    await form.getByLabel("Gjenta nytt passord").fill(repeat);
    await form.getByRole("button", { name: "Bytt passord" }).click();
  };
  await fill("ikke mitt passord", NEW_PASSWORD);
  await expect(form.getByText("Passordet stemmer ikke.", { exact: false })).toBeVisible();
  await fill(PASSWORD, NEW_PASSWORD, "hell og værnes i sikt");
  await expect(form.getByText("Passordene er ikke like.")).toBeVisible();
  await expect(form.getByLabel("Gjenta nytt passord")).toBeFocused();
  await expectAccessible(page, testInfo, "account-nb");
  await screenshot(page, "account-errors-nb");
  // Nothing changed so far: the other session still works.
  await laptop.goto(`/nb/t/${m.slug}/participants`);
  await expect(laptop).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));

  await fill(PASSWORD, NEW_PASSWORD);
  await expect(form.getByText("Passordet er byttet.", { exact: false })).toBeVisible();
  await screenshot(page, "account-changed-nb");
  // The same page in Swedish.
  await page.goto("/sv/account");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mitt konto");
  await expect(page.getByRole("form", { name: "Byt lösenord" }).getByLabel("Nuvarande lösenord")).toBeVisible();
  await expectAccessible(page, testInfo, "account-sv", scanIn("sv"));
  await screenshot(page, "account-sv");
  // This device stays signed in (with a fresh session) …
  await page.goto(`/nb/t/${m.slug}/participants`);
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));
  // … the other one is signed out at its next request, and its actions are refused.
  await laptop.goto(`/nb/t/${m.slug}/participants`);
  await expect(laptop).toHaveURL(/\/nb\/signin/);
  await expect(laptop.getByRole("heading", { level: 1 })).toHaveText("Logg inn i Samspill");
  // The old password no longer works; the new one does.
  await signIn(laptop, `admin@${m.slug}.test`, PASSWORD);
  await expect(laptop.locator("#signin-error")).toHaveText("E-post eller passord er feil. Sjekk begge og prøv igjen.");
  await signIn(laptop, `admin@${m.slug}.test`, NEW_PASSWORD);
  await expect(laptop).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));
  await laptop.context().close();

  // A coordinator is invited, joins, and is removed: the open session loses access at the next request.
  await page.goto(`/nb/t/${m.slug}/members`);
  await page.getByLabel("E-post", { exact: true }).fill(`koordinator@${m.slug}.test`);
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  const link = new URL(await page.getByTestId("invitation-link").inputValue());
  const coordinator = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await coordinator.goto(link.pathname + link.search);
  await coordinator.getByLabel("Navnet ditt").fill("Kai Koordinator");
  await coordinator.getByLabel("Velg et passord").fill("værnes flyplass i nord");
  await coordinator.getByRole("button", { name: "Opprett konto og bli med" }).click();
  await expect(coordinator).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await coordinator.goto(`/nb/t/${m.slug}/participants/new`);
  await expect(coordinator.getByRole("heading", { level: 1 })).toBeVisible();

  await page.reload();
  const row = page.getByTestId("member-item").filter({ hasText: `koordinator@${m.slug}.test` });
  await row.getByRole("button", { name: /^Fjern/ }).click();
  await row.getByRole("button", { name: "Ja, fjern" }).click();
  await expect(row).toHaveCount(0);

  const gone = await coordinator.goto(`/nb/t/${m.slug}/participants`);
  expect(gone?.status()).toBe(404);
  await coordinator.goto("/nb/t");
  await expect(coordinator.getByText("Kontoen din er ikke medlem i noen kommune ennå.")).toBeVisible();
  await coordinator.context().close();
});

const SERVER_END_MUNICIPALITIES = [
  { option: "Frøya (5014, Trøndelag)", slug: "froya", name: "Frøya kommune" },
  { option: "Hitra (5056, Trøndelag)", slug: "hitra", name: "Hitra kommune" },
  { option: "Rennebu (5022, Trøndelag)", slug: "rennebu", name: "Rennebu kommune" },
];

/** A browser holding a copy of another's cookies: what a thief of the cookie would have. */
async function thiefOf(browser: Browser, victim: Page): Promise<Page> {
  const context = await browser.newContext({ locale: "nb-NO" });
  await context.addCookies(await victim.context().cookies());
  return context.newPage();
}

test("signing out ends the session on the server; 'sign out everywhere' ends all; an absolute lifetime ends one kept alive", async ({
  page,
  browser,
}, testInfo) => {
  const m = perAttempt(testInfo, SERVER_END_MUNICIPALITIES);
  const email = `admin@${m.slug}.test`;
  await page.goto("/nb/onboarding");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Navnet ditt").fill("Frode Frøya");
  await page.getByLabel("E-post på jobb").fill(email);
  await page.getByLabel("Passord").fill(PASSWORD);
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));
  const home = `/nb/t/${m.slug}`;

  // Signing out: the cookie a thief copied before opens nothing afterwards.
  const laptop = await signedIn(browser, m.slug, email, PASSWORD);
  const thief = await thiefOf(browser, laptop);
  await thief.goto(home);
  await expect(thief).toHaveURL(new RegExp(`${home}$`));
  await laptop.getByRole("button", { name: "Logg ut" }).click();
  await expect(laptop).toHaveURL(/\/nb$/);
  await thief.goto(home);
  await expect(thief).toHaveURL(/\/nb\/signin/);
  await thief.context().close();
  await laptop.context().close();

  // The account page lists where the account is signed in; "sign out everywhere" ends every one, this one too.
  const phone = await signedIn(browser, m.slug, email, PASSWORD);
  const copied = await thiefOf(browser, phone);
  await page.goto("/nb/account");
  const sessions = page.getByTestId("session-list").getByRole("listitem");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "Denne nettleseren" })).toHaveCount(1);
  await expectAccessible(page, testInfo, "account-sessions-nb");
  await screenshot(page, "account-sessions-nb");
  await page.getByRole("button", { name: "Logg ut overalt" }).click();
  await expect(page).toHaveURL(/\/nb\/signin/);
  for (const other of [phone, copied]) {
    await other.goto(home);
    await expect(other).toHaveURL(/\/nb\/signin/);
  }
  await phone.context().close();
  await copied.context().close();

  // An absolute lifetime: a session kept alive by next-auth's session endpoint (which used to write the cookie
  // again with a later expiry) still ends when its time is up.
  const kept = await signedIn(browser, m.slug, email, PASSWORD);
  const keepAlive = await kept.request.get("/api/auth/session");
  expect(keepAlive.status()).toBe(200);
  expect(keepAlive.headers()["set-cookie"] ?? "").not.toMatch(/session-token/);
  expect(await keepAlive.json()).toMatchObject({ user: { email } });
  await query(
    `update "Session" s set "expiresAt" = now() - interval '1 second'
     from "User" u where u.id = s."userId" and u.email = $1 and s."revokedAt" is null`,
    [email],
  );
  expect(await (await kept.request.get("/api/auth/session")).json()).toEqual({});
  await kept.goto(home);
  await expect(kept).toHaveURL(/\/nb\/signin/);
  await kept.context().close();
});

// One per attempt, as above.
const NO_SCRIPT_MUNICIPALITIES = [
  { option: "Røros (5025, Trøndelag)", slug: "roros", name: "Røros kommune" },
  { option: "Holtålen (5026, Trøndelag)", slug: "holtalen", name: "Holtålen kommune" },
  { option: "Skaun (5029, Trøndelag)", slug: "skaun", name: "Skaun kommune" },
];

test("without JavaScript every form that carries a password POSTs: onboarding, sign-in, invitation, password change; no URL ever holds one", async ({
  browser,
}) => {
  const m = perAttempt(test.info(), NO_SCRIPT_MUNICIPALITIES);
  const admin = { email: `admin@${m.slug}.test`, password: "bergstaden røros 1644" };
  const coordinator = {
    email: `koordinator@${m.slug}.test`,
    password: "hyttelva renner stille",
    next: "smelteverket og slagghaugene",
  };
  const secrets = [admin.password, coordinator.password, coordinator.next];
  // Every request of the script-less browsers, the documents the forms post to included.
  const urls: string[] = [];
  const noScript = async () => {
    const context = await browser.newContext({ locale: "nb-NO", javaScriptEnabled: false });
    context.on("request", (request) => urls.push(request.url()));
    return context.newPage();
  };

  // A municipality onboards itself; the new administrator is signed in and lands in the workspace.
  const page = await noScript();
  await page.goto("/nb/onboarding");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Adresse", { exact: true }).fill(m.slug);
  await page.getByLabel("Navnet ditt").fill("Rut Røros");
  await page.getByLabel("E-post på jobb").fill(admin.email);
  await page.getByLabel("Passord").fill(admin.password);
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Velkommen, Rut Røros");

  // The administrator invites a coordinator (this form wants JavaScript, so a second browser with it).
  const scripted = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await scripted.goto("/nb/signin");
  await signIn(scripted, admin.email, admin.password);
  await expect(scripted).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await scripted.goto(`/nb/t/${m.slug}/members`);
  await scripted.getByLabel("E-post", { exact: true }).fill(coordinator.email);
  await scripted.getByRole("button", { name: "Send invitasjon" }).click();
  const link = new URL(await scripted.getByTestId("invitation-link").inputValue());
  await scripted.context().close();

  // The coordinator accepts without JavaScript: the account is made, signed in, and in the workspace.
  const invited = await noScript();
  await invited.goto(link.pathname + link.search);
  await invited.getByLabel("Navnet ditt").fill("Kai Kobberverk");
  await invited.getByLabel("Velg et passord").fill(coordinator.password);
  await invited.getByRole("button", { name: "Opprett konto og bli med" }).click();
  await expect(invited).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await invited.context().close();

  // Sign-in: a wrong password is refused with the translated message and the e-mail kept …
  const laptop = await noScript();
  await laptop.goto(`/nb/signin?callbackUrl=${encodeURIComponent(`/nb/t/${m.slug}/participants`)}`);
  await signIn(laptop, coordinator.email, "ikke passordet mitt");
  await expect(laptop.locator("#signin-error")).toHaveText("E-post eller passord er feil. Sjekk begge og prøv igjen.");
  await expect(laptop.getByLabel("E-post", { exact: true })).toHaveValue(coordinator.email);
  // … the right one signs in and goes where the user was headed.
  await signIn(laptop, coordinator.email, coordinator.password);
  await expect(laptop).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));

  // A password change: a mistake is named, the change keeps this device signed in.
  await laptop.goto("/nb/account");
  const form = laptop.getByRole("form", { name: "Bytt passord" });
  await form.getByLabel("Nåværende passord").fill("feil passord her");
  await form.getByLabel("Nytt passord", { exact: true }).fill(coordinator.next);
  await form.getByLabel("Gjenta nytt passord").fill(coordinator.next);
  await form.getByRole("button", { name: "Bytt passord" }).click();
  await expect(form.getByText("Passordet stemmer ikke.", { exact: false })).toBeVisible();
  await form.getByLabel("Nåværende passord").fill(coordinator.password);
  await form.getByLabel("Nytt passord", { exact: true }).fill(coordinator.next);
  await form.getByLabel("Gjenta nytt passord").fill(coordinator.next);
  await form.getByRole("button", { name: "Bytt passord" }).click();
  await expect(form.getByText("Passordet er byttet.", { exact: false })).toBeVisible();
  await laptop.goto(`/nb/t/${m.slug}/participants`);
  await expect(laptop).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));
  await laptop.context().close();
  await page.context().close();

  // The forms were really submitted by the browser (a POST to the page), and no URL ever held a password.
  expect(urls.filter((url) => url.includes(`/t/${m.slug}`)).length).toBeGreaterThan(0);
  const leaks = urls.filter((url) =>
    secrets.some((secret) =>
      [secret, encodeURIComponent(secret), secret.replaceAll(" ", "+")].some((form) => url.includes(form)),
    ),
  );
  expect(leaks).toEqual([]);
});
