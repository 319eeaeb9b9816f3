/**
 * Import end to end, in nb and sv, each in a municipality of its own (onboarded through the app's own action):
 * a messy spreadsheet in, its problems named by row and column, the mapping fixed in the browser, the import,
 * the pathways on the participant pages and the counts on the dashboard; the same file again changes nothing;
 * files that are no spreadsheet, too large or too long are refused with the reason and write nothing.
 */
import { expect, test, type Page } from "./fixtures";
import { builtActions } from "./isolation/inventory.ts";
import { callAction, formData, openSession } from "./isolation/client.ts";
import { query } from "./database.ts";
import { expectAccessible, openSignedIn, perAttempt, screenshot } from "./helpers.ts";
import { Readable } from "node:stream";
import yazl from "yazl";

const PASSWORD = "import fra regneark 2026";

/** A new municipality and its administrator, through the onboarding action (the form itself is onboarding.spec's). */
async function onboard(base: string, m: { country: "NO" | "SE"; code: string; slug: string; locale: "nb" | "sv" }) {
  const action = builtActions()!.find((a) => a.name === "onboardAction")!;
  const visitor = await openSession(base, "visitor", null);
  const email = `admin@${m.slug}.test`;
  const answer = await callAction(visitor, `/${m.locale}/onboarding`, action.id, base, [
    { status: "idle" },
    formData({
      country: m.country,
      municipalityCode: m.code,
      slug: m.slug,
      defaultLocale: m.locale,
      adminName: "Import Administrator",
      adminEmail: email,
      password: PASSWORD,
    }),
  ]);
  // Onboarding answers with a redirect into the new workspace (or "ok" when it waits for approval).
  expect(
    answer.state?.status === "ok" || Boolean(answer.actionRedirect),
    `${answer.status} ${JSON.stringify(answer.state)}`,
  ).toBe(true);
  const [{ id }] = await query<{ id: string }>(`select id from "Tenant" where slug = $1`, [m.slug]);
  return { email, tenantId: id };
}

const counts = async (tenantId: string) =>
  (
    await query<{ participants: number; enrolments: number; activities: number; outcomes: number; drafts: number }>(
      `select (select count(*)::int from "Participant" where "tenantId" = $1) participants, (select count(*)::int from "Enrolment" where "tenantId" = $1) enrolments,
            (select count(*)::int from "Activity" where "tenantId" = $1) activities, (select count(*)::int from "Outcome" where "tenantId" = $1) outcomes,
            (select count(*)::int from "ImportDraft" where "tenantId" = $1) drafts`,
      [tenantId],
    )
  )[0];

/** The messy file: a byte order mark, semicolons with commas inside quoted values, a header Samspill does not
 * know ("Tiltaksnavn"/"Insatsnamn"), an unknown target group, a date in the future and a copied row. */
function messyFile(words: {
  pilotHeader: string;
  refugee: string;
  unknownGroup: string;
  immigrant: string;
  practice: string;
  job: string;
  full: string;
  yes: string;
  exitReason: string;
}) {
  const future = `${new Date().getUTCFullYear() + 1}-03-01`;
  const h = [
    "Referanse",
    "Navn",
    "Målgruppe",
    words.pilotHeader,
    "Innskrevet",
    "Avsluttet",
    "Årsak til avslutning",
    "Samtykkedato",
    "Samtykke til statistikk",
    "Aktivitet",
    "Aktivitetens organisasjon",
    "Aktivitet start",
    "Aktivitet slutt",
    "Resultat ved avslutning",
    "Arbeidstid ved avslutning",
  ];
  const rows = [
    [
      "K-1",
      "Hawa Importsen",
      words.refugee,
      "Språk og praksis",
      "2024-01-08",
      "2024-12-20",
      words.exitReason,
      "2024-01-08",
      words.yes,
      words.practice,
      '"Bakeri Vest, avd. Sentrum"',
      "2024-02-01",
      "2024-11-30",
      words.job,
      words.full,
    ],
    [
      "K-2",
      "Omar Importsen",
      words.unknownGroup,
      "Språk og praksis",
      "2024-01-08",
      "",
      "",
      "2024-01-08",
      words.yes,
      "",
      "",
      "",
      "",
      "",
      "",
    ],
    [
      "K-3",
      "Lina Importsen",
      words.immigrant,
      "Språk og praksis",
      future,
      "",
      "",
      "2024-01-08",
      words.yes,
      "",
      "",
      "",
      "",
      "",
      "",
    ],
  ];
  rows.push(rows[0]);
  return Buffer.from(`\uFEFF${[h, ...rows].map((r) => r.join(";")).join("\r\n")}\r\n`, "utf8");
}

