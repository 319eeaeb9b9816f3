import { test as base, expect, type BrowserContext, type ConsoleMessage } from "@playwright/test";

export { expect };
export type { Browser, Locator, Page, TestInfo } from "@playwright/test";

/**
 * What the browser may print as an error without it being a bug: Chromium logs every 4xx answer to a resource
 * ("Failed to load resource: … status of 404"), and the app answers 400/403/404/429 on purpose (the specs that
 * probe refusals and not-found pages rely on it). A 5xx, a hydration mismatch, a React error or an uncaught
 * exception is never on this list.
 */
const EXPECTED = [/Failed to load resource: the server responded with a status of 4\d\d/];

type Collected = { where: string; text: string };

function watch(context: BrowserContext, errors: Collected[]) {
  context.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (EXPECTED.some((pattern) => pattern.test(text))) return;
    errors.push({ where: message.page()?.url() ?? "?", text });
  });
  context.on("weberror", (error) => {
    errors.push({ where: error.page()?.url() ?? "?", text: `uncaught: ${error.error().message}` });
  });
}

/**
 * The suite's `test`: as Playwright's, and every test fails when a page it opened logged an error to the browser
 * console or threw (a hydration mismatch, a React warning raised as an error, a 500 behind a fetch). Pages from
 * contexts the test opens itself (`browser.newContext()`) are watched too. A spec that provokes an error on
 * purpose says so with `test.use({ consoleErrors: "allowed" })`.
 */
export const test = base.extend<{ consoleErrors: "checked" | "allowed"; watchConsole: void }>({
  consoleErrors: ["checked", { option: true }],
  watchConsole: [
    async ({ context, browser, consoleErrors }, use, testInfo) => {
      const errors: Collected[] = [];
      watch(context, errors);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const opened = await newContext(...args);
        watch(opened, errors);
        return opened;
      };
      try {
        await use();
      } finally {
        browser.newContext = newContext;
      }
      if (consoleErrors === "allowed" || testInfo.status !== testInfo.expectedStatus) return;
      expect(
        errors.map((e) => `${e.where}: ${e.text.slice(0, 400)}`),
        "errors in the browser console",
      ).toEqual([]);
    },
    { auto: true },
  ],
});
