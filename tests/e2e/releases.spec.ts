import { expect, test, type Page } from "./fixtures";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expectAccessible, expectFits, openSignedIn, scanIn, screenshot, signIn } from "./helpers.ts";
import { query } from "./database.ts";
import { formatDate, formatNumber } from "../../lib/i18n/format.ts";
import type { ReleaseFigures, ScopeFigures } from "../../lib/releases/build-release.ts";

/** Text as compared here: Intl's no-break spaces as plain ones. */
const clean = (text: string) => text.replace(/\u00a0/g, " ").trim();

type Stored = { id: string; asOf: Date; figures: ReleaseFigures };

/** A tenant's releases as stored, newest first: what every number a partner reads must come from. */
async function releases(slug: string): Promise<Stored[]> {
  return query<Stored>(
    `select r.id, r."asOf", r.figures from "Release" r join "Tenant" t on t.id = r."tenantId"
      where t.slug = $1 order by r."asOf" desc`,
    [slug],
  );
}

/** The scope a partner organisation sees in a release (by the organisation's name). */
async function scopeOf(release: Stored, slug: string, organisation: string | null): Promise<ScopeFigures> {
  if (organisation === null) return release.figures.scopes.find((s) => s.key === "all")!;
  const [{ id }] = await query<{ id: string }>(
    `select o.id from "Organisation" o join "Tenant" t on t.id = o."tenantId" where t.slug = $1 and o.name = $2`,
    [slug, organisation],
  );
  return release.figures.scopes.find((s) => s.organisationIds.includes(id))!;
}

async function cards(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of ["enrolled", "followedUp", "inWork", "inWorkOrEducation"])
    out[id] = clean(await page.getByTestId(`figure-${id}`).getByTestId("value").innerText());
  return out;
}

