import { expect, test } from "./fixtures";
import { expectAccessible, perAttempt, screenshot, signIn } from "./helpers.ts";

// A municipality onboards once: a retry takes the next one (the first attempt's already exists).
const NORWEGIAN = [
  { option: "Levanger (5037, Trøndelag)", slug: "levanger", name: "Levanger kommune" },
  { option: "Frosta (5036, Trøndelag)", slug: "frosta", name: "Frosta kommune" },
  { option: "Steinkjer (5006, Trøndelag)", slug: "steinkjer", name: "Steinkjer kommune" },
];
const SWEDISH = [
  { option: "Östersund (2380, Jämtlands län)", slug: "ostersund", name: "Östersund kommun" },
  { option: "Krokom (2309, Jämtlands län)", slug: "krokom", name: "Krokom kommun" },
  { option: "Berg (2326, Jämtlands län)", slug: "berg", name: "Berg kommun" },
];

test("a Norwegian municipality onboards in nb from the Verdal model, invites a coordinator who accepts and signs in", async ({
  page,
  browser,
}, testInfo) => {
  const m = perAttempt(testInfo, NORWEGIAN);
  await page.goto("/nb");
  await page.getByRole("link", { name: "Ta i bruk i kommunen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ta i bruk Samspill i kommunen");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await expect(page.getByLabel("Adresse")).toHaveValue(m.slug);
  await page.getByLabel("Navnet ditt").fill("Liv Levanger");
  await page.getByLabel("E-post på jobb").fill(`admin@${m.slug}.test`);
  await page.getByLabel("Passord").fill("kort");
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page.getByText("Passordet må ha minst 12 tegn.")).toBeVisible();
  await expectAccessible(page, testInfo, "onboarding-nb");
  await screenshot(page, "onboarding-errors-nb");
  await page.getByLabel("Passord").fill("levanger fjord og fjell");
  await page
    .getByLabel("Start fra en publisert modell (valgfritt)")
    .selectOption({ label: "Verdalsmodellen – kvalifisering på arbeidsplassen" });
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));
  await expect(page.getByTestId("tenant-name")).toHaveText(m.name);
  await expect(page.getByRole("heading", { name: "Neste steg" })).toBeVisible();
  await expectAccessible(page, testInfo, "new-tenant-nb");
  await screenshot(page, "new-tenant-home-nb");

  // The Verdal model became draft pilots and a checklist of partner types — and nothing of Verdal's own.
  await page.goto(`/nb/t/${m.slug}/pilots`);
  await expect(page.getByRole("row").filter({ hasText: "Utkast" })).toHaveCount(4);
  await expect(page.getByText("Aker Verdal AS")).toHaveCount(0);
  await page.goto(`/nb/t/${m.slug}/model`);
  await expect(page.getByText("Partnere som bør være med")).toBeVisible();
  await screenshot(page, "new-tenant-model-nb");
  await page.goto(`/nb/t/${m.slug}`);

  // Invite a coordinator; without a mail server the link is shown to pass on.
  await page.getByRole("link", { name: "Inviter kolleger og partnere" }).click();
  await page.getByLabel("E-post", { exact: true }).fill(`koordinator@${m.slug}.test`);
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toContain("/nb/invitation?token=");
  await expect(page.getByTestId("invitation-item")).toContainText(`koordinator@${m.slug}.test`);
  await expectAccessible(page, testInfo, "members-nb");
  await screenshot(page, "members-nb");

  const other = await browser.newContext();
  const invited = await other.newPage();
  await invited.goto(new URL(link).pathname + new URL(link).search);
  await expect(invited.getByText(`Du er invitert til ${m.name} som koordinator`)).toBeVisible();
  await invited.getByLabel("Navnet ditt").fill("Kåre Koordinator");
  await invited.getByLabel("Velg et passord").fill("innherred hele veien");
  await invited.getByRole("button", { name: "Opprett konto og bli med" }).click();
  await expect(invited).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await expect(invited.getByTestId("user-name")).toContainText("Kåre Koordinator · Koordinator");
  await invited.getByRole("button", { name: "Logg ut" }).click();
  await expect(invited).toHaveURL(/\/nb$/);
  // The link works once.
  await invited.goto(new URL(link).pathname + new URL(link).search);
  await expect(invited.getByText("Denne invitasjonslenken er ikke gyldig")).toBeVisible();
  await invited.goto("/nb/signin");
  await signIn(invited, `koordinator@${m.slug}.test`, "innherred hele veien");
  await expect(invited).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await other.close();
});

test("a Swedish municipality onboards in sv; a municipality already on Samspill is refused", async ({
  page,
}, testInfo) => {
  const m = perAttempt(testInfo, SWEDISH);
  await page.goto("/sv/onboarding");
  await expect(page.getByLabel("Land")).toHaveValue("SE");
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: "Åre (2321, Jämtlands län)" });
  await page.getByLabel("Ditt namn").fill("Test Testsson");
  await page.getByLabel("Din e-post i tjänsten").fill("admin@are-igen.test");
  await page.getByLabel("Lösenord").fill("jämtland runt sjön");
  await page.getByRole("button", { name: "Skapa arbetsytan" }).click();
  await expect(page.getByText("Kommunen använder redan Samspill.")).toBeVisible();
  await page.getByLabel("Kommun", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Adress").fill(m.slug);
  await page.getByLabel("Din e-post i tjänsten").fill(`admin@${m.slug}.test`);
  await page.getByRole("button", { name: "Skapa arbetsytan" }).click();
  await expect(page).toHaveURL(new RegExp(`/sv/t/${m.slug}\\?welcome=1$`));
  await expect(page.getByTestId("tenant-name")).toHaveText(m.name);
  await expect(page.getByRole("heading", { name: "Nästa steg" })).toBeVisible();
  await expectAccessible(page, testInfo, "new-tenant-sv");
  await screenshot(page, "new-tenant-home-sv");
});
