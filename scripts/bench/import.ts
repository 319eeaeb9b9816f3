/**
 * `npm run bench:import`: how long a large import takes, on a fresh database (the server in TEST_DATABASE_URL /
 * DATABASE_URL, else an embedded PostgreSQL) with the demo data, through the same lib calls the pages make.
 *
 * A spreadsheet of --rows rows (default 10 000: one row per activity of ~3 300 participants, each with an
 * enrolment in one of four pilots, an activity at one of 40 organisations and outcomes at exit, 3 and 12
 * months) is generated as CSV (semicolons, nb headers, a byte order mark) and as XLSX, then for each:
 *   validate + preview: reading the file, keeping the draft, planning every row (what the preview page shows),
 *                        then the mapping step (create the missing organisations and pilots) and the plan again;
 *   import:              the one transaction that writes it all;
 *   re-import:           the same file again, planned: nothing to do.
 * Goals (issue #12): validate + preview < 10 s, import < 30 s. Prints each figure as a share of its goal.
 *
 *   npm run bench:import -- [--rows 10000]
 */
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { freePort } from "../../tooling/free-port.ts";
import { serverEnv } from "../../tooling/runtime.ts";

const { values: args } = parseArgs({ options: { rows: { type: "string", default: "10000" } } });
const ROWS = Number(args.rows);
if (!Number.isInteger(ROWS) || ROWS < 1 || ROWS > 100_000) {
  console.error("usage: npm run bench:import -- [--rows 1..100000]");
  process.exit(1);
}
const GOALS = { previewSeconds: 10, importSeconds: 30 };
const log = (m: string) => console.log(`[bench:import] ${m}`);

