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

/** The route that throws as a bug would (lib/http/error-probe.ts): its 500 and React's report are the point. */
const PROBE = /\/error-probe(\?|$)/;

type Collected = { where: string; text: string };

/**
 * Only the app's own pages count: the local identity provider's login page (another origin) is a stand-in
 * whose page asks for resources of its own that this machine cannot resolve.
 */
function watch(context: BrowserContext, errors: Collected[], origin: string) {
  const ours = (url: string | undefined) => !!url && url.startsWith(origin) && !PROBE.test(new URL(url).pathname);
  context.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const where = message.page()?.url();
    const text = message.text();
    if (!ours(where) || EXPECTED.some((pattern) => pattern.test(text))) return;
    errors.push({ where: where!, text });
  });
  context.on("weberror", (error) => {
    const where = error.page()?.url();
    if (ours(where)) errors.push({ where: where!, text: `uncaught: ${error.error().message}` });
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
    async ({ context, browser, consoleErrors, baseURL }, provide, testInfo) => {
      const errors: Collected[] = [];
      const origin = new URL(baseURL ?? "http://localhost").origin;
      watch(context, errors, origin);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args: Parameters<typeof browser.newContext>) => {
        const opened = await newContext(...args);
        watch(opened, errors, origin);
        return opened;
      };
      try {
        await provide();
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
