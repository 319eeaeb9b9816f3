import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, withAdmin } from "../support/db.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { summariseFollowUpsDue } from "../../lib/outcomes/summarise-follow-ups.ts";
import { demoContext } from "./helpers/demo.ts";

type Row = Record<string, unknown>;
const q = (sql: string, params: unknown[] = []) => withAdmin(async (c) => (await c.query(sql, params)).rows as Row[]);
const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await q(sql, params))[0])[0]);

/** Each participant's status at the last follow-up recorded for them. */
const latestOutcome = `
  select distinct on (o."participantId") o."participantId", o.status
  from "Outcome" o join "Tenant" t on t.id = o."tenantId"
  where t.slug = $1
  order by o."participantId", o."observedAt" desc`;

beforeAll(async () => {
  await seedDemoData(appDb());
}, 180_000);

afterAll(async () => {
  await appDb().$disconnect();
});

describe("demo data", () => {
  it("has the Verdal figures of SINTEF's evaluation: 42 participants, 25 of the 29 first-cohort in permanent work", async () => {
    expect(
      await one(`select count(*) from "Participant" p join "Tenant" t on t.id = p."tenantId" where t.slug = 'verdal'`),
    ).toBe(42);
    const firstCohort = await q(`
      select e."participantId" from "Enrolment" e join "Tenant" t on t.id = e."tenantId"
      where t.slug = 'verdal' and e."startDate" < '2008-01-01'`);
    expect(firstCohort).toHaveLength(29);
    const latest = new Map((await q(latestOutcome, ["verdal"])).map((r) => [r.participantId, r.status]));
    const permanent = firstCohort.filter((r) => latest.get(r.participantId) === "PERMANENT_JOB");
    expect(permanent).toHaveLength(25);
    const inWorkOrVocational = [...latest.values()].filter((s) =>
      ["PERMANENT_JOB", "TEMPORARY_JOB", "VOCATIONAL_TRAINING"].includes(s as string),
    );
    expect(inWorkOrVocational).toHaveLength(39);
  });

  it("has 16 participating businesses and the four Verdal pilot kinds", async () => {
    expect(
      await one(
        `select count(*) from "Organisation" o join "Tenant" t on t.id = o."tenantId" where t.slug = 'verdal' and o.type = 'BUSINESS'`,
      ),
    ).toBe(16);
    const kinds = (
      await q(`select p.kind from "Pilot" p join "Tenant" t on t.id = p."tenantId" where t.slug = 'verdal' order by 1`)
    ).map((r) => r.kind);
    expect(kinds).toEqual([
      "WORKLIFE_LANGUAGE",
      "PLACEMENT_RECRUITMENT",
      "WORKPLACE_INTEGRATION",
      "ALTERNATIVE_VOCATIONAL",
    ]);
  });

  it("has Åre's settled refugees at about 85 % in work or education", async () => {
    const rows = await q(`
      select distinct on (o."participantId") o.status
      from "Outcome" o join "Participant" p on p."tenantId" = o."tenantId" and p.id = o."participantId"
      join "Tenant" t on t.id = o."tenantId"
      where t.slug = 'are' and p."targetGroup" = 'SETTLED_REFUGEE'
      order by o."participantId", o."observedAt" desc`);
    const inWorkOrEducation = rows.filter((r) =>
      ["PERMANENT_JOB", "TEMPORARY_JOB", "EDUCATION", "VOCATIONAL_TRAINING"].includes(r.status as string),
    );
    expect(rows.length).toBe(20);
    expect(inWorkOrEducation.length / rows.length).toBeCloseTo(0.85, 2);
  });

  it("has the Inderøy–Åre partnership across the border and the demo accounts", async () => {
    const members = await q(`
      select t.slug, t.country, m."sharesIndicators" from "PartnershipMember" m
      join "Partnership" p on p.id = m."partnershipId" join "Tenant" t on t.id = m."tenantId"
      where p.slug = 'inderoy-are' order by t.slug`);
    expect(members).toEqual([
      { slug: "are", country: "SE", sharesIndicators: true },
      { slug: "inderoy", country: "NO", sharesIndicators: true },
    ]);
    const accounts = await q(`
      select u.email, m.role, m."organisationId" is not null as bound from "User" u
      join "Membership" m on m."userId" = u.id order by u.email`);
    const emails = accounts.map((a) => a.email);
    for (const domain of ["verdal.demo", "inderoy.demo", "are.demo"]) {
      for (const local of ["admin", "koordinator", "partner"]) expect(emails).toContain(`${local}@${domain}`);
    }
    for (const a of accounts.filter((a) => String(a.email).startsWith("partner@")))
      expect(a).toMatchObject({ role: "PARTNER_VIEWER", bound: true });
  });

  it("has Inderøy's coordinator with work in progress, dated relative to the day the seed ran", async () => {
    // People in the programme now, with activities under way that started within the last seven months.
    const active = await q(`
      select p.id, min(a."startDate") as started,
             count(*) filter (where a.status = 'ONGOING') as ongoing
      from "Participant" p join "Tenant" t on t.id = p."tenantId"
      join "Activity" a on a."tenantId" = p."tenantId" and a."participantId" = p.id
      where t.slug = 'inderoy' and p.status = 'ACTIVE' group by p.id`);
    expect(active.length).toBeGreaterThanOrEqual(4);
    const daysAgo = (d: unknown) => (Date.now() - new Date(d as string).getTime()) / 86_400_000;
    for (const a of active) {
      expect(daysAgo(a.started)).toBeGreaterThanOrEqual(14);
      expect(daysAgo(a.started)).toBeLessThanOrEqual(7 * 31);
      expect(Number(a.ongoing)).toBeGreaterThan(0);
    }
    // Recent exits whose next follow-up falls due this month or is overdue: the follow-up list has work in it.
    const recentExits = await q(`
      select e."exitDate" from "Enrolment" e join "Tenant" t on t.id = e."tenantId"
      where t.slug = 'inderoy' and e."exitDate" > now() - interval '6 months'`);
    expect(recentExits.length).toBeGreaterThanOrEqual(2);
  });

  it("has Åre's coordinator with people in the programme now and follow-ups due, like Inderøy", async () => {
    expect(
      await one(`select count(*) from "Participant" p join "Tenant" t on t.id = p."tenantId" where t.slug = 'are'`),
    ).toBe(34);
    // In the programme now: sfi at Komvux and praktik in Åre's businesses, started within the last seven months.
    const active = await q(`
      select p.id, min(a."startDate") as started,
             count(*) filter (where a.status = 'ONGOING') as ongoing,
             count(*) filter (where a.type = 'LANGUAGE_TRAINING' and a.status = 'ONGOING' and o.name = 'Komvux Åre') as sfi
      from "Participant" p join "Tenant" t on t.id = p."tenantId"
      join "Activity" a on a."tenantId" = p."tenantId" and a."participantId" = p.id
      left join "Organisation" o on o."tenantId" = a."tenantId" and o.id = a."organisationId"
      where t.slug = 'are' and p.status = 'ACTIVE' group by p.id`);
    expect(active).toHaveLength(5);
    const daysAgo = (d: unknown) => (Date.now() - new Date(d as string).getTime()) / 86_400_000;
    for (const a of active) {
      expect(daysAgo(a.started)).toBeGreaterThanOrEqual(14);
      expect(daysAgo(a.started)).toBeLessThanOrEqual(7 * 31);
      expect(Number(a.ongoing)).toBeGreaterThan(0);
      expect(Number(a.sfi)).toBe(1);
    }
    // Three recent exits: two with a follow-up overdue, one with a follow-up due this month.
    const due = await summariseFollowUpsDue(await demoContext("koordinator@are.demo", "are"));
    expect(due).toMatchObject({ overdue: 2, dueThisMonth: 1 });
    expect(new Set(due.items.map((i) => i.code)).size).toBe(3);
  });

  it("is idempotent", async () => {
    // Only the demo tenants' rows: other test files write their own tenants at the same time.
    const demoRows = `
      select (select count(*) from "Activity" a join "Tenant" t on t.id = a."tenantId" where t.slug in ('verdal', 'inderoy', 'are'))
           + (select count(*) from "Participant" p join "Tenant" t on t.id = p."tenantId" where t.slug in ('verdal', 'inderoy', 'are'))`;
    const before = await one(demoRows);
    expect(before).toBeGreaterThan(0);
    expect(await seedDemoData(appDb())).toEqual([]);
    expect(await one(demoRows)).toBe(before);
  });

  it("stores no identity numbers and keeps names optional", async () => {
    const columns = (
      await q(`select column_name from information_schema.columns where table_name = 'Participant'`)
    ).map((r) => String(r.column_name).toLowerCase());
    expect(columns.filter((c) => /ssn|personnummer|fodselsnummer|nationalid|identity/.test(c))).toEqual([]);
    expect(await one(`select count(*) from "Participant" where name is null`)).toBeGreaterThan(0);
  });
});
