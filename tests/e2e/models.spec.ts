import { expect, test } from "./fixtures";
import { expectAccessible, openSignedIn, perAttempt, screenshot } from "./helpers.ts";
import { query } from "./database.ts";

const VERDAL = "Verdalsmodellen – kvalifisering på arbeidsplassen";
const INDEROY = "Inderøy–Åre-modellen – samarbeid over grensen";

// In order: the library is browsed before the adoption test publishes Åre's model.
test.describe.configure({ mode: "serial" });

test("the model library is browsed signed out: search by country, target group, pilot kind and text", async ({
  page,
}, testInfo) => {
  await page.goto("/nb/models");
  await expect(page).toHaveURL(/\/nb\/models$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modellbibliotek");
  const cards = page.getByTestId("model-card");
  await expect(cards.getByRole("link", { name: VERDAL })).toBeVisible();
  await expect(cards.getByRole("link", { name: INDEROY })).toBeVisible();
  await expect(page.getByTestId("library-count")).toHaveText("2 publiserte modeller");
  await expectAccessible(page, testInfo, "models-library-nb");
  await screenshot(page, "models-library-nb");

  // Target group: only Verdal names immigrants.
  await page.getByLabel("Målgruppe", { exact: true }).selectOption("IMMIGRANT");
  await page.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(page).toHaveURL(/targetGroup=IMMIGRANT/);
  await expect(cards).toHaveCount(1);
  await expect(cards.getByRole("link", { name: VERDAL })).toBeVisible();

  // Pilot kind: both have an alternative vocational path; Sweden has none of the two.
  await page.getByLabel("Målgruppe", { exact: true }).selectOption("");
  await page.getByLabel("Pilottype", { exact: true }).selectOption("ALTERNATIVE_VOCATIONAL");
  await page.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(cards).toHaveCount(2);
  await page.getByLabel("Land", { exact: true }).selectOption("SE");
  await page.getByRole("button", { name: "Søk", exact: true }).click();
  await expect(page).toHaveURL(/country=SE/);
  await expect(cards).toHaveCount(0);
  await expect(page.getByText("Ingen modell passer med søket.")).toBeVisible();

  // Free text, in English.
  await page.goto("/en/models?q=inder%C3%B8y");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Model library");
  await expect(cards).toHaveCount(1);
  await expect(page.getByTestId("library-count")).toHaveText("1 model matches");
  await expectAccessible(page, testInfo, "models-library-en-search");
  await screenshot(page, "models-library-en-search");

  // A model page, signed out: the text, who does what, pilots and the suppressed results.
  await cards.getByRole("link", { name: INDEROY }).click();
  await expect(page).toHaveURL(/\/en\/models\/inderoy-are$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(INDEROY);
  await expect(page.getByText("Collaboration model · Inderøy kommune, Norway")).toBeVisible();
  await expect(page.getByTestId("model-partner-roles").getByText("Social enterprise")).toBeVisible();
  await expect(page.getByTestId("model-pilots").getByRole("heading", { level: 3 })).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "Latest results" })).toBeVisible();
  await expect(
    page.getByRole("link", { name: "Sign in as a municipality administrator to start from this model" }),
  ).toBeVisible();
  await expectAccessible(page, testInfo, "model-inderoy-en");
  await screenshot(page, "model-inderoy-are-en");

  await page.goto("/nb/models/verdal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(VERDAL);
  // A model publishes the figures of the municipality's release (protected), never a live count of its own.
  const released = await query<{ enrolled: number }>(
    `select (s->'total'->>'enrolled')::int as enrolled from "Release" r join "Tenant" t on t.id = r."tenantId",
            jsonb_array_elements(r.figures->'scopes') s where t.slug = 'verdal' and s->>'key' = 'all'`,
  );
  const shown = await page.getByTestId("model-figure-enrolled").getByTestId("value").innerText();
  expect(released.map((r) => String(r.enrolled))).toContain(shown.trim());
  await expect(page.getByRole("main").getByRole("link", { name: /Slik beskyttes tallene/i })).toBeVisible();
  await expect(page.getByTestId("model-partner-roles").getByText("NAV / Arbetsförmedlingen")).toBeVisible();
  await expect(page.getByTestId("model-pilots").getByRole("heading", { level: 3 })).toHaveCount(4);
  // No contact person, e-mail address or participant code reaches the public page.
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/@|VER-\d{4}/);
  await expectAccessible(page, testInfo, "model-verdal-nb");
  await screenshot(page, "model-verdal-nb");

  expect((await page.goto("/nb/models/no-such-model"))?.status()).toBe(404);
});

