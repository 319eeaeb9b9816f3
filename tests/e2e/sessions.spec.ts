/**
 * Sessions end when they should: a password change signs the account out everywhere but on the device that
 * changed it, and a member removed from a municipality loses access at their next request.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, perAttempt, screenshot, signIn } from "./helpers.ts";

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

test("a password change ends the account's other sessions; a removed member loses access at once", async ({ page, browser }, testInfo) => {
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
  await expectAccessible(page, testInfo, "account-sv");
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