const database = await createTestDatabase("bench-import", await freePort(54400, 54460));
let exitCode = 0;
try {
  Object.assign(process.env, serverEnv(database.appUrl, 3000));
  const seedClient = createClient(database.appUrl, 2);
  await seedDemoData(seedClient);
  await seedClient.$disconnect();
  // The lib reads its configuration on first use: after the environment is set.
  const { createImportDraft, getImportDraft, mappingFromForm, runImport, saveImportMapping } =
    await import("../../lib/import/drafts.ts");
  const { withAdmin } = await adminHelpers(database.adminUrl);
  const [ctx] = await withAdmin<{ tenantId: string; userId: string; role: "COORDINATOR" }>(
    `select m."tenantId", m."userId", m.role from "Membership" m join "User" u on u.id = m."userId" join "Tenant" t on t.id = m."tenantId"
     where u.email = 'koordinator@verdal.demo' and t.slug = 'verdal'`,
  );
  const context = { ...ctx, tenantSlug: "verdal", organisationId: null };

  const { headers, rows } = generate(ROWS);
  const csv = Buffer.from(
    `\uFEFF${[headers, ...rows].map((r) => r.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ""))).join(";")).join("\r\n")}\r\n`,
    "utf8",
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Deltakere");
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
  log(
    `${ROWS.toLocaleString("en-US")} rows: CSV ${(csv.length / 1024 / 1024).toFixed(1)} MB, XLSX ${(xlsx.length / 1024 / 1024).toFixed(1)} MB`,
  );

  type Figure = {
    format: string;
    upload: number;
    plan: number;
    mapping: number;
    preview: number;
    importing: number;
    reimport: number;
    created: number;
  };
  const figures: Figure[] = [];
  for (const [format, bytes] of [
    ["csv", new Uint8Array(csv)],
    ["xlsx", xlsx],
  ] as const) {
    // Each format creates participants of its own: the references get the format's prefix.
    const prefix = format === "csv" ? "C" : "X";
    const file = format === "csv" ? rewriteCsv(bytes, prefix) : await rewriteReferences(bytes, prefix);
    const t0 = performance.now();
    const draftId = await createImportDraft({ ctx: context, fileName: `bench.${format}`, bytes: file });
    const t1 = performance.now();
    const draft = await getImportDraft(context, draftId);
    const t2 = performance.now();
    const plan = draft.plan!;
    const form: Record<string, string> = Object.fromEntries(
      draft.mapping.columns.map((f, i) => [`column.${i}`, f ?? ""]),
    );
    for (const o of plan.unknownOrganisations) form[`createOrganisation.${o.name}`] = "BUSINESS";
    await saveImportMapping({ ctx: context, draftId, mapping: mappingFromForm(form, draft.headers.length) });
    const again = await getImportDraft(context, draftId);
    const t3 = performance.now();
    if (again.plan!.issues.length)
      throw new Error(`the generated file has problems: ${JSON.stringify(again.plan!.issues.slice(0, 3))}`);
    const result = await runImport({ ctx: context, draftId });
    const t4 = performance.now();
    const second = await createImportDraft({ ctx: context, fileName: `bench.${format}`, bytes: file });
    const replan = await getImportDraft(context, second);
    const t5 = performance.now();
    if (replan.plan!.importable || replan.plan!.summary.participants.unchanged !== result.participants.create)
      throw new Error("re-importing the same file would change something");
    figures.push({
      format,
      upload: t1 - t0,
      plan: t2 - t1,
      mapping: t3 - t2,
      preview: t3 - t0,
      importing: t4 - t3,
      reimport: t5 - t4,
      created: result.participants.create,
    });
    log(
      `${format}: ${result.participants.create} participants, ${result.enrolments.create} enrolments, ${result.activities.create} activities, ${result.outcomes.create} outcomes, ${result.organisations} organisations created`,
    );
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log("");
  console.log(`format  read+store  plan     mapping+plan  validate+preview  import    re-import (plan)`);
  for (const f of figures) {
    console.log(
      `${f.format.padEnd(7)} ${s(f.upload).padEnd(11)} ${s(f.plan).padEnd(8)} ${s(f.mapping).padEnd(13)} ${s(f.preview).padEnd(17)} ${s(f.importing).padEnd(9)} ${s(f.reimport)}`,
    );
  }
  console.log("");
  console.log("goals");
  for (const f of figures) {
    const preview = f.preview / 1000 / GOALS.previewSeconds;
    const importing = f.importing / 1000 / GOALS.importSeconds;
    console.log(
      `  ${f.format}: validate + preview ${s(f.preview)} = ${preview.toFixed(2)}× the ${GOALS.previewSeconds} s goal: ${preview <= 1 ? "HOLDS" : "MISSED"}`,
    );
    console.log(
      `  ${f.format}: import ${s(f.importing)} = ${importing.toFixed(2)}× the ${GOALS.importSeconds} s goal: ${importing <= 1 ? "HOLDS" : "MISSED"}`,
    );
    if (preview > 1 || importing > 1) exitCode = 1;
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await database.dispose();
}
process.exit(exitCode);

/** Owner queries past row-level security, to find the demo coordinator. */
async function adminHelpers(adminUrl: string) {
  const pg = (await import("pg")).default;
  return {
    withAdmin: async <T extends Record<string, unknown>>(sql: string): Promise<T[]> => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        return (await client.query<T>(sql)).rows;
      } finally {
        await client.end();
      }
    },
  };
}

/** A coordinator's spreadsheet: `n` rows, three per participant (one per activity), nb headers. */
function generate(n: number): { headers: string[]; rows: (string | number | Date | null)[][] } {
  const headers = [
    "Referanse",
    "Navn",
    "Fødselsår",
    "Kjønn",
    "Målgruppe",
    "Samtykkedato",
    "Samtykke til oppfølging",
    "Samtykke til statistikk",
    "Pilot",
    "Type pilot",
    "Innskrevet",
    "Avsluttet",
    "Årsak til avslutning",
    "Aktivitet",
    "Aktivitet status",
    "Aktivitetens organisasjon",
    "Aktivitet start",
    "Aktivitet slutt",
    "Resultat ved avslutning",
    "Arbeidstid ved avslutning",
    "Resultat etter 3 måneder",
    "Arbeidstid etter 3 måneder",
    "Resultat etter 12 måneder",
    "Arbeidstid etter 12 måneder",
  ];
  const pilots = [
    ["Norsk på arbeidsplassen", "Arbeidslivskunnskap og arbeidsrettet norsk"],
    ["Formidling", "Utplassering og rekruttering"],
    ["Flerkulturell kompetanse", "Integrering i bedrifter"],
    ["Fagbrev på jobb", "Alternative løp i fagopplæringen"],
  ];
  const groups = ["Bosatt flyktning", "Innvandrer", "Ung voksen utenfor videregående", "Annen, langt fra arbeidslivet"];
  const types = ["Kartlegging", "Arbeidsrettet norskopplæring", "Arbeidspraksis"];
  const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
  const rows: (string | number | Date | null)[][] = [];
  for (let i = 0; rows.length < n; i++) {
    const year = 2015 + (i % 9);
    const start = day(year, 1 + (i % 9), 1 + (i % 27));
    const exit = day(year + 1, 1 + (i % 9), 1 + (i % 27));
    const [pilot, kind] = pilots[i % pilots.length];
    const job = i % 3 !== 2;
    const base = [
      `B-${i}`,
      `Deltaker ${i}`,
      1970 + (i % 30),
      i % 2 ? "Kvinne" : "Mann",
      groups[i % groups.length],
      start,
      "ja",
      "ja",
      pilot,
      kind,
      start,
      exit,
      job ? "Fikk jobb" : "Fullført",
    ];
    const outcomes = job
      ? ["Fast jobb", "Heltid", "Fast jobb", "Heltid", "Fast jobb", "Deltid"]
      : ["Utdanning", "", "Utdanning", "", "Ikke i arbeid", ""];
    types.forEach((type, k) => {
      if (rows.length >= n) return;
      const from = new Date(start.getTime() + k * 60 * 86_400_000);
      rows.push([
        ...base,
        type,
        "Fullført",
        k === 2 ? `Bedrift ${i % 40} AS` : "",
        from,
        new Date(from.getTime() + 50 * 86_400_000),
        ...outcomes,
      ]);
    });
  }
  return { headers, rows };
}

/** The same CSV with the references renamed, so each format creates participants of its own. */
function rewriteCsv(bytes: Uint8Array, prefix: string): Uint8Array {
  return new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/(^|\n)B-/g, `$1${prefix}-`));
}

async function rewriteReferences(bytes: Uint8Array, prefix: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  workbook.worksheets[0].getColumn(1).eachCell((cell, row) => {
    // The references the generator wrote, all text ("B-…").
    if (row > 1 && typeof cell.value === "string") cell.value = cell.value.replace(/^B-/, `${prefix}-`);
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
