import { expect, test } from "./fixtures";

// Every page's browser asks for an icon: it is there, so no request 404s.
test("the site has an icon, at /favicon.ico and linked from every page", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const notFound: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404) notFound.push(r.url());
  });
  await page.goto("/nb");
  const href = await page.locator("link[rel=icon][type='image/svg+xml']").getAttribute("href");
  expect(href).toBeTruthy();
  expect((await request.get(href!)).status()).toBe(200);
  expect(notFound).toEqual([]);
});
