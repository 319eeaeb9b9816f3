/**
 * A municipality switches its staff to its own identity provider in the browser: the administrator connects
 * it, proves the municipality's e-mail domain with a DNS record, tests it, turns it on, connects it to their own
 * account (signed in with their password) and requires it; an invited colleague signs in on the provider's own
 * login page and lands in the workspace with the invited role; people the municipality has not let in are
 * refused — and so is the takeover of issue 25: the municipality's provider claiming another municipality's
 * coordinator or the platform operator gets no session, no membership and no link, and the refusal is in the
 * audit log. The administrator's password no longer opens the workspace. The provider is a real OpenID provider
 * on localhost (tests/support/oidc-provider.ts), the DNS server a real one (tests/support/dns-server.ts).
 */
import { expect, test, type Browser, type Page } from "./fixtures";
import { expectAccessible, perAttempt, screenshot, signIn } from "./helpers.ts";
import { e2eIdentityProvider, publishTxt, query } from "./database.ts";

const MUNICIPALITIES = [
  { option: "Namsos (5007, Trøndelag)", slug: "namsos", name: "Namsos kommune" },
  { option: "Grong (5045, Trøndelag)", slug: "grong", name: "Grong kommune" },
  { option: "Overhalla (5047, Trøndelag)", slug: "overhalla", name: "Overhalla kommune" },
];
const PASSWORD = "namsen renner mot havet";

