/**
 * Collaboration models: writing, publishing (with suppressed results) and adopting. The privacy checks read
 * the stored rows as the database owner and look at every field: a published model or an adopted template
 * holds only the model's own text and aggregated, suppressed figures — nothing about a participant, a
 * contact person or a user, and nothing of the source tenant's data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { appDb } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { withTenant, type TenantContext } from "../../lib/db/tenant.ts";
import { modelInputSchema, librarySearchSchema, RESULT_COLUMNS, type ModelInput } from "../../lib/models/schemas.ts";
import { saveModel } from "../../lib/models/save-model.ts";
import { publishModel, unpublishModel } from "../../lib/models/publish-model.ts";
import { adoptModel } from "../../lib/models/adopt-model.ts";
import { getTenantModel } from "../../lib/models/tenant-model.ts";
import { previewTenantModel } from "../../lib/models/preview-model.ts";
import { storeRelease } from "../../lib/releases/publish-release.ts";
import type { ReleaseFigures } from "../../lib/releases/build-release.ts";
import { suggestModelDraft } from "../../lib/models/suggest-model.ts";
import { getPublishedModel, listAdoptableModels, listPublishedModels } from "../../lib/models/public-models.ts";
import {
  adminQuery,
  auditCount,
  createTenantWithStaff,
  day,
  expectAppError,
  snapshot,
  type Tenant,
} from "./helpers/coordinator.ts";

const THRESHOLD = 5;
const TODAY = day("2026-06-01");

/** Every column of a CollaborationModel row, and every path inside its content (arrays as []). */
const MODEL_COLUMNS = [
  "tenantId",
  "id",
  "slug",
  "title",
  "summary",
  "status",
  "content",
  "publishedAt",
  "sourceModelId",
  "createdAt",
  "updatedAt",
];
const CONTENT_PATHS = new Set([
  "country",
  "language",
  "goal",
  "workingMethods",
  "results",
  "targetGroups",
  "targetGroups[]",
  "partnerRoles",
  "partnerRoles[]",
  "partnerRoles[].organisationType",
  "partnerRoles[].role",
  "pilots",
  "pilots[]",
  "pilots[].kind",
  "pilots[].name",
  "pilots[].goal",
  "pilots[].targetSharePercent",
  "results.computedAt",
  "results.threshold",
  "results.point",
  "results.headline",
  "results.headline.columns",
  "results.headline.columns[]",
  "results.headline.cells",
  "results.headline.cells[]",
  "results.headline.cells[].kind",
  "results.headline.cells[].value",
  "results.headline.cells[].suppressed",
  "results.overTime",
  "results.overTime.columns",
  "results.overTime.columns[]",
  "results.overTime.rows",
  "results.overTime.rows[]",
  "results.overTime.rows[].point",
  "results.overTime.rows[].cells",
  "results.overTime.rows[].cells[]",
  "results.overTime.rows[].cells[].kind",
  "results.overTime.rows[].cells[].value",
  "results.overTime.rows[].cells[].suppressed",
]);

function paths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => [`${prefix}[]`, ...paths(v, `${prefix}[]`)]);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = prefix ? `${prefix}.${k}` : k;
      return [path, ...paths(v, path)];
    });
  }
  return [];
}

function leaves(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(leaves);
  if (value && typeof value === "object") return Object.values(value).flatMap(leaves);
  // What is left of a JSON value: text, a number, true/false, or null.
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? [String(value)] : [];
}

type ModelRow = Record<string, unknown> & { content: Record<string, unknown> };
/** The tenant's enrolled count as partners get it: from the enrolments' record keys, independently of the app's SQL. */
/** The enrolled count of the tenant's latest release, as stored: what a published model must say. */
async function publishedEnrolled(tenantId: string) {
  const [{ n }] = await adminQuery<{ n: number }>(`select count(*)::int as n from "Enrolment" where "tenantId" = $1`, [
    tenantId,
  ]);
  expect(n).toBe(14);
  const [release] = await adminQuery<{ figures: ReleaseFigures }>(
    `select figures from "Release" where "tenantId" = $1 order by "asOf" desc limit 1`,
    [tenantId],
  );
  const all = release.figures.scopes.find((scope) => scope.key === "all")!;
  return { kind: "count", value: all.total!.enrolled, suppressed: false };
}

