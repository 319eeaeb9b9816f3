import { expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "samspill-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel(/^(E-post|E-mail)$/).fill(email);
  await page.getByLabel(/^(Passord|Lösenord|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Logg inn|Logga in|Sign in)$/ }).click();
}

/** WCAG 2.1 AA scan: no serious or critical violations. */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  await testInfo.attach(`axe-${name}`, { body: JSON.stringify(results.violations, null, 2), contentType: "application/json" });
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
