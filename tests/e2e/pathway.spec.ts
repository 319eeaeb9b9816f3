import { expect, test, type Page } from "./fixtures";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expectAccessible, openSignedIn, scanIn, screenshot, signIn, labels } from "./helpers.ts";

// Labels come from the same translation files the app uses, so one test runs in every language.

const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

type ActivityValues = { type: string; org?: string; start: string; hours?: string; note?: string };

/** Opens the add form, saves an activity, and sees the form close and the new activity confirm itself. */
async function addActivity(page: Page, L: ReturnType<typeof labels>, values: ActivityValues) {
  await page.getByRole("button", { name: L("participants:timeline.add") }).click();
  await fillActivity(page, L, values);
  await saved(page, L);
}

async function saved(page: Page, L: ReturnType<typeof labels>) {
  await expect(page.getByRole("form", { name: L("participants:timeline.addTitle") })).toBeHidden();
  const added = page.getByTestId("timeline-item").filter({ has: page.locator("[data-just-added]") });
  await expect(added.getByRole("status")).toHaveText(L("participants:timeline.added"));
  await expect(added.getByRole("heading")).toBeFocused();
}

async function fillActivity(page: Page, L: ReturnType<typeof labels>, values: ActivityValues) {
  const form = page.getByRole("form", { name: L("participants:timeline.addTitle") });
  await form
    .getByLabel(L("participants:fields.activityType"), { exact: true })
    .selectOption({ label: L(`enums:ActivityType.${values.type}`) });
  if (values.org)
    await form.getByLabel(L("participants:fields.organisation"), { exact: true }).selectOption({ label: values.org });
  await form.getByLabel(L("participants:fields.startDate"), { exact: true }).fill(values.start);
  if (values.hours) await form.getByLabel(L("participants:fields.hoursPerWeek"), { exact: true }).fill(values.hours);
  if (values.note) await form.getByLabel(L("participants:fields.note"), { exact: true }).fill(values.note);
  await form.getByRole("button", { name: L("participants:timeline.addSubmit") }).click();
}

const cases = [
  {
    locale: "nb",
    tenant: "inderoy",
    email: "koordinator@inderoy.demo",
    org: "Flyndra",
    practice: "Sakshaug Snekkeri AS",
    pilot: "Arbeidstrening i Flyndra",
    lang: "ti, nb",
  },
  {
    locale: "sv",
    tenant: "are",
    email: "koordinator@are.demo",
    org: "Komvux Åre",
    practice: "Duved Bygg AB",
    pilot: "Matchning och rekrytering",
    lang: "ar, sv",
  },
];