async function upload(page: Page, file: Buffer, name = "deltakere.csv") {
  await page.getByLabel(/^(Regneark|Kalkylblad)/).setInputFiles({ name, mimeType: "text/csv", buffer: file });
  await page.getByRole("button", { name: /^(Last opp og kontroller|Ladda upp och kontrollera)$/ }).click();
  await expect(page).toHaveURL(/\/import\/[a-z0-9]+/);
}

const LANGUAGES = {
  nb: {
    municipalities: [
      { code: "5020", slug: "osen" },
      { code: "5022", slug: "rennebu" },
    ],
    country: "NO" as const,
    file: {
      pilotHeader: "Tiltaksnavn",
      refugee: "Bosatt flyktning",
      unknownGroup: "Flykting",
      immigrant: "Innvandrer",
      practice: "Arbeidspraksis",
      job: "Fast jobb",
      full: "Heltid",
      yes: "ja",
      exitReason: "Fikk jobb",
    },
    ui: {
      problems: /^\d+ problemer i 3 rader$/,
      oneProblem: "1 problem i 1 rad",
      pilotMissing: /^Rad 2: trenger en pilot i samme rad$/,
      unknownValue: "Rad 3, kolonne «Målgruppe»: «Flykting» er ikke en verdi Samspill kjenner: velg hva den betyr over",
      future: "Rad 4, kolonne «Innskrevet»: datoen er fram i tid",
      duplicate: "Kopi av en tidligere rad",
      pilotField: "Pilot",
      refugee: "Bosatt flyktning",
      createOrg: /Opprett organisasjonen «Bakeri Vest, avd\. Sentrum»/,
      business: "Bedrift",
      createPilot: /Opprett piloten «Språk og praksis»/,
      kind: "Arbeidslivskunnskap og arbeidsrettet norsk",
      skip: "Utelat deltakerne som har feil i radene sine, og importer resten",
      check: "Lagre og kontroller på nytt",
      importButton: "Importer 2 deltakere",
      done: "Importen er ferdig",
      nothing: "Alt i denne filen finnes allerede i Samspill",
      practice: "Arbeidspraksis",
      enrolled: "Meldt inn",
      refused: "Dette er ikke et regneark",
    },
  },
  sv: {
    municipalities: [
      { code: "2260", slug: "ange" },
      { code: "2262", slug: "timra" },
    ],
    country: "SE" as const,
    file: {
      pilotHeader: "Insatsnamn",
      refugee: "Nyanländ flykting",
      unknownGroup: "Flykting",
      immigrant: "Invandrare",
      practice: "Praktik",
      job: "Tillsvidareanställning",
      full: "Heltid",
      yes: "ja",
      exitReason: "Fick arbete",
    },
    ui: {
      problems: /^\d+ problem i 3 rader$/,
      oneProblem: "1 problem i 1 rad",
      pilotMissing: /^Rad 2: behöver en pilot i samma rad$/,
      unknownValue:
        "Rad 3, kolumn ”Målgruppe”: ”Flykting” är inte ett värde Samspill känner till: välj vad det betyder ovan",
      future: "Rad 4, kolumn ”Innskrevet”: datumet ligger i framtiden",
      duplicate: "Kopia av en tidigare rad",
      pilotField: "Pilot",
      refugee: "Nyanländ flykting",
      createOrg: /Skapa organisationen ”Bakeri Vest, avd\. Sentrum”/,
      business: "Företag",
      createPilot: /Skapa piloten ”Språk og praksis”/,
      kind: "Arbetslivskunskap och arbetsinriktat språk",
      skip: "Utelämna deltagarna som har fel i sina rader och importera resten",
      check: "Spara och kontrollera igen",
      importButton: "Importera 2 deltagare",
      done: "Importen är klar",
      nothing: "Allt i den här filen finns redan i Samspill",
      practice: "Praktik",
      enrolled: "Inskrivna",
      refused: "Det här är inte ett kalkylblad",
    },
  },
};