test("Verdal's administrator edits, previews and publishes the model again", async ({ page }, testInfo) => {
  await openSignedIn(page, "admin@verdal.demo", "/nb/t/verdal/model");
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/model$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Samarbeidsmodell");
  await expect(page.getByTestId("public-link")).toHaveText("/nb/models/verdal");
  await expect(page.getByTestId("partner-checklist").getByRole("listitem")).toHaveCount(6);
  await expectAccessible(page, testInfo, "tenant-model-verdal-nb");
  await screenshot(page, "tenant-model-verdal-nb");

  // A mistake is caught at the field; nothing is saved.
  const form = page.getByRole("form", { name: "Samarbeidsmodell" });
  await form.getByLabel("Tittel", { exact: true }).fill("");
  await form.getByRole("button", { name: "Lagre og oppdater den publiserte modellen" }).click();
  await expect(form.getByText("Fyll ut dette feltet.")).toBeVisible();
  await expect(form.getByLabel("Tittel", { exact: true })).toBeFocused();
  await form.getByLabel("Tittel", { exact: true }).fill(VERDAL);
  await form.getByRole("button", { name: "+ Legg til en pilot" }).click();
  await expect(form.getByTestId("pilot-row")).toHaveCount(5);
  await expect(form.getByTestId("pilot-row").last().getByLabel("Type")).toBeFocused();
  await form.getByTestId("pilot-row").last().getByRole("button", { name: /Fjern/ }).click();
  await form.getByRole("button", { name: "Lagre og oppdater den publiserte modellen" }).click();
  await expect(page.getByText("Lagret. Den publiserte modellen viser endringen nå.")).toBeVisible();

  await page.getByRole("link", { name: "Forhåndsvis" }).click();
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/model\/preview$/);
  await expect(page.getByTestId("preview-banner")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(VERDAL);
  await expectAccessible(page, testInfo, "tenant-model-preview-nb");
  await screenshot(page, "tenant-model-preview-verdal-nb");
  await page.getByRole("button", { name: "Publiser på nytt med de siste resultatene" }).click();
  await expect(page.getByText("Publisert, med de siste resultatene.")).toBeVisible();
});

// A Swedish municipality of the test's own, one per attempt: a retry starts from a municipality that has not
// adopted anything yet.
const ADOPTERS = [
  {
    option: "Bräcke (2305, Jämtlands län)",
    slug: "bracke",
    name: "Bräcke kommun",
    title: "Bräckemodellen – språk och arbete",
  },
  {
    option: "Ragunda (2303, Jämtlands län)",
    slug: "ragunda",
    name: "Ragunda kommun",
    title: "Ragundamodellen – språk och arbete",
  },
  {
    option: "Strömsund (2313, Jämtlands län)",
    slug: "stromsund",
    name: "Strömsund kommun",
    title: "Strömsundsmodellen – språk och arbete",
  },
];

