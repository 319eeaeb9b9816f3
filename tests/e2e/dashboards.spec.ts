import { expect, test, type Locator, type Page } from "./fixtures";
import { attemptTag, expectAccessible, openSignedIn, screenshot } from "./helpers.ts";

/** Text as compared here: Intl's no-break spaces ("65 %") as plain ones. */
const clean = (text: string) => text.replace(/\u00a0/g, " ").trim();

/** A chart's numbers as its "show table" lists them: row label → the texts of its series, in order. */
async function chartNumbers(page: Page, chart: string): Promise<Record<string, string[]>> {
  const figure = page.getByTestId(`chart-${chart}`);
  await figure.locator("summary").click();
  const rows = figure.getByTestId("chart-table").locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  return Object.fromEntries((await tableRows(rows)).map(([label, ...values]) => [label, values]));
}

/** The same numbers read from the dashboard table under the chart, by its column headers. */
async function tableNumbers(page: Page, table: string, columns: string[]): Promise<Record<string, string[]>> {
  const section = page.getByTestId(`table-${table}`);
  const headers = (await section.locator("thead th").allInnerTexts()).map((h) => h.trim());
  const indexes = columns.map((c) => headers.indexOf(c));
  expect(indexes, `columns ${columns.join(", ")} in ${headers.join(", ")}`).not.toContain(-1);
  return Object.fromEntries(
    (await tableRows(section.locator("tbody tr"))).map((cells) => [cells[0], indexes.map((i) => cells[i])]),
  );
}

/**
 * Table rows as they read, in one call to the browser: each row's header first, then its cells; a hidden cell
 * as ":" (without its meaning for screen readers, the text after the first line).
 */
async function tableRows(rows: Locator): Promise<string[][]> {
  const texts = await rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell as HTMLElement).innerText)),
  );
  return texts.map((row) => row.map((x) => clean(x.split("\n")[0]).replace(/^:.*/, ":")));
}

/** Shows another breakdown (the dashboard shows one at a time) and waits for its table. */
async function openBreakdown(page: Page, name: string) {
  await page.getByTestId("breakdown-tabs").getByRole("link", { name, exact: true }).click();
  await expect(page.getByTestId("breakdown-tabs").getByRole("link", { name, exact: true })).toHaveAttribute(
    "aria-current",
    "true",
  );
}

test("a coordinator sees Verdal's figures: 25 of 29 in permanent work (86 %) for the first two years' cohort", async ({
  page,
}, testInfo) => {
  await openSignedIn(page, "koordinator@verdal.demo", "/nb/t/verdal/dashboard");
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/dashboard$/);
  await page.getByLabel("Fra (år eller kvartal)").fill("2006");
  await page.getByLabel("Til (år eller kvartal)").fill("2007");
  await page.getByRole("button", { name: "Vis", exact: true }).click();
  await expect(page).toHaveURL(/from=2006&to=2007/);
  await expect(page.getByTestId("figure-enrolled").getByTestId("value")).toHaveText("29");
  await expect(page.getByTestId("figure-sharePermanent").getByTestId("value")).toHaveText("86 %");
  await expect(page.getByTestId("figure-sharePermanent")).toContainText("av 29");
  const total = page.getByTestId("table-pilot").getByRole("row").filter({ hasText: "Totalt" });
  await expect(total.getByRole("cell").nth(2)).toHaveText("25");
  await expectAccessible(page, testInfo, "dashboard-nb");
  await screenshot(page, "dashboard-verdal-2006-2007-nb");

  // Chromium says it is not a phone (Sec-CH-UA-Mobile: ?0): every chart comes only at the wider size. Firefox and
  // Safari send no hint: their User-Agent tells a phone ("Mobi") from the rest. A request that says neither gets
  // both, and CSS shows one.
  const charts = await page.locator("figure[data-testid^='chart-']").count();
  expect(charts).toBeGreaterThanOrEqual(5);
  await expect(page.locator("[data-size='wide']")).toHaveCount(charts);
  await expect(page.locator("[data-size='compact']")).toHaveCount(0);
  const sizes = async (hint: Record<string, string>) => {
    const html = await (await page.request.get(page.url(), { headers: hint })).text();
    return {
      compact: html.match(/data-size="compact"/g)?.length ?? 0,
      wide: html.match(/data-size="wide"/g)?.length ?? 0,
    };
  };
  expect(await sizes({ "sec-ch-ua-mobile": "?1" })).toEqual({ compact: charts, wide: 0 });
  const firefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
  const safariOnMac =
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
  expect(await sizes({ "sec-ch-ua-mobile": "", "user-agent": firefoxOnAndroid })).toEqual({ compact: charts, wide: 0 });
  expect(await sizes({ "sec-ch-ua-mobile": "", "user-agent": safariOnMac })).toEqual({ compact: 0, wide: charts });
  expect(await sizes({ "sec-ch-ua-mobile": "", "user-agent": "" })).toEqual({ compact: charts, wide: charts });

  // The charts draw the tables' numbers; the national figure stands beside Verdal's, with its source.
  const shares = ["I arbeid", "I fast arbeid", "I arbeid eller utdanning"];
  expect(await chartNumbers(page, "pilot")).toEqual(await tableNumbers(page, "pilot", shares));
  // One breakdown at a time: the others are a link away, with the filters kept.
  await expect(page.getByTestId("table-targetGroup")).toHaveCount(0);
  await openBreakdown(page, "Målgruppe");
  await expect(page).toHaveURL(/from=2006&to=2007.*by=targetGroup/);
  expect(await chartNumbers(page, "targetGroup")).toEqual(await tableNumbers(page, "targetGroup", shares));
  await openBreakdown(page, "År");
  const funnel = await chartNumbers(page, "funnel");
  expect(Object.keys(funnel)).toEqual(["Meldt inn", "I en aktivitet", "I arbeidspraksis", "I jobb"]);
  expect(funnel["Meldt inn"]).toEqual(["29"]);
  for (const [step, [n]] of Object.entries(funnel)) expect(Number(n), step).toBeLessThanOrEqual(29);
  const national = await chartNumbers(page, "national-NO");
  const byYear = await tableNumbers(page, "year", ["I arbeid eller utdanning"]);
  expect(national).toEqual({ "2006": [byYear["2006"][0], "65 %"], "2007": [byYear["2007"][0], "63 %"] });
  await expect(page.getByTestId("chart-national-NO").getByTestId("national-source")).toContainText(
    "Statistisk sentralbyrå (SSB)",
  );
  await expect(
    page.getByTestId("chart-national-NO").getByRole("link", { name: "tall for 2006, 2007" }),
  ).toHaveAttribute("href", /^https:\/\//);
  // Each chart is one labelled image that points to its table.
  await expect(page.getByRole("img", { name: /^Løpet\. Tallene står i tabellen/ })).toBeVisible();
  // At 3 months the national figure (measured after 12) is not drawn; a link offers the right point.
  await page.goto("/nb/t/verdal/dashboard?from=2006&to=2007&point=MONTHS_3");
  await expect(page.getByTestId("chart-national-NO")).toHaveCount(0);
  await page.getByTestId("national-mismatch").getByRole("link", { name: "Vis tallene 12 måneder etter" }).click();
  await expect(page).toHaveURL(/point=MONTHS_12/);
  await expect(page.getByTestId("chart-national-NO")).toBeVisible();

  // All 42: 39 in work or a vocational path twelve months after exit.
  await page.goto("/nb/t/verdal/dashboard?point=MONTHS_12");
  await expect(page.getByTestId("figure-enrolled").getByTestId("value")).toHaveText("42");
  await expect(page.getByTestId("figure-shareWorkOrEducation").getByTestId("value")).toHaveText("93 %");

  // The printable report has the same figures and no navigation.
  await page.goto("/nb/t/verdal/dashboard/report?from=2006&to=2007&point=MONTHS_12");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Resultatrapport");
  await expect(page.getByTestId("figure-sharePermanent").getByTestId("value")).toHaveText("86 %");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Arbeidsområde" })).toBeHidden();
  await screenshot(page, "dashboard-report-print-nb");
});

