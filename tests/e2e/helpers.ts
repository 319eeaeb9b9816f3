import { expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";

export const DEMO_PASSWORD = "samspill-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel(/^(E-post|E-mail)$/).fill(email);
  await page.getByLabel(/^(Passord|Lösenord|Password)$/).fill(password);
  await page.getByRole("button", { name: /^(Logg inn|Logga in|Sign in)$/ }).click();
}

/**
 * Signs the page's browser context in without the form (next-auth's credentials endpoint, as an API client
 * would) and opens `path`: for specs whose subject is what comes after the sign-in. The form itself is
 * exercised by foundation, sessions, security and the no-JavaScript spec.
 */
export async function openSignedIn(page: Page, email: string, path: string, password = DEMO_PASSWORD) {
  const api = page.context().request;
  const csrf = await api.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await api.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
    maxRedirects: 0,
  });
  const cookies = await page.context().cookies();
  if (!cookies.some((c) => /session-token/.test(c.name)))
    throw new Error(`sign-in as ${email} failed: ${answer.status()}`);
  await page.goto(path);
}

/**
 * WCAG 2.1 AA scan: no serious or critical violations; and the page fits a phone, a tablet and a laptop.
 *
 * `{ scan: false }` for a page whose template the same spec scans in another language: the structure is the same
 * components, only the text differs, so that language checks what text can change — the page still fits
 * (reflow) and declares its language — without a second axe run (2–5 s each on this machine).
 * AXE_EVERY_LANGUAGE=1 scans them all.
 */
export async function expectAccessible(page: Page, testInfo: TestInfo, name: string, options: { scan?: boolean } = {}) {
  if (options.scan !== false || process.env.AXE_EVERY_LANGUAGE === "1") {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    await testInfo.attach(`axe-${name}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: "application/json",
    });
    expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  } else {
    await expect(page.locator("html")).toHaveAttribute("lang", /^(nb|sv|en)$/);
  }
  await expectFits(page, name);
}

/** The language whose pages a spec that runs in several scans with axe (the others: `{ scan: false }`). */
export const scanIn = (locale: string) => ({ scan: locale === "nb" });

export const WIDTHS = [360, 768, 1280] as const;

/**
 * No page wider than the screen (WCAG 1.4.10 Reflow): at 360, 768 and 1 280 px the document scrolls only
 * vertically; wide tables scroll inside their own card. Names the widest elements when it fails.
 */
export async function expectFits(page: Page, name: string) {
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  const problems: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: original.height });
    const overflow = await page.evaluate(() => {
      const inner = window.innerWidth;
      const scroll = document.documentElement.scrollWidth;
      if (scroll <= inner) return null;
      const culprits = [...document.querySelectorAll("body *")]
        .filter(
          (el) =>
            el.getBoundingClientRect().right > inner + 1 &&
            !el.closest("[data-scrolls]") &&
            getComputedStyle(el).position !== "fixed",
        )
        .slice(0, 3)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""}`,
        );
      return { scroll, culprits };
    });
    if (overflow)
      problems.push(`${width} px: the page is ${overflow.scroll} px wide (${overflow.culprits.join(", ")})`);
  }
  await page.setViewportSize(original);
  expect(problems, `${name} fits 360, 768 and 1 280 px`).toEqual([]);
}

/**
 * A full-page screenshot to look at, in test-results/screenshots/, when SCREENSHOTS=1 (`npm run screenshots`):
 * they cost 0.2–1.5 s each and `npm test` has a time budget.
 */
export async function screenshot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== "1") return;
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/**
 * A tag unique to this attempt of a test, for the names of what it creates: a retry then never meets the rows
 * its first attempt left behind (a duplicate name, an account that already exists).
 */
export function attemptTag(testInfo: TestInfo): string {
  return `${testInfo.retry}${Date.now().toString(36).slice(-6)}`;
}

/**
 * What can exist only once — a municipality onboards once — is taken from a list, one entry per attempt, so a
 * retry onboards the next municipality instead of being refused for the first attempt's.
 */
export function perAttempt<T>(testInfo: TestInfo, choices: readonly T[]): T {
  if (testInfo.retry >= choices.length)
    throw new Error(`no choice left for attempt ${testInfo.retry + 1}: give perAttempt more`);
  return choices[testInfo.retry];
}

type LabelTree = { [k: string]: string | LabelTree };
const labelTrees = new Map<string, LabelTree>();

/**
 * The app's own words, read from its translation files, so one test runs in every language and follows every
 * rewording: `L("participants:timeline.add")`, `L("participants:list.count_one", { count: 1 })` (namespace:path,
 * i18next's {{placeholders}} filled in).
 */
export function labels(locale: string) {
  return (key: string, vars: Record<string, string | number> = {}) => {
    const [ns, path] = key.split(":") as [string, string];
    const file = `locales/${locale}/${ns}.json`;
    if (!labelTrees.has(file)) labelTrees.set(file, JSON.parse(readFileSync(file, "utf8")) as LabelTree);
    const value = path
      .split(".")
      .reduce<string | LabelTree | undefined>(
        (node, part) => (node as LabelTree | undefined)?.[part],
        labelTrees.get(file),
      );
    if (typeof value !== "string") throw new Error(`no label ${key} in ${locale}`);
    return value.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(vars[name]));
  };
}