test("a Swedish municipality already on Samspill starts from the Verdal model, then publishes its own", async ({
  page,
  browser,
}, testInfo) => {
  const m = perAttempt(testInfo, ADOPTERS);
  await page.goto("/sv/onboarding");
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Adress").fill(m.slug);
  await page.getByLabel("Ditt namn").fill("Anna Andersson");
  await page.getByLabel("Din e-post i tjänsten").fill(`admin@${m.slug}.test`);
  await page.getByLabel("Lösenord").fill("jämtland runt sjön");
  await page.getByRole("button", { name: "Skapa arbetsytan" }).click();
  await expect(page).toHaveURL(new RegExp(`/sv/t/${m.slug}\\?welcome=1$`));

  await page.goto("/sv/models/verdal");
  await page.getByRole("link", { name: "Utgå från den här modellen" }).click();
  await expect(page).toHaveURL(new RegExp(`/sv/t/${m.slug}/model\\?from=verdal$`));
  await expect(page.getByLabel("Modell", { exact: true })).toHaveValue("verdal");
  await expect(page.getByText("partnerorganisationer eller kontaktpersoner")).toBeVisible();
  await expectAccessible(page, testInfo, "tenant-model-adopt-sv");
  await screenshot(page, "tenant-model-adopt-sv");
  await page.getByRole("button", { name: "Utgå från den här modellen" }).click();

  await expect(page.getByTestId("adopted-message")).toContainText("4 pilotutkast har skapats");
  await expect(page.getByText("Utgick från")).toBeVisible();
  const form = page.getByRole("form", { name: "Samverkansmodell" });
  await expect(form.getByLabel("Titel", { exact: true })).toHaveValue(VERDAL);
  await expect(form.getByLabel("Adress", { exact: true })).toHaveValue(m.slug);
  const checklist = page.getByTestId("partner-checklist");
  await expect(checklist.getByRole("listitem")).toHaveCount(6);
  // A new municipality has no partner organisations yet: every role links to adding one.
  await expect(checklist.getByRole("link", { name: "Lägg till organisation" })).toHaveCount(6);
  await expectAccessible(page, testInfo, "tenant-model-adopted-sv");
  await screenshot(page, "tenant-model-adopted-sv");

  // The pilots are drafts, with no partner organisations and no participants.
  await page.goto(`/sv/t/${m.slug}/pilots`);
  const drafts = page.getByRole("row").filter({ hasText: "Utkast" });
  await expect(drafts).toHaveCount(4);
  await expect(drafts.filter({ hasText: "Alternative løp i fagopplæringen" })).toBeVisible();

  // The municipality makes the text its own and publishes it.
  await page.goto(`/sv/t/${m.slug}/model`);
  await form.getByLabel("Titel", { exact: true }).fill(m.title);
  await form.getByRole("button", { name: "Spara utkast" }).click();
  await expect(page.getByText("Utkastet är sparat.")).toBeVisible();
  await page.getByRole("button", { name: "Publicera", exact: true }).click();
  await expect(page.getByText("Publicerad, med de senaste resultaten.")).toBeVisible();
  await expect(page.getByTestId("public-link")).toHaveText(`/sv/models/${m.slug}`);

  // Signed out, the library now has a Swedish model that points back at Verdal's.
  const anonymous = await browser.newContext({ locale: "sv-SE" });
  const visitor = await anonymous.newPage();
  await visitor.goto("/sv/models?country=SE");
  await expect(visitor.getByTestId("model-card").getByRole("link", { name: m.title })).toBeVisible();
  await visitor.getByRole("link", { name: m.title }).click();
  await expect(visitor.getByText(`Samverkansmodell · ${m.name}, Sverige`)).toBeVisible();
  await expect(visitor.getByRole("link", { name: VERDAL })).toBeVisible();
  await expectAccessible(visitor, testInfo, "model-adopted-sv");
  await screenshot(visitor, "model-adopted-sv");
  await anonymous.close();
});

test("a coordinator sees the model but cannot edit it; a partner viewer cannot publish", async ({ page }) => {
  await openSignedIn(page, "koordinator@verdal.demo", "/nb/t/verdal/model");
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/model$/);
  await expect(page.getByTestId("public-link")).toBeVisible();
  await expect(page.getByRole("form", { name: "Samarbeidsmodell" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Avpubliser" })).toHaveCount(0);
  await page.getByRole("link", { name: "Forhåndsvis" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(VERDAL);
  await expect(page.getByRole("button", { name: /Publiser/ })).toHaveCount(0);
});
