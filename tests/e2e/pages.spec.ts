/**
 * The pages every site owes its visitors: a localized not-found page with the site's header and a way back (for
 * any unknown path, inside a workspace and for a record that does not exist), and the accessibility statement
 * linked from every page's footer.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { expectAccessible, openSignedIn, scanIn, screenshot, signIn } from "./helpers.ts";

const LANGUAGES = [
  {
    locale: "nb",
    notFound: "Fant ikke siden",
    back: "Gå til forsiden",
    statement: "Tilgjengelighetserklæring",
    deviations: "Kjente avvik",
    error: "Noe gikk galt",
    retry: "Prøv igjen",
  },
  {
    locale: "sv",
    notFound: "Sidan hittades inte",
    back: "Gå till startsidan",
    statement: "Tillgänglighetsredogörelse",
    deviations: "Innehåll som inte är tillgängligt",
    error: "Något gick fel",
    retry: "Försök igen",
  },
  {
    locale: "en",
    notFound: "Page not found",
    back: "Go to the front page",
    statement: "Accessibility statement",
    deviations: "Known deviations",
    error: "Something went wrong",
    retry: "Try again",
  },
] as const;

for (const c of LANGUAGES) {
  test(`unknown paths at any depth get the not-found page in ${c.locale}, with the header and a way back`, async ({
    page,
  }, testInfo) => {
    for (const path of [
      `/${c.locale}/does-not-exist`,
      `/${c.locale}/models/verdal/nope/deeper`,
      `/${c.locale}/x/y/z`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.notFound);
      await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
      await expect(page.getByRole("banner").getByRole("link", { name: "Samspill" })).toBeVisible();
    }
    await expectAccessible(page, testInfo, `not-found-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `not-found-${c.locale}`);
    await page.getByRole("main").getByRole("link", { name: c.back }).click();
    await expect(page).toHaveURL(new RegExp(`/${c.locale}$`));
  });

  test(`an unexpected error gets the error page in ${c.locale}: 500, the header, try again and a way back`, async ({
    page,
  }, testInfo) => {
    // The production build; `error-probe` throws as a bug would (lib/http/error-probe.ts).
    const response = await page.goto(`/${c.locale}/error-probe`);
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.error);
    await expect(page.locator("html")).toHaveAttribute("lang", c.locale);
    await expect(page.getByRole("banner").getByRole("link", { name: "Samspill" })).toBeVisible();
    await expect(page.getByRole("main")).toHaveCount(1);
    // No stack trace or message of the error reaches the visitor.
    await expect(page.locator("body")).not.toContainText("on purpose");
    await expectAccessible(page, testInfo, `error-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `error-${c.locale}`);
    // Trying again meets the same error (it is not a passing glitch); the way back leads home.
    await page.getByRole("button", { name: c.retry }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.error);
    await page.getByRole("main").getByRole("link", { name: c.back }).click();
    await expect(page).toHaveURL(new RegExp(`/${c.locale}$`));
  });

  test(`the accessibility statement is linked from every page's footer, in ${c.locale}`, async ({ page }, testInfo) => {
    await page.goto(`/${c.locale}/models`);
    await page.getByRole("contentinfo").getByRole("link", { name: c.statement }).click();
    await expect(page).toHaveURL(new RegExp(`/${c.locale}/accessibility$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.statement);
    await expect(page.getByRole("heading", { name: c.deviations })).toBeVisible();
    await expect(page.getByTestId("a11y-deviations").getByRole("listitem")).not.toHaveCount(0);
    await expect(page.getByRole("main").getByRole("link", { name: /@/ })).toHaveAttribute("href", /^mailto:.+@/);
    await expect(page.getByRole("main")).toContainText(/2026/);
    await expectAccessible(page, testInfo, `accessibility-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `accessibility-${c.locale}`);
  });
}

test("inside a workspace, an unknown path and a record that does not exist get the not-found page under the workspace's navigation", async ({
  page,
}, testInfo) => {
  await openSignedIn(page, "koordinator@verdal.demo", "/nb/t/verdal");
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  for (const path of [
    "/nb/t/verdal/nope",
    "/nb/t/verdal/participants/nope/deeper",
    `/nb/t/verdal/participants/${randomUUID()}`,
    `/nb/t/verdal/pilots/${randomUUID()}`,
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Fant ikke siden");
    await expect(page.getByRole("navigation", { name: "Arbeidsområde" }), path).toBeVisible();
    await expect(page.getByRole("main"), `${path}: one main landmark`).toHaveCount(1);
  }
  await expectAccessible(page, testInfo, "not-found-workspace-nb");
  await screenshot(page, "not-found-workspace-nb");
  // An unexpected error inside the workspace: under its navigation, one <main>, back to the workspace's home.
  expect((await page.goto("/nb/t/verdal/error-probe"))?.status()).toBe(500);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Noe gikk galt");
  await expect(page.getByRole("navigation", { name: "Arbeidsområde" })).toBeVisible();
  await expect(page.getByRole("main")).toHaveCount(1);
  await expectAccessible(page, testInfo, "error-workspace-nb");
  await screenshot(page, "error-workspace-nb");
  await page.getByRole("main").getByRole("link", { name: "Gå til forsiden" }).click();
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  // Someone else's workspace, or one that does not exist: the same page as any unknown path, without a workspace.
  for (const path of ["/nb/t/are/nope", "/nb/t/no-such-municipality/nope"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("Fant ikke siden");
    await expect(page.getByRole("navigation", { name: "Arbeidsområde" }), path).toHaveCount(0);
  }
});

test("on a phone the workspace's navigation is a menu naming the current area, and it closes after a choice", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/nb/signin?callbackUrl=%2Fnb%2Ft%2Finderoy");
  await signIn(page, "admin@inderoy.demo");
  await expect(page).toHaveURL(/\/nb\/t\/inderoy$/);
  const nav = page.getByRole("navigation", { name: "Arbeidsområde" });
  // Ten areas would fill the screen: folded, with the current one named.
  await expect(nav.getByRole("link", { name: "Deltakere" })).toBeHidden();
  await expect(page.getByTestId("nav-menu").locator("summary")).toHaveText(/Meny\s*Hjem/);
  await page.getByTestId("nav-menu").locator("summary").click();
  await expect(nav.getByRole("link")).toHaveCount(10);
  await expectAccessible(page, testInfo, "nav-menu-open-nb");
  await screenshot(page, "nav-menu-open-nb-360");
  await nav.getByRole("link", { name: "Oppfølging" }).click();
  await expect(page).toHaveURL(/\/nb\/t\/inderoy\/follow-ups$/);
  await expect(page.getByTestId("nav-menu").locator("summary")).toHaveText(/Meny\s*Oppfølging/);
  await expect(nav.getByRole("link", { name: "Deltakere" })).toBeHidden();
  // The living demo: Inderøy's coordinator has follow-ups due this month and overdue, whatever the day.
  await expect(page.getByRole("heading", { name: /^Forfaller denne måneden \([1-9]/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Forfalt \([1-9]/ })).toBeVisible();
});