/** The 12-month outcomes of the tenant's latest release. */
async function publishedOutcomes(tenantId: string) {
  const [release] = await adminQuery<{ figures: ReleaseFigures }>(
    `select figures from "Release" where "tenantId" = $1 order by "asOf" desc limit 1`,
    [tenantId],
  );
  return release.figures.scopes.find((scope) => scope.key === "all")!.total!.outcomes!;
}

const modelRows = (tenantId: string) =>
  adminQuery<ModelRow>(`select to_jsonb(m) as row from "CollaborationModel" m where "tenantId" = $1`, [tenantId]).then(
    (rows) => rows.map((r) => r.row as ModelRow),
  );

/** Everything private a tenant holds: participants' codes and names, notes, contacts, users, and every row id. */
async function privateValues(tenantId: string): Promise<string[]> {
  const rows = await adminQuery<{ v: string }>(
    `
    select code as v from "Participant" where "tenantId" = $1
    union select name from "Participant" where "tenantId" = $1 and name is not null
    union select note from "Activity" where "tenantId" = $1 and note is not null
    union select note from "Outcome" where "tenantId" = $1 and note is not null
    union select "contactName" from "Organisation" where "tenantId" = $1 and "contactName" is not null
    union select "contactEmail" from "Organisation" where "tenantId" = $1 and "contactEmail" is not null
    union select "contactPhone" from "Organisation" where "tenantId" = $1 and "contactPhone" is not null
    union select u.email from "User" u join "Membership" m on m."userId" = u.id where m."tenantId" = $1
    union select u.name from "User" u join "Membership" m on m."userId" = u.id where m."tenantId" = $1
    union select u.id from "User" u join "Membership" m on m."userId" = u.id where m."tenantId" = $1
    union select id from "Participant" where "tenantId" = $1
    union select id from "Organisation" where "tenantId" = $1
    union select id from "Enrolment" where "tenantId" = $1
    union select id from "Pilot" where "tenantId" = $1`,
    [tenantId],
  );
  return rows.map((r) => r.v);
}

function expectNoPrivateData(json: unknown, secrets: string[]) {
  const text = JSON.stringify(json);
  for (const secret of secrets) expect(text, `leaked: ${secret}`).not.toContain(secret);
}

/** A tenant with staff, a partner with a contact person, and seven followed-up participants with names and notes. */
async function tenantWithResults(prefix: string): Promise<Tenant> {
  const t = await createTenantWithStaff(prefix);
  await withTenant(
    t,
    async (tx) => {
      await tx.organisation.update({
        where: { tenantId_id: { tenantId: t.tenantId, id: t.organisationId } },
        data: {
          contactName: `Kari Kontakt ${prefix}`,
          contactEmail: `kari.${prefix}@nav.example`,
          contactPhone: "+47 400 12 345",
          partnershipRole: "Henviser og finansierer",
        },
      });
      await tx.organisation.create({
        data: {
          tenantId: t.tenantId,
          name: `Flyndra ${prefix}`,
          type: "SOCIAL_ENTERPRISE",
          contactName: "Sosial Sjef",
          contactEmail: "sjef@flyndra.example",
          partnershipRole: "Arbeidstrening",
        },
      });
      const statuses = [
        "PERMANENT_JOB",
        "PERMANENT_JOB",
        "PERMANENT_JOB",
        "PERMANENT_JOB",
        "PERMANENT_JOB",
        "TEMPORARY_JOB",
        "UNKNOWN",
      ] as const;
      // Fourteen people: enough for the release to publish the tenant's figures (groups of at least 10).
      for (const [i, status] of [...statuses, ...statuses].entries()) {
        const participant = await tx.participant.create({
          data: {
            tenantId: t.tenantId,
            code: `SEC-${prefix}-${i}`,
            name: `Hemmelig Person ${prefix} ${i}`,
            targetGroup: "SETTLED_REFUGEE",
            birthYear: 1990,
            consents: {
              create: [
                { purpose: "STATISTICS", givenAt: day("2024-01-01") },
                { purpose: "FOLLOW_UP", givenAt: day("2024-01-01") },
              ],
            },
          },
        });
        const enrolment = await tx.enrolment.create({
          data: {
            tenantId: t.tenantId,
            participantId: participant.id,
            pilotId: t.pilotId,
            startDate: day("2024-01-01"),
            exitDate: day("2024-09-01"),
          },
        });
        await tx.activity.create({
          data: {
            tenantId: t.tenantId,
            participantId: participant.id,
            enrolmentId: enrolment.id,
            type: "WORK_PRACTICE",
            startDate: day("2024-02-01"),
            organisationId: t.organisationId,
            note: `Privat notat ${prefix} ${i}`,
          },
        });
        await tx.outcome.create({
          data: {
            tenantId: t.tenantId,
            participantId: participant.id,
            enrolmentId: enrolment.id,
            point: "MONTHS_12",
            status,
            observedAt: day("2025-09-01"),
            note: `Oppfølgingsnotat ${prefix} ${i}`,
            workingTime: status === "UNKNOWN" ? null : "FULL_TIME",
          },
        });
      }
    },
    { client: appDb() },
  );
  // The model publishes the tenant's latest release: take one, as the release job would.
  await withTenant(
    t,
    (tx) => storeRelease(tx, { tenantId: t.tenantId, asOf: TODAY, kind: "SCHEDULED", publishedById: null }),
    { client: appDb() },
  );
  return t;
}