for (const c of cases) {
  test(`a coordinator logs a whole pathway in ${c.locale}`, async ({ page }, testInfo) => {
    const L = labels(c.locale);
    const base = `/${c.locale}/t/${c.tenant}`;
    await page.goto(`/${c.locale}/signin?callbackUrl=${encodeURIComponent(`${base}/participants`)}`);
    await signIn(page, c.email);
    await expect(page).toHaveURL(new RegExp(`${base}/participants$`));
    await expectAccessible(page, testInfo, `participants-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `participants-list-${c.locale}`);

    // Register, with consent to follow-up and statistics.
    await page.getByRole("link", { name: L("participants:list.register") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(L("participants:register.title"));
    await page.getByLabel(L("participants:consent.purposes.FOLLOW_UP"), { exact: false }).check();
    await page.getByLabel(L("participants:consent.purposes.STATISTICS"), { exact: false }).check();
    // A bad value first: a clear message next to the field, and nothing is created.
    await page.getByLabel(L("participants:fields.birthYear"), { exact: true }).fill("1850");
    await page.getByRole("button", { name: L("participants:register.submit") }).click();
    await expect(page.getByText(L("errors:validation.choose"))).toBeVisible();
    await expect(page.getByLabel(L("participants:fields.targetGroup"), { exact: true })).toBeFocused();
    await expectAccessible(page, testInfo, `register-errors-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `register-errors-${c.locale}`);
    await page
      .getByLabel(L("participants:fields.targetGroup"), { exact: true })
      .selectOption({ label: L("enums:TargetGroup.SETTLED_REFUGEE") });
    await page.getByLabel(L("participants:fields.birthYear"), { exact: true }).fill("1991");
    await page.getByLabel(L("participants:fields.nameOptional"), { exact: true }).fill(`E2E ${c.locale} Testperson`);
    // Languages are picked by name; any other is typed as its code (the same field name, so either works).
    await page.getByRole("textbox", { name: L("participants:register.otherLanguages") }).fill(c.lang);
    // The pilot is enrolled in below, a year back: not at registration (preselected when only one is active).
    const enrolIn = page.getByLabel(L("participants:register.enrolIn"), { exact: true });
    if (await enrolIn.count()) await enrolIn.selectOption("");
    await page.getByRole("button", { name: L("participants:register.submit") }).click();
    await expect(page.getByRole("status").filter({ hasText: /[A-Z]{3}-\d{4}/ })).toBeVisible();
    const code = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    expect(code).toMatch(/^[A-Z]{3}-\d{4}$/);

    // Three activities, added in place.
    await addActivity(page, L, {
      type: "INTAKE",
      org: c.org,
      start: isoDaysAgo(400),
      note: "Kartlegging / kartläggning",
    });
    await addActivity(page, L, { type: "LANGUAGE_TRAINING", org: c.org, start: isoDaysAgo(380), hours: "8" });
    // End before start: refused with a message next to the end date; the timeline keeps two items.
    await page.getByRole("button", { name: L("participants:timeline.add") }).click();
    const form = page.getByRole("form", { name: L("participants:timeline.addTitle") });
    await form
      .getByLabel(L("participants:fields.activityType"), { exact: true })
      .selectOption({ label: L("enums:ActivityType.WORK_PRACTICE") });
    await form.getByLabel(L("participants:fields.startDate"), { exact: true }).fill(isoDaysAgo(300));
    await form.getByLabel(L("participants:fields.endDate"), { exact: true }).fill(isoDaysAgo(310));
    await form.getByRole("button", { name: L("participants:timeline.addSubmit") }).click();
    await expect(form.getByText(L("errors:validation.endBeforeStart"))).toBeVisible();
    await expect(page.getByTestId("timeline-item")).toHaveCount(2);
    await form.getByLabel(L("participants:fields.endDate"), { exact: true }).fill("");
    await fillActivity(page, L, { type: "WORK_PRACTICE", org: c.practice, start: isoDaysAgo(300), hours: "22,5" });
    await saved(page, L);
    await expect(page.getByTestId("timeline-item")).toHaveCount(3);
    await expect(page.getByTestId("timeline-item").first()).toContainText(L("enums:ActivityType.WORK_PRACTICE"));

    // End the work practice in place.
    await page
      .getByRole("button", { name: `${L("participants:timeline.end")} ${L("enums:ActivityType.WORK_PRACTICE")}` })
      .click();
    const endForm = page.getByRole("form", { name: L("participants:timeline.endTitle") });
    await endForm.getByLabel(L("participants:fields.endDate"), { exact: true }).fill(isoDaysAgo(130));
    await endForm.getByRole("button", { name: L("participants:timeline.end") }).click();
    await expect(page.getByTestId("timeline-item").first()).toContainText(L("enums:ActivityStatus.COMPLETED"));
    // The card that was ended says so itself.
    await expect(page.getByTestId("timeline-item").first().getByRole("status")).toHaveText(
      L("participants:timeline.ended"),
    );

    // Enrol in a pilot a year ago; exit four months ago.
    await page.getByRole("button", { name: L("participants:enrolments.enrol") }).click();
    const enrol = page.getByRole("form", { name: L("participants:enrolments.enrol") });
    await enrol.getByLabel(L("participants:fields.pilot"), { exact: true }).selectOption({ label: c.pilot });
    await enrol.getByLabel(L("participants:fields.startDate"), { exact: true }).fill(isoDaysAgo(365));
    await enrol.getByRole("button", { name: L("participants:enrolments.enrol") }).click();
    await expect(page.getByTestId("enrolment-item")).toContainText(c.pilot);
    await page.getByRole("button", { name: L("participants:enrolments.recordExit") }).click();
    const exit = page.getByRole("form", { name: L("participants:enrolments.recordExit") });
    await exit.getByLabel(L("participants:fields.exitDate"), { exact: true }).fill(isoDaysAgo(125));
    await exit
      .getByLabel(L("participants:fields.exitReason"), { exact: true })
      .selectOption({ label: L("enums:ExitReason.GOT_JOB") });
    // The reason prefills the status at exit from the work practice (tests/e2e/end-programme.spec.ts checks how).
    await expect(exit.getByLabel(L("participants:endProgramme.status"), { exact: true })).toHaveValue("TEMPORARY_JOB");
    await exit.getByRole("button", { name: L("participants:endProgramme.submit") }).click();
    await expect(page.getByTestId("enrolment-item")).toContainText(L("enums:ExitReason.GOT_JOB"));
    // The status at exit was recorded with the exit; three months after is what is due now.
    await expect(page.getByTestId("followup-item").filter({ hasText: L("enums:OutcomePoint.AT_EXIT") })).toHaveCount(0);
    await expect(page.getByTestId("followup-item").filter({ hasText: L("enums:OutcomePoint.MONTHS_3") })).toBeVisible();

    // The follow-ups list shows what is due.
    await page.goto(`${base}/follow-ups`);
    await expect(page.getByRole("row").filter({ hasText: code })).toHaveCount(1);
    await expectAccessible(page, testInfo, `follow-ups-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `follow-ups-${c.locale}`);
    await page.getByRole("link", { name: code }).first().click();

    // Record the status at exit and three months later.
    for (const [point, status, when] of [
      ["AT_EXIT", "TEMPORARY_JOB", 125],
      ["MONTHS_3", "PERMANENT_JOB", 30],
    ] as const) {
      await page.getByRole("button", { name: L("participants:outcomes.record") }).click();
      const outcome = page.getByRole("form", { name: L("participants:outcomes.record") });
      await outcome
        .getByLabel(L("participants:fields.point"), { exact: true })
        .selectOption({ label: L(`enums:OutcomePoint.${point}`) });
      await outcome
        .getByLabel(L("participants:fields.outcomeStatus"), { exact: true })
        .selectOption({ label: L(`enums:OutcomeStatus.${status}`) });
      await outcome
        .getByLabel(L("participants:fields.workingTime"), { exact: true })
        .selectOption({ label: L("enums:WorkingTime.FULL_TIME") });
      await outcome.getByLabel(L("participants:fields.employer"), { exact: true }).selectOption({ label: c.practice });
      await outcome.getByLabel(L("participants:fields.observedAt"), { exact: true }).fill(isoDaysAgo(when));
      await outcome.getByRole("button", { name: L("participants:outcomes.save") }).click();
      await expect(
        page.getByTestId("outcome-item").filter({ hasText: L(`enums:OutcomePoint.${point}`) }),
      ).toContainText(L(`enums:OutcomeStatus.${status}`));
    }
    await expect(page.getByTestId("followup-item").filter({ hasText: L("enums:OutcomePoint.MONTHS_3") })).toHaveCount(
      0,
    );
    await expect(page.getByTestId("followup-item").filter({ hasText: L("enums:OutcomePoint.MONTHS_6") })).toBeVisible();
    // The timeline tells the whole story: enrolment, activities, exit, both outcomes, and what is still ahead.
    await expect(page.getByTestId("timeline-enrolment")).toContainText(c.pilot);
    await expect(page.getByTestId("timeline-exit")).toContainText(L("enums:ExitReason.GOT_JOB"));
    await expect(page.getByTestId("timeline-outcome")).toHaveCount(2);
    const ahead = page.getByTestId("timeline-followUp");
    await expect(ahead).toHaveCount(2);
    await expect(ahead.first()).toHaveAttribute("data-future", "true");
    await expect(page.getByTestId("timeline-today")).toBeVisible();
    await expectAccessible(page, testInfo, `participant-${c.locale}`, scanIn(c.locale));
    await screenshot(page, `participant-${c.locale}`);

    await page.goto(`${base}/follow-ups`);
    await expect(page.getByRole("row").filter({ hasText: code })).toHaveCount(0);

    // The list shows the current step and the latest outcome.
    await page.goto(`${base}/participants?q=${encodeURIComponent(code)}`);
    const row = page.getByRole("row").filter({ hasText: code });
    await expect(row).toContainText(L("enums:OutcomeStatus.PERMANENT_JOB"));
  });
}

test("the audit log shows who opened and changed a participant, for administrators only", async ({
  page,
}, testInfo) => {
  await openSignedIn(page, "admin@verdal.demo", "/nb/t/verdal/participants?q=VER-0007");
  await page.getByRole("link", { name: "VER-0007" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VER-0007");
  await page.getByRole("link", { name: "Logg" }).click();
  await page.getByLabel("Deltaker (kode)").fill("VER-0007");
  await page.getByRole("button", { name: "Vis" }).click();
  await expect(
    page.getByRole("row").filter({ hasText: "Åpnet deltaker" }).filter({ hasText: "Ingrid Aune" }).first(),
  ).toBeVisible();
  await expectAccessible(page, testInfo, "audit-nb");
  await screenshot(page, "audit-nb");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Last ned som CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  // In the page's language: ";" for a Norwegian Excel, Norwegian headers.
  expect(csv.split("\r\n")[0]).toBe("\uFEFFTidspunkt;Bruker;Handling;Objekttype;Objekt-ID;Deltakerkode");
  expect(csv).toMatch(/Ingrid Aune;participant\.viewed;Participant;[a-z0-9]+;VER-0007/);
  // The same log as an Excel workbook: Norwegian headers, the time as a date-time cell.
  const xlsxDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: "Last ned som Excel" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await (await xlsxDownload).path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    "Tidspunkt",
    "Bruker",
    "Handling",
    "Objekttype",
    "Objekt-ID",
    "Deltakerkode",
  ]);
  expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
  expect(sheet.getRow(2).getCell(6).value).toBe("VER-0007");
  // GDPR access: a readable copy of everything stored, for the administrator to hand over.
  await page.goto("/nb/t/verdal/participants?q=VER-0007");
  await page.getByRole("link", { name: "VER-0007" }).click();
  await page.getByRole("link", { name: "Lesbar kopi (for utskrift eller utlevering)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alt som er lagret om: VER-0007");
  await expect(page.getByRole("heading", { name: "Samtykke" })).toBeVisible();
  await expectAccessible(page, testInfo, "export-nb");
  await screenshot(page, "participant-export-nb");
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/nb$/);
  await page.goto("/nb/signin");
  await signIn(page, "koordinator@verdal.demo");
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  expect((await page.goto("/nb/t/verdal/audit"))?.status()).toBe(404);
});

test("a partner viewer gets 404 for a participant page even with its id", async ({ page }) => {
  await page.goto("/nb/signin");
  await signIn(page, "koordinator@verdal.demo");
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  await page.goto("/nb/t/verdal/participants?q=VER-0001");
  const href = await page.getByRole("link", { name: "VER-0001" }).getAttribute("href");
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/nb$/);
  await page.goto("/nb/signin");
  await signIn(page, "partner@verdal.demo");
  await expect(page).toHaveURL(/\/nb\/t\/verdal$/);
  for (const path of [href!, "/nb/t/verdal/participants/new", "/nb/t/verdal/follow-ups"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
