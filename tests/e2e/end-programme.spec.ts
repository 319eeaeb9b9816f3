import { expect, test } from "./fixtures";
import { expectAccessible, openSignedIn, screenshot, labels } from "./helpers.ts";
import { query } from "./database.ts";

// Ending a programme in one form: reason → status at exit prefilled (employer included) → open activities closed.
const L = labels("nb");

test("a coordinator ends a programme in one form, in nb", async ({ page }, testInfo) => {
  // An active demo participant in Inderøy whose work practice is ongoing.
  const [p] = await query<{ id: string; code: string; enrolmentId: string; orgId: string; orgName: string }>(
    `select p.id, p.code, e.id as "enrolmentId", o.id as "orgId", o.name as "orgName"
       from "Participant" p
       join "Tenant" t on t.id = p."tenantId" and t.slug = 'inderoy'
       join "Enrolment" e on e."tenantId" = p."tenantId" and e."participantId" = p.id and e."exitDate" is null
       join "Activity" a on a."tenantId" = p."tenantId" and a."participantId" = p.id
            and a.type = 'WORK_PRACTICE' and a.status = 'ONGOING'
       join "Organisation" o on o."tenantId" = p."tenantId" and o.id = a."organisationId"
      where p.status = 'ACTIVE'
      order by p.code desc limit 1`,
  );
  expect(p, "the demo has an active participant in work practice").toBeTruthy();
  const open = async () =>
    (
      await query<{ n: number }>(
        `select count(*)::int as n from "Activity" where "participantId" = $1 and status in ('PLANNED', 'ONGOING')`,
        [p.id],
      )
    )[0].n;
  const openBefore = await open();
  expect(openBefore).toBeGreaterThan(0);

  await openSignedIn(page, "koordinator@inderoy.demo", `/nb/t/inderoy/participants/${p.id}`);
  let clicks = 0;
  let fields = 0;
  await page.getByRole("button", { name: L("participants:enrolments.recordExit") }).click();
  clicks += 1;
  const form = page.getByRole("form", { name: L("participants:enrolments.recordExit") });

  // Bad input first: no reason. A translated message by the field, and nothing changes.
  await form.getByRole("button", { name: L("participants:endProgramme.submit") }).click();
  await expect(form.getByText(L("errors:validation.choose")).first()).toBeVisible();
  await expect(form.getByLabel(L("participants:fields.exitReason"), { exact: true })).toBeFocused();
  const [still] = await query<{ exitDate: Date | null }>(`select "exitDate" from "Enrolment" where id = $1`, [
    p.enrolmentId,
  ]);
  expect(still.exitDate).toBeNull();
  expect(await open()).toBe(openBefore);

  // The reason fills in the status at exit from the latest activity: the work practice, its employer, part time.
  await form
    .getByLabel(L("participants:fields.exitReason"), { exact: true })
    .selectOption({ label: L("enums:ExitReason.GOT_JOB") });
  fields += 1;
  await expect(form.getByLabel(L("participants:endProgramme.status"), { exact: true })).toHaveValue("TEMPORARY_JOB");
  await expect(form.getByLabel(L("participants:fields.workingTime"), { exact: true })).toHaveValue("PART_TIME");
  await expect(form.getByLabel(L("participants:fields.employer"), { exact: true })).toHaveValue(p.orgId);
  // Every open activity is offered, ticked.
  const boxes = form.getByRole("checkbox");
  await expect(boxes).toHaveCount(openBefore);
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await expectAccessible(page, testInfo, "end-programme-nb");
  await screenshot(page, "end-programme-nb");
  await page.setViewportSize({ width: 360, height: 740 });
  for (const control of await form.locator("select, input:not([type=checkbox]), button, label:has(input)").all()) {
    const box = (await control.boundingBox())!;
    expect(box.height, await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeGreaterThanOrEqual(36);
  }
  await form.getByLabel(L("participants:fields.exitReason"), { exact: true }).scrollIntoViewIfNeeded();
  await screenshot(page, "end-programme-nb-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  await form.getByRole("button", { name: L("participants:endProgramme.submit") }).click();
  clicks += 1;
  await expect(page.getByTestId("enrolment-item").first()).toContainText(L("enums:ExitReason.GOT_JOB"));
  await expect(page.getByTestId("outcome-item").filter({ hasText: L("enums:OutcomePoint.AT_EXIT") })).toContainText(
    L("enums:OutcomeStatus.TEMPORARY_JOB"),
  );
  await expect(page.getByTestId("outcome-item").filter({ hasText: L("enums:OutcomePoint.AT_EXIT") })).toContainText(
    p.orgName,
  );
  expect(await open()).toBe(0);
  // One form: two clicks and one field (the exit date defaults to today), where it took two forms and nine.
  testInfo.annotations.push({ type: "counts", description: `clicks=${clicks} fields=${fields}` });
  expect({ clicks, fields }).toEqual({ clicks: 2, fields: 1 });
});