const token = () => randomBytes(4).toString("hex");

function modelInput(overrides: Partial<Record<keyof ModelInput, unknown>> = {}): ModelInput {
  return modelInputSchema.parse({
    title: "Modellen",
    summary: "Kommune, NAV og sosialt entreprenørskap sammen.",
    slug: `m-${token()}`,
    goal: "Flere i arbeid.",
    targetGroups: ["SETTLED_REFUGEE", "YOUNG_ADULT"],
    partnerRoles: [
      { organisationType: "PUBLIC_EMPLOYMENT_SERVICE", role: "Henviser og finansierer" },
      { organisationType: "SOCIAL_ENTERPRISE", role: "Driver arbeidstrening" },
      { organisationType: "VOLUNTEER_ORG", role: "Mentorer" },
    ],
    pilots: [
      {
        kind: "WORKPLACE_INTEGRATION",
        name: "Arbeidstrening",
        goal: "Arbeidserfaring og referanser",
        targetSharePercent: "70",
      },
      { kind: "WORKLIFE_LANGUAGE", name: "Språk og mentor", goal: "", targetSharePercent: "" },
    ],
    workingMethods: "Faste møter hver måned.",
    ...overrides,
  });
}

let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  a = await tenantWithResults(`ma${token()}`);
  b = await createTenantWithStaff(`mb${token()}`);
}, 120_000);

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