test("someone outside the partnership gets 404 for its dashboard", async ({ page }) => {
  await openSignedIn(page, "partner@verdal.demo", "/nb/t/verdal");
  expect((await page.goto("/nb/p/inderoy-are"))?.status()).toBe(404);
});

test("a coordinator keeps the partner registry and pilots: add, edit, deactivate", async ({ page }, testInfo) => {
  const organisation = `Verdal Ombruk (e2e ${attemptTag(testInfo)})`;
  const pilot = `Språkpraksis i butikk (e2e ${attemptTag(testInfo)})`;
  await openSignedIn(page, "koordinator@verdal.demo", "/nb/t/verdal/organisations");
  await expect(page).toHaveURL(/\/nb\/t\/verdal\/organisations$/);
  await page.getByRole("link", { name: "Legg til organisasjon" }).click();
  await page.getByLabel("Navn", { exact: true }).fill("Aker Verdal AS");
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Sosial entreprenør" });
  await page.getByLabel("E-post til kontakt").fill("ikke-en-epost");
  await page.getByRole("button", { name: "Legg til organisasjon" }).click();
  await expect(page.getByText("Skriv inn en gyldig e-postadresse.")).toBeVisible();
  await page.getByLabel("E-post til kontakt").fill("post@verdal-ombruk.example");
  await page.getByRole("button", { name: "Legg til organisasjon" }).click();
  await expect(page.getByText("Det finnes allerede en organisasjon med dette navnet.")).toBeVisible();
  await page.getByLabel("Navn", { exact: true }).fill(organisation);
  await page.getByLabel("Rolle i partnerskapet").fill("Arbeidstrening i gjenbruksbutikk");
  await page.getByRole("button", { name: "Legg til organisasjon" }).click();
  await expect(page).toHaveURL(/\/organisasjoner|\/organisations\?saved=1$/);
  await expect(page.getByRole("row").filter({ hasText: organisation })).toContainText("Aktiv");
  await expectAccessible(page, testInfo, "organisations-nb");
  await screenshot(page, "organisations-after-add-nb");

  await page.getByRole("link", { name: organisation }).click();
  await page.getByLabel("Aktiv", { exact: true }).uncheck();
  await page.getByRole("button", { name: "Lagre" }).click();
  await expect(page.getByText("Organisasjonen er lagret.")).toBeVisible();
  await page.goto("/nb/t/verdal/organisations");
  await expect(page.getByRole("row").filter({ hasText: organisation })).toContainText("Inaktiv");

  await page.goto("/nb/t/verdal/pilots/new");
  await page.getByLabel("Navn", { exact: true }).fill(pilot);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Arbeidslivskunnskap og arbeidsrettet norsk" });
  await page.getByLabel("Startdato").fill("2026-01-01");
  await page.getByLabel("Sluttdato").fill("2025-12-01");
  await page.getByLabel("Coop Inn-Trøndelag").check();
  await page.getByRole("button", { name: "Ny pilot" }).click();
  await expect(page.getByText("Sluttdatoen er før startdatoen.")).toBeVisible();
  await page.getByLabel("Sluttdato").fill("2026-12-31");
  await page.getByRole("button", { name: "Ny pilot" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pilot);
  await expect(page.getByText("Coop Inn-Trøndelag")).toBeVisible();
  await expectAccessible(page, testInfo, "pilot-nb");
  await screenshot(page, "pilot-new-nb");
});