for (const [locale, L] of Object.entries(LANGUAGES) as [
  keyof typeof LANGUAGES,
  (typeof LANGUAGES)[keyof typeof LANGUAGES],
][]) {
  test(`a coordinator imports a messy spreadsheet in ${locale}: problems by row and column, mapping fixed, pathways and dashboard counts in place, the same file again changes nothing`, async ({
    page,
    baseURL,
  }, testInfo) => {
    const m = perAttempt(testInfo, L.municipalities);
    const { email, tenantId } = await onboard(baseURL!, { ...m, country: L.country, locale });
    await openSignedIn(page, email, `/${locale}/t/${m.slug}/import`, PASSWORD);
    await expectAccessible(page, testInfo, `import-${locale}`, { scan: locale === "nb" });

    // Not a spreadsheet: refused with the reason, nothing kept.
    await page.getByLabel(/^(Regneark|Kalkylblad)/).setInputFiles({
      name: "bilde.png",
      mimeType: "image/png",
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    await page.getByRole("button", { name: /^(Last opp og kontroller|Ladda upp och kontrollera)$/ }).click();
    await expect(page.getByText(L.ui.refused)).toBeVisible();
    expect((await counts(tenantId)).drafts).toBe(0);

    const file = messyFile(L.file);
    await upload(page, file);
    await expect(page.getByTestId("import-problems")).toHaveText(L.ui.problems);
    await expect(page.getByText(L.ui.unknownValue)).toBeVisible();
    await expect(page.getByText(L.ui.pilotMissing).first()).toBeVisible();
    await expect(page.getByText(L.ui.duplicate, { exact: true })).toBeVisible();
    await expectAccessible(page, testInfo, `import-preview-${locale}`, { scan: locale === "nb" });
    await screenshot(page, `import-preview-${locale}`);
    // The preview wrote nothing.
    expect(await counts(tenantId)).toMatchObject({ participants: 0, enrolments: 0, activities: 0 });

    // Fix the mapping: the unknown header is the pilot; then the value, and create what is missing.
    await page
      .getByLabel(new RegExp(`${L.file.pilotHeader}$`))
      .first()
      .selectOption({ label: L.ui.pilotField });
    await page.getByRole("button", { name: L.ui.check }).click();
    await expect(page.getByLabel(L.ui.createPilot)).toBeVisible();
    await expect(page.getByText(L.ui.future)).toBeVisible();
    await page.getByLabel(/Flykting/).selectOption({ label: L.ui.refugee });
    await page.getByLabel(L.ui.createOrg).selectOption({ label: L.ui.business });
    await page.getByLabel(L.ui.createPilot).selectOption({ label: L.ui.kind });
    await page.getByLabel(L.ui.skip).check();
    await page.getByRole("button", { name: L.ui.check }).click();
    await expect(page.getByTestId("import-problems")).toHaveText(L.ui.oneProblem);
    await expect(page.getByText(L.ui.future)).toBeVisible();
    await screenshot(page, `import-ready-${locale}`);
    await page.getByRole("button", { name: L.ui.importButton }).click();
    await expect(page.getByRole("heading", { level: 1, name: L.ui.done })).toBeVisible();
    await screenshot(page, `import-done-${locale}`);
    expect(await counts(tenantId)).toMatchObject({ participants: 2, enrolments: 2, activities: 1, outcomes: 1 });

    // The pathway on the participant's page.
    await page.goto(`/${locale}/t/${m.slug}/participants?q=Hawa`);
    await page
      .getByRole("row", { name: /Hawa Importsen/ })
      .getByRole("link")
      .click();
    await expect(page.getByText(L.ui.practice).first()).toBeVisible();
    await expect(page.getByText("Bakeri Vest, avd. Sentrum").first()).toBeVisible();

    // The counts on the dashboard: two enrolled in the new pilot.
    await page.goto(`/${locale}/t/${m.slug}/dashboard`);
    const table = page.getByTestId("table-pilot");
    const headers = (await table.locator("thead th").allInnerTexts()).map((h) => h.trim());
    const enrolledAt = headers.indexOf(L.ui.enrolled);
    expect(enrolledAt, headers.join(" | ")).toBeGreaterThan(0);
    const row = table.locator("tbody tr").filter({ hasText: /Språk og praksis/ });
    await expect(row.locator("th, td").nth(enrolledAt)).toHaveText(/^2/);

    // The same file again, with the same choices: nothing to import, nothing written.
    const before = await counts(tenantId);
    await page.goto(`/${locale}/t/${m.slug}/import`);
    await upload(page, file);
    // (All the choices in one submit: each submit re-renders the form.)
    await page
      .getByLabel(new RegExp(`${L.file.pilotHeader}$`))
      .first()
      .selectOption({ label: L.ui.pilotField });
    await page.getByLabel(/Flykting/).selectOption({ label: L.ui.refugee });
    await page.getByLabel(L.ui.skip).check();
    await page.getByRole("button", { name: L.ui.check }).click();
    await expect(page.getByText(L.ui.nothing)).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Importer|Importera) 0/ })).toBeDisabled();
    const after = await counts(tenantId);
    expect({ ...after, drafts: 0 }).toEqual({ ...before, drafts: 0 });
  });
}