describe("saving a model", () => {
  it("creates the tenant's draft with the tenant's country, and only the tenant sees it", async () => {
    const t = await createTenantWithStaff(`ms${token()}`);
    const input = modelInput({ slug: t.slug });
    const model = await saveModel({ ctx: t.admin, data: input });
    expect(model).toMatchObject({
      tenantId: t.tenantId,
      slug: t.slug,
      status: "DRAFT",
      publishedAt: null,
      sourceModelId: null,
    });
    expect(model.content).toMatchObject({ country: "NO", language: "nb", results: null, goal: "Flere i arbeid." });
    expect(model.content.pilots[1]).toEqual({
      kind: "WORKLIFE_LANGUAGE",
      name: "Språk og mentor",
      goal: null,
      targetSharePercent: null,
    });
    expect(await auditCount(t.tenantId, "model.created")).toBe(1);

    // Not public, not visible to another tenant, not in the library.
    expect(await getPublishedModel(t.slug)).toBeNull();
    expect(await withTenant(b, (tx) => tx.collaborationModel.findFirst({ where: { slug: t.slug } }))).toBeNull();
    expect(
      (await listPublishedModels(librarySearchSchema.parse({ q: model.title }))).entries.map((e) => e.slug),
    ).not.toContain(t.slug);
    // Members may look at it; the partner viewer too.
    expect((await getTenantModel(t.partner))?.model.slug).toBe(t.slug);

    // Saving again updates the one model (never a second one).
    await saveModel({ ctx: t.admin, data: { ...input, title: "Ny tittel" } });
    const rows = await modelRows(t.tenantId);
    expect(rows).toHaveLength(1);
    expect(rows[0].title).toBe("Ny tittel");
    expect(await auditCount(t.tenantId, "model.updated")).toBe(1);
  });

  it("lets only administrators write, publish and adopt", async () => {
    for (const ctx of [a.coordinator, a.partner] as TenantContext[]) {
      await expectAppError(() => saveModel({ ctx, data: modelInput() }), "NOT_FOUND");
      await expectAppError(() => publishModel({ ctx, threshold: THRESHOLD }), "NOT_FOUND");
      await expectAppError(() => adoptModel({ ctx, modelSlug: "verdal" }), "NOT_FOUND");
      await expectAppError(() => suggestModelDraft(ctx), "NOT_FOUND");
    }
    expect(await modelRows(a.tenantId)).toEqual([]);
  });

  it("refuses fields outside the allow-list, even when called past the form", async () => {
    const t = await createTenantWithStaff(`mx${token()}`);
    const data = {
      ...modelInput(),
      partnerRoles: [{ organisationType: "UNION", role: "Forankrer", contactEmail: "x@example.test" }],
    } as unknown as ModelInput;
    await expectAppError(() => saveModel({ ctx: t.admin, data }), "INVALID_INPUT");
    const extra = { ...modelInput(), participants: [{ name: "Someone" }] } as unknown as ModelInput;
    await expectAppError(() => saveModel({ ctx: t.admin, data: extra }), "INVALID_INPUT");
    expect(await modelRows(t.tenantId)).toEqual([]);
  });

  it("keeps slugs unique across tenants, even against another tenant's invisible draft", async () => {
    const t1 = await createTenantWithStaff(`mu${token()}`);
    const t2 = await createTenantWithStaff(`mv${token()}`);
    const slug = `shared-${token()}`;
    await saveModel({ ctx: t1.admin, data: modelInput({ slug }) });
    // On first save (insert) and on a later change of slug (update).
    await expectAppError(() => saveModel({ ctx: t2.admin, data: modelInput({ slug }) }), "CONFLICT", {
      fieldErrors: { slug: "models:form.slugTaken" },
    });
    await saveModel({ ctx: t2.admin, data: modelInput({ slug: `own-${token()}` }) });
    await expectAppError(() => saveModel({ ctx: t2.admin, data: modelInput({ slug }) }), "CONFLICT", {
      fieldErrors: { slug: "models:form.slugTaken" },
    });
    expect((await modelRows(t2.tenantId))[0].slug).not.toBe(slug);
  });

  it("suggests a first draft from the tenant's pilots and partners, without contact details", async () => {
    const suggestion = await suggestModelDraft(a.admin);
    expect(suggestion.pilots).toEqual([{ kind: "CUSTOM", name: "Pilot", goal: null, targetSharePercent: null }]);
    expect(suggestion.partnerRoles.map((r) => r.organisationType)).toEqual([
      "PUBLIC_EMPLOYMENT_SERVICE",
      "SOCIAL_ENTERPRISE",
    ]);
    expect(suggestion.partnerRoles.map((r) => r.role)).toEqual(["Henviser og finansierer", "Arbeidstrening"]);
    expectNoPrivateData(suggestion, await privateValues(a.tenantId));
  });
});

