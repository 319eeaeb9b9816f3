import { expect, test } from "./fixtures";
import { expectAccessible, openSignedIn, scanIn, screenshot, labels } from "./helpers.ts";
import { query } from "./database.ts";

// The coordinator's first question — who has a follow-up due? — answered on the home page, one click from the
// outcome form at that point. Labels come from the app's own translation files.

const cases = [
  // The two run at the same time, each in its own municipality's demo, so one never records the outcome the other
  // is about to look for.
  { locale: "nb", tenant: "inderoy", email: "koordinator@inderoy.demo", item: 0 },
  // Åre's demo has its own follow-ups due (two overdue, one this month): the Swedish pass runs there.
  { locale: "sv", tenant: "are", email: "koordinator@are.demo", item: 0 },
];

for (const c of cases) {
  test(`home shows due follow-ups, overdue first, and opens the outcome form at the point (${c.locale})`, async ({
    page,
  }, testInfo) => {
    const L = labels(c.locale);
    const base = `/${c.locale}/t/${c.tenant}`;
    await openSignedIn(page, c.email, base);
    const section = page.getByTestId("home-followups");
    await expect(section.getByRole("heading", { name: L("home:tenant.followUpsTitle") })).toBeVisible();
    const items = section.getByTestId("home-followup");
    const count = await items.count();
    expect(count, "the demo has follow-ups due, one for each language's test").toBeGreaterThan(1);
    // Overdue first: once an item is due this month, no overdue one follows.
    const states = await items.evaluateAll((lis) => lis.map((li) => li.textContent ?? ""));
    const overdue = states.map((text) => text.includes(L("participants:followUps.states.overdue")));
    expect(overdue.indexOf(false) === -1 || !overdue.slice(overdue.indexOf(false)).includes(true)).toBe(true);
    await expectAccessible(page, testInfo, `home-followups-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `home-followups-${c.locale}`);
    await page.setViewportSize({ width: 360, height: 740 });
    // On a phone every link in the list is a comfortable target.
    for (const link of await section.getByRole("link").all()) {
      const box = (await link.boundingBox())!;
      expect(box.height, await link.innerText()).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, `home-followups-${c.locale}-phone`);
    await page.setViewportSize({ width: 1280, height: 720 });

    // One click: the participant's page with the outcome form open at that point, the status next to fill.
    const first = items.nth(c.item).getByRole("link");
    const href = (await first.getAttribute("href"))!;
    const point = new URL(href, "http://x").searchParams.get("record")!;
    await first.click();
    await expect(page).toHaveURL(/\/participants\/[^/?]+\?record=/);
    const code = (await page.getByRole("heading", { level: 1 }).innerText()).trim();
    const outcome = page.getByRole("form", { name: L("participants:outcomes.record") });
    await expect(outcome.getByLabel(L("participants:fields.point"), { exact: true })).toHaveValue(point);
    await expect(outcome.getByLabel(L("participants:fields.outcomeStatus"), { exact: true })).toBeFocused();
    await screenshot(page, `participant-followup-form-${c.locale}`);

    // On the participant's page the due follow-up is itself the way in.
    await page.goto(href.split("?")[0]);
    await expect(outcome).toHaveCount(0);
    const pointLabel = L(`enums:OutcomePoint.${point}`);
    await page
      .getByTestId("followup-item")
      .getByRole("link", { name: L("participants:followUps.recordPoint", { point: pointLabel }) })
      .first()
      .click();
    await expect(outcome.getByLabel(L("participants:fields.point"), { exact: true })).toHaveValue(point);
    await outcome
      .getByLabel(L("participants:fields.outcomeStatus"), { exact: true })
      .selectOption({ label: L("enums:OutcomeStatus.UNKNOWN") });
    await outcome.getByRole("button", { name: L("participants:outcomes.save") }).click();
    await expect(page.getByTestId("outcome-item").filter({ hasText: pointLabel }).first()).toContainText(
      L("enums:OutcomeStatus.UNKNOWN"),
    );

    // Back home, that follow-up is done.
    await page.goto(base);
    await expect(
      page.getByTestId("home-followup").filter({ hasText: code }).filter({ hasText: pointLabel }),
    ).toHaveCount(0);
    // The demo stays alive for the other specs (pages.spec.ts expects Inderøy to have overdue follow-ups): the
    // outcome this test recorded goes again.
    const removed = await query(
      `delete from "Outcome" o using "Participant" p, "Tenant" t
        where o."participantId" = p.id and p."tenantId" = t.id and t.slug = $1 and p.code = $2
          and o.point::text = $3 and o.status = 'UNKNOWN' returning o.id`,
      [c.tenant, code, point],
    );
    expect(removed).toHaveLength(1);
  });
}

test("the form opens at the point before JavaScript loads", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await openSignedIn(page, "admin@inderoy.demo", "/nb/t/inderoy");
  const link = page.getByTestId("home-followup").first().getByRole("link");
  const href = (await link.getAttribute("href"))!;
  await page.goto(href);
  const point = new URL(href, "http://x").searchParams.get("record")!;
  const L = labels("nb");
  const outcome = page.getByRole("form", { name: L("participants:outcomes.record") });
  await expect(outcome.getByLabel(L("participants:fields.point"), { exact: true })).toHaveValue(point);
  await context.close();
});

test("a partner's home has no follow-ups", async ({ page }) => {
  await openSignedIn(page, "partner@inderoy.demo", "/nb/t/inderoy");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("home-followups")).toHaveCount(0);
});

test("with nothing due, the home page says so", async ({ page }) => {
  // Verdal's programme ended years ago and every follow-up is recorded.
  await openSignedIn(page, "koordinator@verdal.demo", "/sv/t/verdal");
  await expect(page.getByTestId("home-followups")).toContainText(labels("sv")("home:tenant.followUpsNone"));
});
