import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, withAdmin } from "../support/db.ts";
import { createTenantWithStaff, expectAppError, type Tenant } from "./helpers/coordinator.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { registerParticipant } from "../../lib/participants/register-participant.ts";
import { registerParticipantSchema } from "../../lib/participants/schemas.ts";
import { addActivity } from "../../lib/pathways/add-activity.ts";
import { addActivitySchema } from "../../lib/pathways/schemas.ts";
import { enrolParticipant } from "../../lib/enrolments/enrol-participant.ts";
import { exitEnrolment } from "../../lib/enrolments/exit-enrolment.ts";
import { recordOutcome } from "../../lib/outcomes/record-outcome.ts";
import { recordOutcomeSchema } from "../../lib/outcomes/schemas.ts";
import {
  applyRetention,
  eraseParticipant,
  exportParticipant,
  listDueForRetention,
} from "../../lib/participants/gdpr.ts";
import { computeIndicators } from "../../lib/dashboards/indicators.ts";

let t: Tenant;
const NAME = "Zyxwvu Qwertzson";
const NOTE = "Hemmelig notat plokmijn";

async function registerPathway(exitDate: string, name = NAME) {
  const p = await registerParticipant({
    ctx: t.coordinator,
    data: registerParticipantSchema.parse({
      name,
      birthYear: "1977",
      gender: "FEMALE",
      arrivalYear: "2015",
      languages: "ti, nb",
      targetGroup: "SETTLED_REFUGEE",
      consentFollowUp: "on",
      consentStatistics: "on",
      consentDate: "2015-01-10",
    }),
  });
  await addActivity({
    ctx: t.coordinator,
    participantId: p.id,
    data: addActivitySchema.parse({
      type: "WORK_PRACTICE",
      status: "COMPLETED",
      startDate: "2015-02-01",
      endDate: exitDate,
      note: NOTE,
      organisationId: t.organisationId,
    }),
  });
  const enrolment = await enrolParticipant({
    ctx: t.coordinator,
    participantId: p.id,
    data: { pilotId: t.pilotId, startDate: new Date("2015-02-01") },
  });
  await exitEnrolment({
    ctx: t.coordinator,
    participantId: p.id,
    enrolmentId: enrolment.id,
    data: { exitDate: new Date(exitDate), exitReason: "GOT_JOB" },
  });
  await recordOutcome({
    ctx: t.coordinator,
    participantId: p.id,
    data: recordOutcomeSchema.parse({
      enrolmentId: enrolment.id,
      point: "AT_EXIT",
      status: "PERMANENT_JOB",
      workingTime: "FULL_TIME",
      observedAt: exitDate,
      note: NOTE,
    }),
  });
  return p;
}

const totals = () =>
  withTenant(
    t,
    async (tx) =>
      (await computeIndicators(tx, { tenantId: t.tenantId, filters: { point: "AT_EXIT" } })).find(
        (g) => g.dimension === "total",
      )!.row,
  );

/** Every text, JSON and array column of every table, searched for the value (as the database owner): the
 * rows of this tenant in tenant tables (other test files share the database), every row of global ones. */
async function findEverywhere(value: string): Promise<string[]> {
  return withAdmin(async (c) => {
    const columns = (
      await c.query(`
      select c.table_name, c.column_name,
             exists (select 1 from information_schema.columns k where k.table_schema = 'public' and k.table_name = c.table_name and k.column_name = 'tenantId') as scoped
      from information_schema.columns c
      where c.table_schema = 'public' and c.table_name <> '_prisma_migrations'
        and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`)
    ).rows;
    const hits: string[] = [];
    for (const { table_name, column_name, scoped } of columns) {
      const { rowCount } = scoped
        ? await c.query(
            `select 1 from "${table_name}" where "tenantId" = $2 and "${column_name}"::text ilike $1 limit 1`,
            [`%${value}%`, t.tenantId],
          )
        : await c.query(`select 1 from "${table_name}" where "${column_name}"::text ilike $1 limit 1`, [`%${value}%`]);
      if (rowCount) hits.push(`${table_name}.${column_name}`);
    }
    return hits;
  });
}