describe("publishing a model", () => {
  it("publishes the text with suppressed results, and nothing private in any field", async () => {
    await saveModel({ ctx: a.admin, data: modelInput({ slug: a.slug, title: `Modell ${a.slug}` }) });
    const published = await publishModel({ ctx: a.admin, threshold: THRESHOLD, today: TODAY });
    expect(published).toMatchObject({ status: "PUBLISHED", publishedAt: TODAY });
    expect(await auditCount(a.tenantId, "model.published")).toBe(1);

    const [row] = await modelRows(a.tenantId);
    expect(Object.keys(row).sort()).toEqual([...MODEL_COLUMNS].sort());
    expect(row).toMatchObject({
      tenantId: a.tenantId,
      slug: a.slug,
      title: `Modell ${a.slug}`,
      status: "PUBLISHED",
      sourceModelId: null,
    });
    const unexpected = paths(row.content).filter((p) => !CONTENT_PATHS.has(p));
    expect(unexpected).toEqual([]);
    expect(row.content).toMatchObject({
      country: "NO",
      language: "nb",
      goal: "Flere i arbeid.",
      targetGroups: ["SETTLED_REFUGEE", "YOUNG_ADULT"],
      workingMethods: "Faste møter hver måned.",
    });
    const secrets = await privateValues(a.tenantId);
    // The check looks for real things: contacts, participants' names and codes, notes, users.
    expect(secrets).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kari\..*@nav\.example$/),
        "+47 400 12 345",
        "Sosial Sjef",
        expect.stringMatching(/^Hemmelig Person/),
        expect.stringMatching(/^SEC-/),
        expect.stringMatching(/^Privat notat/),
        expect.stringMatching(/^Oppfølgingsnotat/),
        expect.stringMatching(/@example\.test$/),
      ]),
    );
    expectNoPrivateData(row, secrets);
    // Not even the names of the tenant's partner organisations: the model speaks of organisation types.
    for (const name of ["NAV Test", "Flyndra"]) expect(leaves(row.content).some((v) => v.includes(name))).toBe(false);

    // The results: aggregated, the shared dashboard's suppression, and a hidden figure stored without its value.
    const results = row.content.results as {
      threshold: number;
      point: string;
      headline: { columns: string[]; cells: { kind: string; value: number | null; suppressed: boolean }[] };
      overTime: { rows: { point: string; cells: { kind: string; value: number | null; suppressed: boolean }[] }[] };
    };
    expect(results).toMatchObject({ threshold: THRESHOLD, point: "MONTHS_12" });
    for (const column of results.headline.columns) expect(RESULT_COLUMNS).toContain(column);
    const enrolled = results.headline.cells[results.headline.columns.indexOf("enrolled")];
    expect(enrolled).toEqual(await publishedEnrolled(a.tenantId));
    const allCells = [...results.headline.cells, ...results.overTime.rows.flatMap((r) => r.cells)];
    for (const cell of allCells) {
      if (cell.suppressed) expect(cell.value).toBeNull();
      // A published count is never a small count (1–4): the release's perturbation publishes those as 0 or more.
      if (cell.kind === "count" && !cell.suppressed)
        expect(cell.value === 0 || (cell.value ?? 0) >= THRESHOLD).toBe(true);
    }
    // The model's 12-month figures are the release's cells, not figures of its own.
    const months12 = results.overTime.rows.find((r) => r.point === "MONTHS_12")!;
    const outcomes = await publishedOutcomes(a.tenantId);
    expect(months12.cells.slice(0, 6).map((c) => c.value)).toEqual([
      outcomes.followedUp,
      outcomes.permanent,
      outcomes.temporary,
      outcomes.education,
      outcomes.notInWork,
      outcomes.unknown,
    ]);
  });

  it("is readable with no one signed in, and listed and searchable in the library", async () => {
    const model = await getPublishedModel(a.slug);
    expect(model).toMatchObject({
      slug: a.slug,
      title: `Modell ${a.slug}`,
      tenantName: `Test ${a.slug}`,
      country: "NO",
      source: null,
    });
    expectNoPrivateData(model, await privateValues(a.tenantId));

    const search = (q: Record<string, unknown>) =>
      listPublishedModels(librarySearchSchema.parse({ q: a.slug, ...q })).then((r) => r.entries.map((e) => e.slug));
    expect(await search({})).toEqual([a.slug]);
    expect(await search({ country: "NO" })).toEqual([a.slug]);
    expect(await search({ country: "SE" })).toEqual([]);
    expect(await search({ targetGroup: "YOUNG_ADULT" })).toEqual([a.slug]);
    expect(await search({ targetGroup: "IMMIGRANT" })).toEqual([]);
    expect(await search({ pilotKind: "WORKPLACE_INTEGRATION" })).toEqual([a.slug]);
    expect(await search({ pilotKind: "ALTERNATIVE_VOCATIONAL" })).toEqual([]);
    expect(await search({ q: a.slug.toUpperCase() })).toEqual([a.slug]);
    // The tenant's name is searchable too.
    expect(await search({ q: `Test ${a.slug}` })).toEqual([a.slug]);
    expect((await listAdoptableModels(b.tenantId)).map((m) => m.slug)).toContain(a.slug);
    expect((await listAdoptableModels(a.tenantId)).map((m) => m.slug)).not.toContain(a.slug);
  });

  it("cannot be changed by another tenant, even by id", async () => {
    const [row] = await modelRows(a.tenantId);
    const { count } = await withTenant(
      b,
      (tx) =>
        tx.collaborationModel.updateMany({
          where: { tenantId: a.tenantId, id: row.id as string },
          data: { title: "Hijacked" },
        }),
      { client: appDb() },
    );
    expect(count).toBe(0);
    expect((await modelRows(a.tenantId))[0].title).toBe(`Modell ${a.slug}`);
  });

  it("previews with the latest release's results without storing them", async () => {
    const before = await modelRows(a.tenantId);
    const preview = await previewTenantModel(a.coordinator, { threshold: THRESHOLD });
    expect(preview?.model.content.results?.headline.cells[0]).toEqual(await publishedEnrolled(a.tenantId));
    expect(await modelRows(a.tenantId)).toEqual(before);
  });
});