test("files that are too large, too long, empty, only a header or a zip bomb are refused with the reason and write nothing", async ({
  page,
  baseURL,
}) => {
  await openSignedIn(page, "koordinator@inderoy.demo", "/nb/t/inderoy/import");
  const [{ id: tenantId }] = await query<{ id: string }>(`select id from "Tenant" where slug = 'inderoy'`);
  const before = await counts(tenantId);
  const post = async (name: string, buffer: Buffer) => {
    const answer = await page.context().request.post(`${baseURL}/api/t/inderoy/import?locale=sv`, {
      headers: { accept: "application/json", origin: baseURL! },
      multipart: { file: { name, mimeType: "text/csv", buffer } },
    });
    expect(answer.status()).toBe(400);
    return ((await answer.json()) as { message: string }).message;
  };
  const header = "Referens;Namn;Målgrupp;Samtyckesdatum;Samtycke till statistik\r\n";
  expect(await post("stor.csv", Buffer.alloc(50 * 1024 * 1024, "a"))).toBe(
    "Filen är större än 10 MB. Dela upp den i mindre filer.",
  );
  expect(await post("lang.csv", Buffer.from(header + "R1;A;Invandrare;2024-01-01;ja\r\n".repeat(100_001)))).toBe(
    "Filen har fler än 100 000 rader. Dela upp den i mindre filer.",
  );
  expect(await post("tom.csv", Buffer.alloc(0))).toBe("Filen är tom.");
  expect(await post("rubrik.csv", Buffer.from(header))).toBe("Filen har rubriker men inga rader.");
  // A zip bomb: a 2 MB "spreadsheet" whose sheet unpacks to 400 MB. Refused before it is inflated, and the
  // server — every municipality's — goes on answering.
  const bomb = await zipBomb(400 * 1024 * 1024);
  expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
  expect(await post("bombe.xlsx", bomb)).toBe(
    "Kalkylbladet packas upp till mer än 160 MB, mer än någon import rymmer. Spara det på nytt från kalkylprogrammet, eller dela upp det.",
  );
  expect((await page.context().request.get(`${baseURL}/api/health`)).status()).toBe(200);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await counts(tenantId)).toEqual(before);
});

/** An XLSX-shaped zip whose sheet is `size` bytes of one repeated row, streamed into the zip (never held). */
async function zipBomb(size: number): Promise<Buffer> {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>0</t></is></c></row>'.repeat(1000));
  let left = size;
  const sheet = new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const piece = left >= row.length ? row : row.subarray(0, left);
      left -= piece.length;
      this.push(piece);
    },
  });
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from("<Types/>"), "[Content_Types].xml");
  zip.addReadStream(sheet, "xl/worksheets/sheet1.xml", { size });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