/** Through the provider's own pages: its login form (any password), then its consent page. */
async function signInAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${e2eIdentityProvider().issuer}/`));
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("passordet hos kommunen");
  await page.locator("button[type=submit]").click();
  // The consent page, the first time an account meets the client.
  const consent = page.locator("button[type=submit]", { hasText: /continue/i });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

const SECTION = {
  nb: {
    form: "Logg inn med kommunen din",
    municipality: "Kommune",
    workEmail: "… eller jobb-e-post",
    submit: "Fortsett til kommunens innlogging",
  },
  en: {
    form: "Sign in with your municipality",
    municipality: "Municipality",
    workEmail: "… or work e-mail",
    submit: "Continue to the municipality's sign-in",
  },
};

async function startAtMunicipality(
  browser: Browser,
  how: { municipality?: string; workEmail?: string },
  locale: keyof typeof SECTION = "nb",
) {
  const page = await (await browser.newContext({ locale: locale === "nb" ? "nb-NO" : "en-GB" })).newPage();
  const labels = SECTION[locale];
  await page.goto(`/${locale}/signin`);
  const section = page.getByRole("form", { name: labels.form });
  if (how.municipality) await section.getByLabel(labels.municipality).selectOption({ label: how.municipality });
  if (how.workEmail) await section.getByLabel(labels.workEmail).fill(how.workEmail);
  await section.getByRole("button", { name: labels.submit }).click();
  return page;
}

test("an administrator switches the municipality to its identity provider; a colleague signs in through it; others are refused", async ({
  page,
  browser,
}, testInfo) => {
  // The whole switch, the takeover attempts and the refusals in one story: about two minutes on an idle machine.
  test.setTimeout(420_000);
  const m = perAttempt(testInfo, MUNICIPALITIES);
  const domain = `${m.slug}.kommune.test`;
  const idp = e2eIdentityProvider();
  await page.goto("/nb/onboarding");
  await page.getByLabel("Kommune", { exact: true }).selectOption({ label: m.option });
  await page.getByLabel("Navnet ditt").fill("Nils Namdal");
  await page.getByLabel("E-post på jobb").fill(`admin@${domain}`);
  await page.getByLabel("Passord").fill(PASSWORD);
  await page.getByRole("button", { name: "Opprett arbeidsrommet" }).click();
  await expect(page).toHaveURL(new RegExp(`/nb/t/${m.slug}\\?welcome=1$`));

  // Settings → sign-in: connect, with mistakes first.
  await page.goto(`/nb/t/${m.slug}/settings`);
  await page.getByRole("link", { name: "Innlogging med kommunens pålogging" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Innlogging med kommunens pålogging");
  await expect(page.getByLabel("Omdirigerings-URI (redirect URI)")).toHaveValue(/\/api\/oidc\/callback$/);
  const form = page.getByRole("form", { name: "Tilkobling og tilgang" });
  await form.getByLabel("Type tjeneste").selectOption("GENERIC");
  await form.getByLabel("Utsteder (issuer-URL)").fill("http://login.example.com");
  await form.getByLabel("Klient-ID").fill(idp.clientId);
  await form.getByRole("button", { name: "Lagre tilkoblingen" }).click();
  await expect(form.getByText("Bruk en https://-adresse uten spørring", { exact: false })).toBeVisible();
  await form.getByLabel("Utsteder (issuer-URL)").fill(idp.issuer);
  await form.getByLabel("Tilgang uten invitasjon").selectOption("COORDINATOR");
  await form.getByRole("button", { name: "Lagre tilkoblingen" }).click();
  await expect(form.getByText("Fyll ut dette feltet.")).toBeVisible(); // the secret, on the first save
  await form.getByLabel("Klienthemmelighet").fill(idp.clientSecret);
  await form.getByRole("button", { name: "Lagre tilkoblingen" }).click();
  await expect(form.getByText("Lagret. Test tilkoblingen før du slår den på.")).toBeVisible();
  // The secret is stored encrypted, never as typed.
  const [stored] = await query<{ clientSecretEnc: string }>(
    `select p."clientSecretEnc" from "IdentityProvider" p join "Tenant" t on t.id = p."tenantId" where t.slug = $1`,
    [m.slug],
  );
  expect(stored.clientSecretEnc).toMatch(/^v1\./);
  expect(stored.clientSecretEnc).not.toContain(idp.clientSecret);

  // The municipality's e-mail domain: claimed, then proven with a DNS record. A public mail domain, and the
  // platform's own (which the municipality cannot prove), never become the municipality's.
  const domains = page.getByRole("form", { name: "Legg til domene" });
  await domains.getByLabel("E-postdomene").fill("gmail.com");
  await domains.getByRole("button", { name: "Legg til domene" }).click();
  await expect(domains.getByText("Hvem som helst kan ha en adresse på dette domenet", { exact: false })).toBeVisible();
  for (const name of ["samspill.demo", domain]) {
    await domains.getByLabel("E-postdomene").fill(name);
    await domains.getByRole("button", { name: "Legg til domene" }).click();
    await expect(page.getByTestId("domain-name").filter({ hasText: new RegExp(`^${name}$`) })).toBeVisible();
  }
  const claims = page.getByTestId("domain-claims").getByRole("listitem");
  const ours = claims.filter({ has: page.getByTestId("domain-name").filter({ hasText: new RegExp(`^${domain}$`) }) });
  await ours.getByRole("button", { name: "Sjekk DNS-posten" }).click();
  await expect(page.getByText("TXT-posten ble ikke funnet (ennå)", { exact: false })).toBeVisible();
  publishTxt(await ours.getByTestId("record-name").innerText(), [await ours.getByTestId("record-value").innerText()]);
  await ours.getByRole("button", { name: "Sjekk DNS-posten" }).click();
  await expect(ours.getByText("Bevist", { exact: true })).toBeVisible();
  const platform = claims.filter({ has: page.getByTestId("domain-name").filter({ hasText: /^samspill\.demo$/ }) });
  await platform.getByRole("button", { name: "Sjekk DNS-posten" }).click();
  await expect(platform.getByText("Ikke bevist ennå")).toBeVisible();

  // Not before it is tested; then tested, on, and required for staff.
  const switches = page.getByRole("form", { name: "Test og slå på" });
  await switches.getByLabel("Slå på innlogging med kommunens pålogging").check();
  await switches.getByRole("button", { name: "Lagre valgene" }).click();
  await expect(switches.getByText("Test tilkoblingen før du slår den på.")).toBeVisible();
  await page.getByRole("form", { name: "Test tilkoblingen" }).getByRole("button").click();
  await expect(page.getByText("Tilkoblingen virker", { exact: false })).toBeVisible();
  await switches.getByLabel("Slå på innlogging med kommunens pålogging").check();
  await switches.getByRole("button", { name: "Lagre valgene" }).click();
  await expect(switches.getByText("Innlogging med kommunens pålogging er på.")).toBeVisible();
  await expect(page.getByText("På", { exact: true })).toBeVisible();
  // Requiring it takes an administrator who has signed in through it: a password session cannot.
  await switches.getByLabel(/^Krev den for ansatte/).check();
  await switches.getByRole("button", { name: "Lagre valgene" }).click();
  await expect(
    switches.getByText("Logg inn med kommunens pålogging selv før du krever den", { exact: false }),
  ).toBeVisible();
  await expectAccessible(page, testInfo, "oidc-settings-nb");
  await screenshot(page, "oidc-settings-nb");

  // The takeover of issue 25: the municipality's provider vouches for another municipality's coordinator and
  // for the platform operator. Neither gets in: no session, no membership, no link; the refusals are audited.
  for (const [victim, reason, heading] of [
    ["koordinator@verdal.demo", "accountExists", "Du har allerede en konto"],
    ["drift@samspill.demo", "operator", "Ikke gjennom en kommune"],
  ] as const) {
    const attacker = await startAtMunicipality(browser, { municipality: m.name });
    await signInAtProvider(attacker, victim);
    await expect(attacker).toHaveURL(new RegExp(`/nb/signin/refused\\?reason=${reason}`));
    await expect(attacker.getByRole("heading", { level: 1 })).toHaveText(heading);
    expect((await attacker.context().cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");
    // Nothing was attached to the account.
    expect((await attacker.goto("/nb/account"))?.url()).toMatch(/\/nb\/signin/);
    if (reason === "accountExists") await screenshot(attacker, "oidc-refused-account-exists-nb");
    await attacker.context().close();
    const attached = await query(
      `select 1 from "User" u where u.email = $1 and (
         exists (select 1 from "Membership" m join "Tenant" t on t.id = m."tenantId" where m."userId" = u.id and t.slug = $2)
         or exists (select 1 from "SignInIdentity" s where s."userId" = u.id)
         or exists (select 1 from "Session" s where s."userId" = u.id and s.via like 'oidc:%'))`,
      [victim, m.slug],
    );
    expect(attached, victim).toEqual([]);
  }
  const refusals = await query<{ details: { reason: string; claimedEmail?: string } }>(
    `select a.details from "AuditEvent" a join "Tenant" t on t.id = a."tenantId"
     where t.slug = $1 and a.action = 'auth.oidcRefused'`,
    [m.slug],
  );
  expect(refusals.map((r) => r.details)).toEqual(
    expect.arrayContaining([
      { reason: "accountExists", claimedEmail: "koordinator@verdal.demo" },
      { reason: "operator", claimedEmail: "drift@samspill.demo" },
    ]),
  );

  // A colleague is invited as coordinator.
  await page.goto(`/nb/t/${m.slug}/members`);
  await page.getByLabel("E-post", { exact: true }).fill(`kari.koordinator@${domain}`);
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  const invitation = new URL(await page.getByTestId("invitation-link").inputValue());

  // She opens the invitation in Swedish, accepts it with the municipality's sign-in (the provider's own login
  // page): a new account, which this provider then owns, in the workspace as coordinator.
  const kari = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  await kari.goto(`/sv/invitation${invitation.search}`);
  await expect(kari.getByText(`${m.name} använder sin egen inloggning`)).toBeVisible();
  await expectAccessible(kari, testInfo, "invitation-oidc-sv");
  await screenshot(kari, "invitation-oidc-sv");
  await kari.getByRole("button", { name: "Tacka ja med kommunens inloggning" }).click();
  await signInAtProvider(kari, `kari.koordinator@${domain}`);
  await expect(kari).toHaveURL(new RegExp(`/sv/t/${m.slug}$`));
  const [membership] = await query<{ role: string }>(
    `select m.role from "Membership" m join "User" u on u.id = m."userId" join "Tenant" t on t.id = m."tenantId" where t.slug = $1 and u.email = $2`,
    [m.slug, `kari.koordinator@${domain}`],
  );
  expect(membership.role).toBe("COORDINATOR");
  expect(
    (
      await query(
        `select i."acceptedAt" from "Invitation" i join "Tenant" t on t.id = i."tenantId" where t.slug = $1`,
        [m.slug],
      )
    )[0],
  ).toMatchObject({ acceptedAt: expect.any(Date) });
  await kari.goto(`/sv/t/${m.slug}/participants/new`);
  await expect(kari.getByRole("heading", { level: 1 })).toBeVisible();
  // Her session opens this municipality only: another tenant's page is "not found".
  expect((await kari.goto("/sv/t/verdal"))?.status()).toBe(404);
  await kari.context().close();

  // A new person of the proven domain gets a new account by the domain rule (coordinator).
  const per = await startAtMunicipality(browser, { workEmail: `per.ny@${domain}` });
  await signInAtProvider(per, `per.ny@${domain}`);
  await expect(per).toHaveURL(new RegExp(`/nb/t/${m.slug}$`));
  await per.context().close();

  // Outside the proven domain, not invited: a clear refusal, nothing created.
  const ola = await startAtMunicipality(browser, { municipality: m.name });
  await signInAtProvider(ola, `ola.uinvitert@${m.slug}.uprovd.test`);
  await expect(ola).toHaveURL(/\/nb\/signin\/refused\?reason=noAccess/);
  await expect(ola.getByRole("heading", { level: 1 })).toHaveText("Kommunen din har ikke gitt deg tilgang");
  await expectAccessible(ola, testInfo, "oidc-refused-nb");
  await screenshot(ola, "oidc-refused-nb");
  expect(await query(`select 1 from "User" where email = $1`, [`ola.uinvitert@${m.slug}.uprovd.test`])).toEqual([]);
  await ola.context().close();
  // (An unverified e-mail, a forged or expired token, a wrong state: tests/integration/oidc.test.ts.)

  // The administrator has a password account: the provider alone does not open it ...
  const stranger = await startAtMunicipality(browser, { workEmail: `admin@${domain}` }, "en");
  await signInAtProvider(stranger, `admin@${domain}`);
  await expect(stranger).toHaveURL(/\/en\/signin\/refused\?reason=accountExists/);
  await stranger.context().close();
  // ... until they connect it themselves, signed in with their password, from the account page.
  await page.goto("/nb/account");
  await page.getByRole("button", { name: `Koble til innloggingen hos ${m.name}` }).click();
  await signInAtProvider(page, `admin@${domain}`);
  await expect(page).toHaveURL(new RegExp(`/nb/account\\?connected=${m.slug}$`));
  await expect(page.getByTestId("connected")).toContainText(`Innloggingen hos ${m.name} er nå koblet til kontoen din`);
  await screenshot(page, "account-connected-nb");

  // Now they sign in through the provider, in English, and require it.
  const admin = await startAtMunicipality(browser, { workEmail: `admin@${domain}` }, "en");
  await signInAtProvider(admin, `admin@${domain}`);
  await expect(admin).toHaveURL(new RegExp(`/en/t/${m.slug}$`));
  await admin.goto(`/en/t/${m.slug}/settings/sign-in`);
  const adminSwitches = admin.getByRole("form", { name: "Test and turn on" });
  await adminSwitches.getByLabel(/^Require it for staff/).check();
  await adminSwitches.getByRole("button", { name: "Save the choices" }).click();
  await expect(adminSwitches.getByText("Sign-in through the identity provider is on.")).toBeVisible();
  await admin.context().close();
  // The password session opened before is now sent to sign in the right way at its next page.
  await page.goto(`/nb/t/${m.slug}/participants`);
  await expect(page).toHaveURL(new RegExp(`/nb/signin\\?callbackUrl=.*&provider=${m.slug}$`));

  // The administrator's password no longer opens the workspace: the sign-in page says where to sign in.
  const laptop = await (await browser.newContext({ locale: "nb-NO" })).newPage();
  await laptop.goto("/nb/signin");
  await signIn(laptop, `admin@${domain}`, PASSWORD);
  await expect(laptop).toHaveURL(new RegExp(`/nb/signin\\?provider=${m.slug}`));
  await expect(laptop.getByTestId("oidc-required")).toContainText(
    `${m.name} krever at ansatte logger inn med kommunens egen pålogging`,
  );
  await expect(laptop.getByRole("form", { name: "Logg inn med kommunen din" }).getByLabel("Kommune")).toHaveValue(
    m.slug,
  );
  await screenshot(laptop, "oidc-signin-required-nb");
  await laptop.context().close();

  // The same in Swedish and English: the sign-in page offers the municipality, the refusal page explains.
  const visitor = await (await browser.newContext({ locale: "sv-SE" })).newPage();
  for (const [locale, heading, refused] of [
    ["sv", "Logga in med din kommun", "Din kommun har inte gett dig åtkomst"],
    ["en", "Sign in with your municipality", "Your municipality has not given you access"],
  ] as const) {
    await visitor.goto(`/${locale}/signin`);
    const section = visitor.getByRole("form", { name: heading });
    await expect(section.getByRole("option", { name: m.name })).toHaveCount(1);
    if (locale === "en") await expectAccessible(visitor, testInfo, `signin-oidc-${locale}`);
    await screenshot(visitor, `signin-oidc-${locale}`);
    await visitor.goto(`/${locale}/signin/refused?reason=noAccess`);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(refused);
  }
  await visitor.context().close();

  // Every step is in the municipality's audit log.
  const actions = (
    await query<{ action: string }>(
      `select a.action from "AuditEvent" a join "Tenant" t on t.id = a."tenantId" where t.slug = $1`,
      [m.slug],
    )
  ).map((a) => a.action);
  for (const action of [
    "identityProvider.saved",
    "identityProvider.tested",
    "identityProvider.enabled",
    "member.joined",
    "auth.signedIn",
    "auth.oidcRefused",
    "auth.identityLinked",
    "auth.passwordRefused",
    "domain.claimed",
    "domain.verified",
  ]) {
    expect(actions, action).toContain(action);
  }
});
