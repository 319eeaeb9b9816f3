import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { attemptTag, expectAccessible, openSignedIn, scanIn, screenshot, signIn } from "./helpers.ts";

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

for (const c of [
  {
    locale: "nb",
    email: "partner@verdal.demo",
    tenant: "verdal",
    fewer: "færre enn 5",
    title: "Resultater",
    protection: "Slik beskyttes tallene",
    shares: ["I arbeid", "I fast arbeid", "I arbeid eller utdanning"],
  },
  {
    locale: "sv",
    email: "partner@are.demo",
    tenant: "are",
    fewer: "färre än 5",
    title: "Resultat",
    protection: "Så skyddas siffrorna",
    shares: ["I arbete", "I tillsvidareanställning", "I arbete eller studier"],
  },
]) {
  test(`a partner sees the shared dashboard in ${c.locale}, with small counts hidden, and downloads a CSV`, async ({
    page,
  }, testInfo) => {
    await openSignedIn(page, c.email, `/${c.locale}/t/${c.tenant}/dashboard`);
    await expect(page).toHaveURL(new RegExp(`/${c.locale}/t/${c.tenant}/dashboard$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.title);
    await openBreakdown(page, c.locale === "sv" ? "Målgrupp" : "Målgruppe");
    const hidden = page.getByRole("cell").filter({ hasText: c.fewer });
    expect(await hidden.count()).toBeGreaterThan(0);
    await expect(hidden.first()).toContainText(":");
    await expectAccessible(page, testInfo, `dashboard-shared-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `dashboard-shared-${c.tenant}-${c.locale}`);
    // The shared charts draw the protected figures, hidden ones as ":", never the exact ones.
    expect(await chartNumbers(page, "targetGroup")).toEqual(await tableNumbers(page, "targetGroup", c.shares));

    const download = page.waitForEvent("download");
    await page.getByTestId("table-targetGroup").getByRole("link").first().click();
    const file = await download;
    const csv = readFileSync(await file.path(), "utf8");
    expect(csv.split("\r\n")[0]).toContain(c.locale === "sv" ? "Målgrupp" : "Målgruppe");
    // Norwegian and Swedish Excel separate the columns of a CSV with ";".
    expect(csv.split("\r\n")[0].split(";")).toHaveLength(12);
    expect(csv).toContain(":");
    // No cell of the CSV holds a count of 1–4, and every published count is rounded to base 5: hidden cells
    // are written as ":".
    for (const line of csv.trim().split("\r\n").slice(1)) {
      for (const cell of line.split(";").slice(1, 8)) {
        expect(["1", "2", "3", "4"]).not.toContain(cell);
        if (/^\d+$/.test(cell)) expect(Number(cell) % 5, `published count ${cell} in ${line}`).toBe(0);
      }
    }

    // The same table as an Excel workbook: typed cells with the page's (protected) figures.
    const xlsxDownload = page.waitForEvent("download");
    await page
      .getByTestId("table-targetGroup")
      .getByRole("link", { name: c.locale === "sv" ? "Ladda ned Excel" : "Last ned Excel" })
      .click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await (await xlsxDownload).path()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const onPage = await tableRows(page.getByTestId("table-targetGroup").locator("tbody tr"));
    expect(sheet.rowCount).toBe(onPage.length + 1);
    for (const [r, texts] of onPage.entries()) {
      const excel = sheet.getRow(r + 2);
      expect(excel.getCell(1).value).toBe(texts[0]);
      for (let i = 1; i < texts.length; i++) {
        const value = excel.getCell(i + 1).value;
        if (texts[i] === ":") expect(value, texts.join(" | ")).toBe(":");
        else if (texts[i].endsWith("%")) expect(`${Math.round((value as number) * 100)} %`).toBe(texts[i]);
        else if (/^\d+$/.test(texts[i])) expect(value).toBe(Number(texts[i]));
      }
    }

    // Every shared view says how its figures are protected, and the page it links to is readable.
    await page.getByRole("main").getByRole("link", { name: c.protection }).click();
    await expect(page).toHaveURL(new RegExp(`/${c.locale}/protection\\?threshold=5$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.protection);
    await expectAccessible(page, testInfo, `protection-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `protection-${c.locale}`);
  });
}

test("'as partners see it' shows a coordinator exactly the partner's figures, which are not the exact ones", async ({
  browser,
}) => {
  const query = "from=2006&to=2009&point=MONTHS_12";
  const figures = async (email: string, path: string, asOrganisation?: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/nb/signin?callbackUrl=${encodeURIComponent(path)}`);
    await signIn(page, email);
    await expect(page.getByTestId("figure-enrolled")).toBeVisible();
    if (asOrganisation) {
      const select = page.getByLabel("Som partneren ser det", { exact: true });
      await select.selectOption({ label: asOrganisation });
      await page.locator("form", { has: select }).getByRole("button", { name: "Vis", exact: true }).click();
      await expect(page).toHaveURL(/as=/);
    }
    const seen = {
      figures: await page.getByTestId(/^figure-/).allInnerTexts(),
      pilots: await page.getByTestId("table-pilot").innerText(),
    };
    await context.close();
    return seen;
  };
  // NAV Verdal's viewer, and Verdal's coordinator looking as NAV Verdal: the same figures, the same cells hidden.
  const partner = await figures("partner@verdal.demo", `/nb/t/verdal/dashboard?${query}`);
  const asPartner = await figures(
    "koordinator@verdal.demo",
    `/nb/t/verdal/dashboard?view=shared&${query}`,
    "NAV Verdal",
  );
  expect(asPartner).toEqual(partner);
  expect(partner.pilots).toContain(":");
  // All 42 as every partner would get them: rounded to base 5, while the coordinator's own view is exact.
  const shared = await figures("koordinator@verdal.demo", `/nb/t/verdal/dashboard?view=shared&${query}`);
  const exact = await figures("koordinator@verdal.demo", `/nb/t/verdal/dashboard?${query}`);
  expect(exact.figures[0]).toMatch(/\n42$/);
  expect(shared.figures[0]).toMatch(/\n(40|45)$/);
});

test("the partnership dashboard shows both municipalities side by side, and an opt-out removes one", async ({
  page,
}, testInfo) => {
  await openSignedIn(page, "admin@are.demo", "/sv/p/inderoy-are");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inderøy–Åre (Interreg Sverige–Norge)");
  const table = page.getByTestId("table-members-MONTHS_12");
  await expect(table.getByRole("row").filter({ hasText: "Inderøy kommune (NO)" })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Åre kommun (SE)" })).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Sammantaget" })).toBeVisible();
  await expectAccessible(page, testInfo, "partnership-sv");
  await screenshot(page, "partnership-inderoy-are-sv");
  // Drawn: the members side by side and combined (the protected figures of the table), and each member
  // against its own country's national figure at the point where the definitions match.
  const shares = ["I arbete", "I tillsvidareanställning", "I arbete eller studier"];
  expect(await chartNumbers(page, "members")).toEqual(await tableNumbers(page, "members-MONTHS_12", shares));
  await expect(page.getByTestId("chart-national-NO")).toContainText("SSB");
  await page.getByTestId("national-mismatch").getByRole("link", { name: "Visa siffrorna 3 månader efter" }).click();
  await expect(page).toHaveURL(/point=MONTHS_3/);
  const sweden = await chartNumbers(page, "national-SE");
  const members = await tableNumbers(page, "members-MONTHS_3", ["I arbete eller studier"]);
  expect(sweden["Åre kommun (SE)"]).toEqual([members["Åre kommun (SE)"][0], expect.stringMatching(/^\d+ %$/)]);
  await expect(page.getByTestId("chart-national-SE").getByTestId("national-source")).toContainText(
    "Arbetsförmedlingen",
  );
  await expectAccessible(page, testInfo, "partnership-sv-3-months");

  await page.goto("/sv/t/are/settings");
  await page.getByRole("button", { name: "Sluta dela" }).click();
  await expect(page.getByText("Siffrorna delas inte längre.")).toBeVisible();
  await page.goto("/sv/p/inderoy-are");
  await expect(
    page.getByTestId("table-members-MONTHS_12").getByRole("row").filter({ hasText: "Åre kommun (SE)" }),
  ).toHaveCount(0);
  await expect(page.getByText("Delar inte siffror för tillfället: Åre kommun.")).toBeVisible();

  await page.goto("/sv/t/are/settings");
  await page.getByRole("button", { name: "Dela våra siffror" }).click();
  await expect(page.getByText("Siffrorna delas nu med partnerskapet.")).toBeVisible();
  await page.goto("/sv/p/inderoy-are");
  await expect(
    page.getByTestId("table-members-MONTHS_12").getByRole("row").filter({ hasText: "Åre kommun (SE)" }),
  ).toBeVisible();
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

test("a partner on a phone sees the Inderøy–Åre results drawn, side by side and against the national figures, in nb", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  // What Chrome on a phone says with every request: the charts come at the phone's size only.
  await page.setExtraHTTPHeaders({ "sec-ch-ua-mobile": "?1" });
  await page.goto("/nb/signin?callbackUrl=%2Fnb%2Fp%2Finderoy-are");
  await signIn(page, "partner@inderoy.demo");
  await expect(page).toHaveURL(/\/nb\/p\/inderoy-are$/);
  const members = page.getByTestId("chart-members");
  await expect(members.getByRole("img")).toBeVisible();
  await expect(members.locator("[data-size='compact']")).toBeVisible();
  await expect(page.locator("[data-size='wide']")).toHaveCount(0);
  expect(Object.keys(await chartNumbers(page, "members"))).toContain("Inderøy kommune (NO)");
  const national = await chartNumbers(page, "national-NO");
  expect(national["Inderøy kommune (NO)"][1]).toMatch(/^\d+ %$/);
  await expectAccessible(page, testInfo, "partnership-nb-360");
  await screenshot(page, "partnership-inderoy-are-nb-360");

  // The partner's own view of Inderøy: women and men against SSB's figures by sex, protected like the rest.
  await page.goto("/nb/t/inderoy/dashboard?by=gender");
  const bySex = await chartNumbers(page, "national-NO-sex");
  const gender = await tableNumbers(page, "gender", ["I arbeid eller utdanning"]);
  expect(bySex["Kvinne"][0]).toBe(gender["Kvinne"][0]);
  expect(bySex["Kvinne"][1]).toMatch(/^\d+ %$/);
  await expect(page.getByTestId("chart-national-NO-sex").getByTestId("national-source")).toContainText("SSB");
  await expectAccessible(page, testInfo, "dashboard-partner-nb-360");
  await screenshot(page, "dashboard-inderoy-partner-nb-360");
});
