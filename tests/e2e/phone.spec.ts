import { expect, test, type Page } from "./fixtures";
import { expectAccessible, scanIn, screenshot, signIn } from "./helpers.ts";

// The coordinator's pages on a 360 px phone: every visible control a 44 × 44 px target, every field's text at
// least 16 px (iOS zooms into smaller), nothing wider than the screen, and no axe violation.

type Problem = { what: string; width: number; height: number; fontSize?: number };

/** Every visible control on the page that is smaller than 44 × 44 px, or a field with text under 16 px. */
function smallControls(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const problems: Problem[] = [];
    const describe = (el: Element) => {
      const text = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      const name = el.getAttribute("name");
      return `${el.tagName.toLowerCase()}${name ? `[name=${name}]` : ""} "${text}"`;
    };
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !el.closest("[aria-hidden=true]");
    };
    const selector =
      "button, select, textarea, summary, [role=button], input:not([type=hidden]), a:not(p a, li > span a, dd a, td a)";
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el)) continue;
      // A link inside running text is exempt (WCAG 2.5.5); one that stands alone as a control is not.
      if (el.tagName === "A" && getComputedStyle(el).display === "inline") continue;
      // Visually hidden until focused ("skip to content"): measured when it shows.
      if (el.matches(".sr-only, .sr-only *")) continue;
      const input = el as HTMLInputElement;
      const isCheck = el.tagName === "INPUT" && (input.type === "checkbox" || input.type === "radio");
      // A checkbox's target is its label.
      const target = isCheck ? (el.closest("label") ?? (input.labels?.[0] as Element | undefined) ?? el) : el;
      const box = target.getBoundingClientRect();
      const fontSize = parseFloat(getComputedStyle(el).fontSize);
      const isField = ["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName) && !isCheck;
      if (box.height < 43.5 || box.width < 43.5 || (isField && fontSize < 16)) {
        problems.push({
          what: describe(el),
          width: Math.round(box.width),
          height: Math.round(box.height),
          ...(isField ? { fontSize } : {}),
        });
      }
    }
    return problems;
  });
}

const people = [
  { locale: "nb", tenant: "inderoy", email: "koordinator@inderoy.demo" },
  { locale: "sv", tenant: "are", email: "koordinator@are.demo" },
] as const;
const pages = ["", "/participants", "/participants/new", "/follow-ups", "/pilots", "/organisations", "/dashboard"];

for (const who of people) {
  test(`every coordinator page fits a 360 px phone with 44 px targets and 16 px fields (${who.locale})`, async ({
    page,
  }, testInfo) => {
    test.slow();
    await page.setViewportSize({ width: 360, height: 780 });
    const base = `/${who.locale}/t/${who.tenant}`;
    await page.goto(`/${who.locale}/signin?callbackUrl=${encodeURIComponent(base)}`);
    await signIn(page, who.email);
    await expect(page).toHaveURL(new RegExp(`${base}$`));
    // A participant with a story: the first one with a follow-up due, as the coordinator opens it.
    await page.goto(`${base}/follow-ups`);
    const first = page.locator("main a[href*='/participants/']:visible").first();
    const participant = new URL((await first.getAttribute("href"))!, page.url()).pathname.slice(base.length);
    const pilot = await (async () => {
      await page.goto(`${base}/pilots`);
      const link = page.locator("main a[href*='/pilots/']:not([href$='/new']):visible").first();
      return new URL((await link.getAttribute("href"))!, page.url()).pathname.slice(base.length);
    })();
    const found: Record<string, Problem[]> = {};
    for (const path of [...pages, participant, pilot]) {
      await page.goto(base + path);
      await expect(page.locator("main")).toBeVisible();
      const problems = await smallControls(page);
      if (problems.length) found[path || "/"] = problems;
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect.soft(width, `${path || "/"} is wider than the phone`).toBeLessThanOrEqual(360);
      await expectAccessible(page, testInfo, `phone${path.replace(/\W+/g, "-")}-${who.locale}`, scanIn(who.locale));
      await screenshot(page, `phone${path.replace(/\W+/g, "-") || "-home"}-${who.locale}`);
    }
    expect(found).toEqual({});
  });
}
