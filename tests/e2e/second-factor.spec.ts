/**
 * Two-step verification for password accounts: a municipality requires it of its administrators; the
 * administrator is sent to set it up — through a link mailed to their own address (read from the e2e server's
 * mail server), not with the password alone — enrols with an authenticator (the test computes the codes as the
 * app would, with otpauth), and from then on a password alone does not sign in. Wrong and reused codes are
 * refused; a recovery code works once.
 */
import { expect, test, type Browser, type Locator } from "./fixtures";
import * as OTPAuth from "otpauth";
import { expectAccessible, perAttempt, screenshot, signIn } from "./helpers.ts";
import { linkInMailTo } from "./database.ts";

const MUNICIPALITIES = [
  { option: "Lierne (5042, Trøndelag)", slug: "lierne", name: "Lierne kommune" },
  { option: "Høylandet (5046, Trøndelag)", slug: "hoylandet", name: "Høylandet kommune" },
  { option: "Namsskogan (5044, Trøndelag)", slug: "namsskogan", name: "Namsskogan kommune" },
];
const PASSWORD = "fjellet over lierne";

const codeAt = (secret: string, timestamp: number) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp,
  });

/** The code page's one field, and its button. */
async function enterCode(form: Locator, code: string) {
  await form.getByLabel("Kode fra appen, eller en reservekode").fill(code);
  await form.getByRole("button", { name: "Logg inn" }).click();
}

/** Password first, then the code page. */
async function passwordStep(browser: Browser, email: string) {
  const page = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await page.goto("/nb/signin");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/nb\/signin\/verify$/);
  return page;
}

test("a municipality requires two-step verification of its administrators; codes work once, a recovery code once", async ({
  page,
  browser,
}, testInfo) => {
  const m = perAttempt(testInfo, MUNICIPALITIES);
  const email = `admin@${m.slug}.test`;
  await page.goto("/nb/onboarding");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Navnet ditt").fill("Liv Lierne");
  await page.getByLabel("E-post på jobb").fill(email);
  await page.getByLabel("Passord").fill(PASSWORD);
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));

  // The requirement: this very session (a password, no second factor) no longer opens the workspace.
  await page.goto(`/nb/t/${m.slug}/settings/sign-in`);
  const requirement = page.getByRole("form", { name: "Totrinnsbekreftelse for administratorer" });
  await requirement.getByLabel("Krev totrinnsbekreftelse for administratorer").check();
  await requirement.getByRole("button", { name: "Lagre" }).click();
  // Saved, and at once sent to set it up: the page it was saved from no longer opens for this session.
  await expect(page).toHaveURL(/\/nb\/account\?secondFactor=required$/);
  await page.goto(`/nb/t/${m.slug}/participants`);
  await expect(page).toHaveURL(/\/nb\/account\?secondFactor=required$/);
  await expect(page.getByTestId("totp-required")).toContainText(
    `${m.name} krever totrinnsbekreftelse for administratorer`,
  );

  // Whoever has only the password cannot set it up here: the account page offers a link to the account's address.
  await expect(page.getByRole("button", { name: "Slå på totrinnsbekreftelse" })).toHaveCount(0);
  await page.getByRole("button", { name: "Send meg lenken" }).click();
  await expect(page.getByText("Lenken er sendt til e-postadressen din", { exact: false })).toBeVisible();
  await expect.poll(() => linkInMailTo(email, "/account/second-factor")).toMatch(/token=/);
  const link = new URL(linkInMailTo(email, "/account/second-factor")!);
  await page.goto(`${link.pathname}${link.search}`);
  // The link and the password: then the QR code.
  const passwordForm = page.getByRole("form", { name: "Bekreft passordet ditt" });
  await passwordForm.getByLabel("Nåværende passord").fill("not the password");
  await passwordForm.getByRole("button", { name: "Fortsett" }).click();
  await expect(passwordForm.getByText("Passordet stemmer ikke.", { exact: false })).toBeVisible();
  await passwordForm.getByLabel("Nåværende passord").fill(PASSWORD);
  await passwordForm.getByRole("button", { name: "Fortsett" }).click();

  // Enrol: a QR code and the key; a wrong code is refused, the right one turns it on and shows recovery codes.
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR-kode for autentiseringsappen" })).toBeVisible();
  const confirm = page.getByRole("form", { name: "Bekreft og slå på" });
  const wrong = codeAt(secret, Date.now() - 10 * 60_000);
  await confirm.getByLabel("Kode fra appen").fill(wrong);
  await confirm.getByRole("button", { name: "Bekreft og slå på" }).click();
  await expect(confirm.getByText("Koden stemmer ikke, eller den er allerede brukt.", { exact: false })).toBeVisible();
  await expectAccessible(page, testInfo, "account-totp-enrol-nb");
  await screenshot(page, "account-totp-enrol-nb");
  const enrolledWith = codeAt(secret, Date.now());
  await confirm.getByLabel("Kode fra appen").fill(enrolledWith);
  await confirm.getByRole("button", { name: "Bekreft og slå på" }).click();
  const codes = page.getByTestId("recovery-codes").getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await screenshot(page, "account-totp-recovery-nb");
  // The link is used up.
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByTestId("setup-invalid")).toBeVisible();
  // This session showed a code: the workspace opens again.
  await page.goto(`/nb/t/${m.slug}/participants`);
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}/participants$`));

  // A password alone no longer signs in; the code used to enrol is not good again.
  const laptop = await passwordStep(browser, email);
  await expectAccessible(laptop, testInfo, "signin-verify-nb");
  const verify = laptop.getByRole("form", { name: "Bekreft innloggingen" });
  await enterCode(verify, enrolledWith);
  await expect(verify.getByText("Koden stemmer ikke, eller den er allerede brukt.", { exact: false })).toBeVisible();
  // The app's next code (one step ahead is accepted) signs in and goes on.
  const next = codeAt(secret, Date.now() + 30_000);
  await enterCode(verify, next);
  await expect(laptop).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await laptop.context().close();

  // The same code in another browser: refused (each step once).
  const phone = await passwordStep(browser, email);
  const phoneVerify = phone.getByRole("form", { name: "Bekreft innloggingen" });
  await enterCode(phoneVerify, next);
  await expect(
    phoneVerify.getByText("Koden stemmer ikke, eller den er allerede brukt.", { exact: false }),
  ).toBeVisible();
  // A recovery code instead: in.
  await enterCode(phoneVerify, recovery);
  await expect(phone).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await phone.goto("/nb/account");
  await expect(phone.getByTestId("totp-on")).toContainText("9 reservekoder igjen");
  await phone.context().close();

  // The recovery code is spent.
  const tablet = await passwordStep(browser, email);
  const tabletVerify = tablet.getByRole("form", { name: "Bekreft innloggingen" });
  await enterCode(tabletVerify, recovery);
  await expect(
    tabletVerify.getByText("Koden stemmer ikke, eller den er allerede brukt.", { exact: false }),
  ).toBeVisible();
  await expect(tablet).toHaveURL(/\/nb\/signin\/verify$/);
  await tablet.context().close();
});