describe("adopting a model", () => {
  it("copies the text into a draft, creates draft pilots with no partners, returns the checklist — and copies nothing private", async () => {
    const bBefore = await snapshot(b.tenantId);
    const pilotsBefore = await adminQuery<{ id: string }>(`select id from "Pilot" where "tenantId" = $1`, [b.tenantId]);
    const result = await adoptModel({ ctx: b.admin, modelSlug: a.slug, today: TODAY });

    expect(result.checklist).toEqual([
      { organisationType: "PUBLIC_EMPLOYMENT_SERVICE", role: "Henviser og finansierer" },
      { organisationType: "SOCIAL_ENTERPRISE", role: "Driver arbeidstrening" },
      { organisationType: "VOLUNTEER_ORG", role: "Mentorer" },
    ]);
    expect(result.pilotsCreated).toBe(2);

    // The adopted model, every field.
    const [source] = await modelRows(a.tenantId);
    const rows = await modelRows(b.tenantId);
    expect(rows).toHaveLength(1);
    const adopted = rows[0];
    expect(Object.keys(adopted).sort()).toEqual([...MODEL_COLUMNS].sort());
    expect(adopted).toMatchObject({
      tenantId: b.tenantId,
      id: result.model.id,
      slug: b.slug,
      title: source.title,
      summary: source.summary,
      status: "DRAFT",
      publishedAt: null,
      sourceModelId: source.id,
    });
    const { results: sourceResults, ...sourceText } = source.content;
    expect(sourceResults).not.toBeNull();
    expect(adopted.content).toEqual({ ...sourceText, country: "NO", results: null });
    expect(paths(adopted.content).filter((p) => !CONTENT_PATHS.has(p))).toEqual([]);
    // Nothing of A's private data, and no reference to A's rows but the source model's id.
    const aPrivate = await privateValues(a.tenantId);
    expectNoPrivateData({ ...adopted, sourceModelId: null }, [...aPrivate, a.tenantId]);

    // The draft pilots, every field.
    const pilots = await adminQuery<Record<string, unknown>>(
      `select to_jsonb(p) as row from "Pilot" p where "tenantId" = $1 and not (id = any($2::text[])) order by name`,
      [b.tenantId, pilotsBefore.map((p) => p.id)],
    ).then((r) => r.map((x) => x.row as Record<string, unknown>));
    expect(pilots.map((p) => Object.keys(p).sort())[0]).toEqual(
      [
        "tenantId",
        "id",
        "name",
        "kind",
        "status",
        "description",
        "goal",
        "targetSharePercent",
        "startDate",
        "endDate",
        "createdAt",
        "updatedAt",
      ].sort(),
    );
    expect(pilots.map(({ id: _id, createdAt: _c, updatedAt: _u, ...p }) => p)).toEqual([
      {
        tenantId: b.tenantId,
        name: "Arbeidstrening",
        kind: "WORKPLACE_INTEGRATION",
        status: "DRAFT",
        description: null,
        goal: "Arbeidserfaring og referanser",
        targetSharePercent: 70,
        startDate: "2026-06-01",
        endDate: null,
      },
      {
        tenantId: b.tenantId,
        name: "Språk og mentor",
        kind: "WORKLIFE_LANGUAGE",
        status: "DRAFT",
        description: null,
        goal: null,
        targetSharePercent: null,
        startDate: "2026-06-01",
        endDate: null,
      },
    ]);
    expectNoPrivateData(pilots, [...aPrivate, a.tenantId]);
    const links = await adminQuery(
      `select * from "PilotOrganisation" where "tenantId" = $1 and "pilotId" = any($2::text[])`,
      [b.tenantId, pilots.map((p) => p.id)],
    );
    expect(links).toEqual([]);

    // Nothing else of B changed: no participants, organisations, consents, enrolments, pathways or members.
    const bAfter = await snapshot(b.tenantId);
    for (const table of [
      "Participant",
      "Consent",
      "Enrolment",
      "Activity",
      "Outcome",
      "Organisation",
      "Membership",
      "ParticipantCodeCounter",
    ]) {
      expect(bAfter[table], table).toEqual(bBefore[table]);
    }
    expect(await auditCount(b.tenantId, "model.adopted")).toBe(1);
    // Nothing about A changed either.
    expect((await modelRows(a.tenantId))[0]).toEqual(source);

    // B's page: the checklist against B's partners (B has a PUBLIC_EMPLOYMENT_SERVICE already).
    const page = await getTenantModel(b.admin);
    expect(page?.source).toEqual({ slug: a.slug, title: source.title });
    expect(page?.checklist.map((c) => [c.organisationType, c.present])).toEqual([
      ["PUBLIC_EMPLOYMENT_SERVICE", 1],
      ["SOCIAL_ENTERPRISE", 0],
      ["VOLUNTEER_ORG", 0],
    ]);
  });

  it("does not repeat pilots on a second adoption, and replaces the draft's text", async () => {
    await saveModel({ ctx: b.admin, data: modelInput({ slug: b.slug, title: "Vår egen tittel" }) });
    const again = await adoptModel({ ctx: b.admin, modelSlug: a.slug, today: TODAY });
    expect(again.pilotsCreated).toBe(0);
    expect(again.model.slug).toBe(b.slug);
    expect((await modelRows(b.tenantId))[0].title).toBe(`Modell ${a.slug}`);
  });

  it("publishing the adopted model publishes the adopter's own results, and points back at the source", async () => {
    const published = await publishModel({ ctx: b.admin, threshold: THRESHOLD, today: TODAY });
    // B has published no release (and has no one enrolled): the model states no figures rather than A's.
    expect(published.content.results).toBeNull();
    expect((await getPublishedModel(b.slug))?.source).toEqual({ slug: a.slug, title: `Modell ${a.slug}` });
    // A published model is not replaced by an adoption.
    await expectAppError(() => adoptModel({ ctx: b.admin, modelSlug: a.slug }), "CONFLICT", {
      messageKey: "models:errors.unpublishFirst",
    });
    await unpublishModel({ ctx: b.admin });
    expect(await getPublishedModel(b.slug)).toBeNull();
  });

  it("refuses a draft, an unknown or one's own model", async () => {
    const t = await createTenantWithStaff(`md${token()}`);
    const draftSlug = `draft-${token()}`;
    await saveModel({ ctx: t.admin, data: modelInput({ slug: draftSlug }) });
    await expectAppError(() => adoptModel({ ctx: b.admin, modelSlug: draftSlug }), "NOT_FOUND");
    await expectAppError(() => adoptModel({ ctx: b.admin, modelSlug: `nope-${token()}` }), "NOT_FOUND");
    await expectAppError(() => adoptModel({ ctx: a.admin, modelSlug: a.slug }), "INVALID_INPUT", {
      messageKey: "models:errors.ownModel",
    });
    // An unpublished model cannot be adopted any more.
    await unpublishModel({ ctx: a.admin });
    await expectAppError(() => adoptModel({ ctx: t.admin, modelSlug: a.slug }), "NOT_FOUND");
    expect(await adminQuery(`select id from "Pilot" where "tenantId" = $1 and status = 'DRAFT'`, [t.tenantId])).toEqual(
      [],
    );
  });

  it("gives a new tenant a free slug when its own is taken", async () => {
    const t = await createTenantWithStaff(`mf${token()}`);
    // Another tenant holds a model at t's slug.
    await saveModel({ ctx: (await createTenantWithStaff(`mg${token()}`)).admin, data: modelInput({ slug: t.slug }) });
    await publishModel({ ctx: a.admin, threshold: THRESHOLD });
    const result = await adoptModel({ ctx: t.admin, modelSlug: a.slug });
    expect(result.model.slug).toBe(`${t.slug}-model`);
  });
});