for (const c of [
  {
    locale: "nb" as const,
    email: "partner@verdal.demo",
    tenant: "verdal",
    organisation: "NAV Verdal",
    asOf: "Tall per",
    protection: "Slik beskyttes tallene",
    breakdown: "Etter kjønn",
  },
  {
    locale: "sv" as const,
    email: "partner@verdal.demo",
    tenant: "verdal",
    organisation: "NAV Verdal",
    asOf: "Siffror per",
    protection: "Så skyddas siffrorna",
    breakdown: "Efter kön",
  },
  {
    locale: "sv" as const,
    email: "partner@are.demo",
    tenant: "are",
    organisation: null,
    asOf: "Siffror per",
    protection: "Så skyddas siffrorna",
    breakdown: "Efter kön",
  },
]) {
  for (const width of [1280, 360]) {
    test(`a partner of ${c.tenant} reads the latest release in ${c.locale} at ${width} px: a sentence, whose figures, each figure once`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize({ width, height: 900 });
      await openSignedIn(page, c.email, `/${c.locale}/t/${c.tenant}/dashboard`);
      const [latest] = await releases(c.tenant);
      const [{ organisationId }] = await query<{ organisationId: string | null }>(
        `select m."organisationId" from "Membership" m join "User" u on u.id = m."userId" join "Tenant" t on t.id = m."tenantId"
          where u.email = $1 and t.slug = $2`,
        [c.email, c.tenant],
      );
      const [{ name: organisation }] = await query<{ name: string }>(`select name from "Organisation" where id = $1`, [
        organisationId,
      ]);
      const scope =
        latest.figures.scopes.find((s) => s.organisationIds.includes(organisationId!)) ??
        (await scopeOf(latest, c.tenant, c.organisation));
      const n = (v: number) => clean(formatNumber(c.locale, v));

      // The first screen: the date, whose figures these are, and what they say in a sentence.
      await expect(page.getByTestId("release-as-of")).toContainText(
        `${c.asOf} ${clean(formatDate(c.locale, latest.asOf, "long"))}`,
      );
      await expect(page.getByTestId("release-scope")).toContainText(organisation);
      const sentence = clean(await page.getByTestId("release-sentence").innerText());
      expect(sentence).toContain(n(scope.total!.enrolled));
      // Each headline figure is the stored, protected cell: the numbers come from the release only.
      const shown = await cards(page);
      expect(shown.enrolled).toBe(n(scope.total!.enrolled));
      if (scope.total!.outcomes) {
        const { followedUp, inWork } = scope.total!.outcomes;
        expect(shown.followedUp).toBe(n(followedUp!));
        // A published 0 can be 1–4 (those are never shown): it reads "under 5".
        expect(shown.inWork).toBe(inWork ? n(inWork) : "under 5");
        if (inWork) expect(sentence).toContain(n(inWork));
      }
      const path = await page.getByTestId("release-path").innerText();
      expect(clean(path)).toContain(scope.funnel!.inJob ? n(scope.funnel!.inJob) : "under 5");
      await expect(page.getByTestId("protection-note")).toBeVisible();
      await expectAccessible(page, testInfo, `release-${c.tenant}-${c.locale}-${width}`, scanIn(c.locale));
      await screenshot(page, `release-${c.tenant}-${c.locale}-${width}`);
      if (width === 360) {
        await expectFits(page, `release-${c.locale}`);
        return;
      }

      // A breakdown, when the release offers one, and its CSV and workbook with the same cells.
      const tabs = page.getByTestId("breakdown-tabs");
      if ((await tabs.count()) > 0 && (await tabs.getByRole("link", { name: c.breakdown }).count()) > 0) {
        await tabs.getByRole("link", { name: c.breakdown }).click();
        await expect(tabs.getByRole("link", { name: c.breakdown })).toHaveAttribute("aria-current", "true");
      }
      const table = page.locator("[data-testid^='table-']").last();
      const rows = (await table.locator("tbody tr").allInnerTexts()).map((r) => clean(r.split("\t")[0]));
      const download = page.waitForEvent("download");
      await table.getByRole("link").first().click();
      const csv = readFileSync(await (await download).path(), "utf8");
      const lines = csv.trim().split("\r\n");
      expect(lines).toHaveLength(rows.length + 1);
      // No CSV cell is a count of 1–4: those are never published.
      for (const line of lines.slice(1))
        for (const cell of line.split(";").slice(1)) expect(["1", "2", "3", "4"]).not.toContain(cell);
      const xlsx = page.waitForEvent("download");
      await table.getByRole("link", { name: c.locale === "sv" ? "Ladda ner Excel" : "Last ned Excel" }).click();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(await (await xlsx).path()) as unknown as ArrayBuffer);
      expect(workbook.worksheets[0].rowCount).toBe(rows.length + 1);

      // How the figures are protected, where they stand and on its own page.
      await page.getByTestId("protection-note").getByRole("link", { name: c.protection }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(c.protection);
      await expectAccessible(page, testInfo, `protection-${c.locale}`, scanIn(c.locale));
      await screenshot(page, `protection-${c.locale}`);
    });
  }
}