beforeAll(async () => {
  t = await createTenantWithStaff("gdpr");
});
afterAll(async () => {
  await appDb().$disconnect();
});

describe("GDPR", () => {
  it("exports everything stored about a participant, and audits the export", async () => {
    const p = await registerPathway("2016-03-01");
    const data = await exportParticipant(t.admin, p.id);
    expect(data.participant).toMatchObject({ code: p.code, name: NAME, birthYear: 1977, languages: ["ti", "nb"] });
    expect(data.consents.map((c) => c.purpose).sort()).toEqual(["FOLLOW_UP", "STATISTICS"]);
    expect(data.activities[0].note).toBe(NOTE);
    expect(data.outcomes[0]).toMatchObject({ point: "AT_EXIT", status: "PERMANENT_JOB", note: NOTE });
    const audit = await withAdmin(
      async (c) =>
        (
          await c.query(
            `select action from "AuditEvent" where "participantId" = $1 and action = 'participant.exported'`,
            [p.id],
          )
        ).rowCount,
    );
    expect(audit).toBe(1);
    await expectAppError(() => exportParticipant(t.coordinator, p.id), "NOT_FOUND");
  });

  it("erases the personal data in one transaction, keeps the statistics and leaves the values nowhere", async () => {
    const p = await registerPathway("2016-04-01", `${NAME} Two`);
    const before = await totals();
    await expectAppError(
      () => eraseParticipant({ ctx: t.admin, participantId: p.id, confirmCode: "WRONG-1" }),
      "INVALID_INPUT",
      { fieldErrors: { confirmCode: "validation.confirmCode" } },
    );
    expect(await findEverywhere(`${NAME} Two`)).toEqual(["Participant.name"]);
    await expectAppError(
      () => eraseParticipant({ ctx: t.coordinator, participantId: p.id, confirmCode: p.code }),
      "NOT_FOUND",
    );

    await eraseParticipant({ ctx: t.admin, participantId: p.id, confirmCode: p.code.toLowerCase() });
    expect(await totals()).toEqual(before);
    for (const value of [`${NAME} Two`, p.code]) expect(await findEverywhere(value), value).toEqual([]);
    const row = await withAdmin(
      async (c) =>
        (
          await c.query<{
            name: string | null;
            birthYear: number | null;
            languages: string[];
            anonymous: boolean;
            anonymisedAt: Date | null;
          }>(`select name, "birthYear", languages, anonymous, "anonymisedAt" from "Participant" where id = $1`, [p.id])
        ).rows[0],
    );
    expect(row).toMatchObject({ name: null, birthYear: null, languages: [], anonymous: true });
    expect(row.anonymisedAt).not.toBeNull();
    const erasedAudit = await withAdmin(
      async (c) =>
        (
          await c.query(`select 1 from "AuditEvent" where "participantId" = $1 and action = 'participant.erased'`, [
            p.id,
          ])
        ).rowCount,
    );
    expect(erasedAudit).toBe(1);
    await expectAppError(() => exportParticipant(t.admin, p.id), "NOT_FOUND");
  });

  it("lists participants past the retention period and anonymises them in bulk", async () => {
    const old = await registerPathway("2017-01-15", "Retention Oldperson");
    const recent = await registerParticipant({
      ctx: t.coordinator,
      data: registerParticipantSchema.parse({
        name: "Retention Recent",
        targetGroup: "IMMIGRANT",
        consentFollowUp: "on",
        consentDate: "2026-01-01",
      }),
    });
    const due = await listDueForRetention(t.admin, new Date("2026-11-24"));
    expect(due.participants.map((p) => p.id)).toContain(old.id);
    expect(due.participants.map((p) => p.id)).not.toContain(recent.id);
    expect(await applyRetention(t.admin, new Date("2026-11-24"))).toBeGreaterThanOrEqual(1);
    expect(await findEverywhere("Retention Oldperson")).toEqual([]);
    expect(await findEverywhere("Retention Recent")).toEqual(["Participant.name"]);
    await expectAppError(() => listDueForRetention(t.coordinator), "NOT_FOUND");
  });
});