test("'as partners see it' shows a coordinator the partner's release; an administrator publishes one now", async ({
  browser,
}, testInfo) => {
  const read = async (email: string, path: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openSignedIn(page, email, path);
    const seen = { cards: await cards(page), sentence: clean(await page.getByTestId("release-sentence").innerText()) };
    await context.close();
    return seen;
  };
  const [{ id: nav }] = await query<{ id: string }>(
    `select o.id from "Organisation" o join "Tenant" t on t.id = o."tenantId" where t.slug = 'verdal' and o.name = 'NAV Verdal'`,
  );
  const partner = await read("partner@verdal.demo", "/nb/t/verdal/dashboard");
  const asPartner = await read("koordinator@verdal.demo", `/nb/t/verdal/dashboard?view=shared&as=${nav}`);
  expect(asPartner).toEqual(partner);

  const context = await browser.newContext();
  const page = await context.newPage();
  await openSignedIn(page, "admin@verdal.demo", "/nb/t/verdal/dashboard?view=shared");
  const before = await releases("verdal");
  await page.getByRole("button", { name: "Publiser nå" }).click();
  await expect(page.getByText("Utgaven er publisert.")).toBeVisible();
  await expect.poll(async () => (await releases("verdal")).length).toBe(before.length + 1);
  const [latest] = await releases("verdal");
  await page.goto("/nb/t/verdal/dashboard?view=shared");
  await expect(page.getByTestId("release-as-of")).toContainText(
    `Tall per ${clean(formatDate("nb", latest.asOf, "long"))}`,
  );
  await expect(page.getByTestId("release-as-of")).toContainText("publisert manuelt");
  // The earlier releases stay readable.
  const earlier = page.getByLabel("Tidligere utgaver");
  await earlier.selectOption(before[before.length - 1].id);
  await page.locator("form", { has: earlier }).getByRole("button", { name: "Vis", exact: true }).click();
  await expect(page.getByTestId("release-as-of")).toContainText(
    clean(formatDate("nb", before[before.length - 1].asOf, "long")),
  );
  await expectAccessible(page, testInfo, "release-admin-nb");
  await screenshot(page, "release-admin-nb");
  await context.close();
});

test("the partnership page shows each member's release and their sum; an opt-out removes one", async ({
  page,
}, testInfo) => {
  await openSignedIn(page, "admin@are.demo", "/sv/p/inderoy-are");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inderøy–Åre (Interreg Sverige–Norge)");
  const table = page.getByTestId("table-members");
  const row = (name: string) => table.getByRole("row").filter({ hasText: name });
  await expect(row("Inderøy kommune (NO)")).toBeVisible();
  await expect(row("Åre kommun (SE)")).toBeVisible();
  const enrolled = async (name: string) =>
    Number(clean(await row(name).locator("td").nth(1).innerText()).replace(/\s/g, ""));
  const [inderoy] = await releases("inderoy");
  const [are] = await releases("are");
  const total = (r: Stored) => r.figures.scopes.find((s) => s.key === "all")!.total!.enrolled;
  expect(await enrolled("Inderøy kommune (NO)")).toBe(total(inderoy));
  expect(await enrolled("Åre kommun (SE)")).toBe(total(are));
  expect(await enrolled("Sammantaget")).toBe(total(inderoy) + total(are));
  await expectAccessible(page, testInfo, "partnership-sv");
  await screenshot(page, "partnership-inderoy-are-sv");

  await page.goto("/sv/t/are/settings");
  await page.getByRole("button", { name: "Sluta dela" }).click();
  await expect(page.getByText("Siffrorna delas inte längre.")).toBeVisible();
  await page.goto("/sv/p/inderoy-are");
  await expect(row("Åre kommun (SE)")).toHaveCount(0);
  await expect(page.getByText("Delar inte siffror för tillfället: Åre kommun.")).toBeVisible();
  await page.goto("/sv/t/are/settings");
  await page.getByRole("button", { name: "Dela våra siffror" }).click();
  await expect(page.getByText("Siffrorna delas nu med partnerskapet.")).toBeVisible();
  await page.goto("/sv/p/inderoy-are");
  await expect(row("Åre kommun (SE)")).toBeVisible();
});

test("a partner on a phone reads the Inderøy–Åre partnership in nb", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/nb/signin?callbackUrl=%2Fnb%2Fp%2Finderoy-are");
  await signIn(page, "partner@inderoy.demo");
  await expect(page).toHaveURL(/\/nb\/p\/inderoy-are$/);
  await expect(page.getByTestId("partnership-sentence")).toBeVisible();
  await expect(page.getByTestId("table-members").getByRole("row").filter({ hasText: "Samlet" })).toBeVisible();
  await expectAccessible(page, testInfo, "partnership-nb-360");
  await expectFits(page, "partnership-nb");
  await screenshot(page, "partnership-inderoy-are-nb-360");
});
