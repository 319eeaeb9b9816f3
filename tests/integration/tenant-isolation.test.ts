import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDb, createTenantFixture, withAdmin } from "../support/db.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { UnscopedQueryError } from "../../lib/db/guard.ts";

type Fixture = Awaited<ReturnType<typeof createTenantFixture>>;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  a = await createTenantFixture("a");
  b = await createTenantFixture("b");
});

afterAll(async () => {
  await appDb().$disconnect();
});

describe("row-level security through withTenant", () => {
  it("sees its own rows", async () => {
    const own = await withTenant(a, (tx) => tx.participant.findMany({ where: { tenantId: a.tenantId } }));
    expect(own.map((p) => p.id)).toEqual([a.participantId]);
  });

  it("returns nothing of another tenant, even when the query names its ids", async () => {
    await withTenant(a, async (tx) => {
      expect(
        await tx.participant.findUnique({ where: { tenantId_id: { tenantId: b.tenantId, id: b.participantId } } }),
      ).toBeNull();
      expect(await tx.participant.findMany({ where: { tenantId: b.tenantId } })).toEqual([]);
      expect(await tx.organisation.findFirst({ where: { tenantId: b.tenantId, id: b.organisationId } })).toBeNull();
      expect(await tx.pilot.count({ where: { tenantId: b.tenantId } })).toBe(0);
      const raw = await tx.$queryRaw<
        { n: bigint }[]
      >`select count(*) as n from "Participant" where id = ${b.participantId}`;
      expect(Number(raw[0].n)).toBe(0);
    });
  });

  it("rejects an insert of a row that carries another tenant's id", async () => {
    await expect(
      withTenant(a, (tx) =>
        tx.participant.create({ data: { tenantId: b.tenantId, code: "X-1", targetGroup: "IMMIGRANT" } }),
      ),
    ).rejects.toThrow(/row-level security|violates/i);
    const count = await withAdmin(
      async (c) =>
        (await c.query<{ n: number }>(`select count(*)::int n from "Participant" where code = 'X-1'`)).rows[0].n,
    );
    expect(count).toBe(0);
  });

  it("changes nothing of another tenant through update or delete", async () => {
    const updated = await withTenant(a, (tx) =>
      tx.participant.updateMany({ where: { tenantId: b.tenantId, id: b.participantId }, data: { name: "Hijacked" } }),
    );
    expect(updated.count).toBe(0);
    const deleted = await withTenant(a, (tx) => tx.organisation.deleteMany({ where: { tenantId: b.tenantId } }));
    expect(deleted.count).toBe(0);
    const name = await withAdmin(
      async (c) =>
        (await c.query<{ name: string | null }>(`select name from "Participant" where id = $1`, [b.participantId]))
          .rows[0].name,
    );
    expect(name).toBe("Test Person");
  });

  it("cannot point a row at another tenant's record (composite foreign keys)", async () => {
    await expect(
      withTenant(a, (tx) =>
        tx.activity.create({
          data: {
            tenantId: a.tenantId,
            participantId: a.participantId,
            organisationId: b.organisationId,
            type: "WORK_PRACTICE",
            startDate: new Date("2026-02-01"),
          },
        }),
      ),
    ).rejects.toThrow(/foreign key/i);
  });

  it("sees no tenant rows when no tenant is set", async () => {
    const rows = await appDb().$transaction(
      (tx) => tx.$queryRaw<{ n: bigint }[]>`select count(*) as n from "Participant"`,
    );
    expect(Number(rows[0].n)).toBe(0);
    const orgs = await appDb().$queryRaw<{ n: bigint }[]>`select count(*) as n from "Organisation"`;
    expect(Number(orgs[0].n)).toBe(0);
  });

  it("rolls the whole unit of work back when any part fails", async () => {
    await expect(
      withTenant(a, async (tx) => {
        await tx.organisation.create({ data: { tenantId: a.tenantId, name: "Half-made AS", type: "BUSINESS" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const found = await withTenant(a, (tx) =>
      tx.organisation.findFirst({ where: { tenantId: a.tenantId, name: "Half-made AS" } }),
    );
    expect(found).toBeNull();
  });

  it("refuses bulk queries on tenant tables that do not name the tenant", async () => {
    await expect(withTenant(a, (tx) => tx.participant.findMany())).rejects.toBeInstanceOf(UnscopedQueryError);
    await expect(withTenant(a, (tx) => tx.activity.deleteMany({ where: {} }))).rejects.toBeInstanceOf(
      UnscopedQueryError,
    );
  });
});

describe("the database itself", () => {
  it("connects the app as a role that cannot bypass row-level security", async () => {
    const rows = await appDb().$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean; owner: boolean }[]>`
      select rolsuper, rolbypassrls,
             exists (select 1 from pg_tables where tableowner = current_user and schemaname = 'public') as owner
      from pg_roles where rolname = current_user`;
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owner: false });
  });

  it("has row-level security enabled and forced on every table with a tenantId", async () => {
    // PartnershipMember too: its policies let a tenant read its partnerships' member rows (tests/integration/partnership-rls.test.ts).
    const shared: string[] = [];
    const tables = await withAdmin(
      async (c) =>
        (
          await c.query<{ table: string; enabled: boolean; forced: boolean; policies: number }>(`
        select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
               (select count(*)::int from pg_policies p where p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and exists (select 1 from information_schema.columns col
                      where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'tenantId')
        order by 1`)
        ).rows,
    );
    expect(tables.length).toBeGreaterThanOrEqual(11);
    for (const t of tables.filter((t) => !shared.includes(t.table))) {
      expect({ table: t.table, enabled: t.enabled, forced: t.forced, hasPolicy: t.policies > 0 }).toEqual({
        table: t.table,
        enabled: true,
        forced: true,
        hasPolicy: true,
      });
    }
  });

  it("keys every tenant table on tenantId first", async () => {
    const keys = await withAdmin(
      async (c) =>
        (
          await c.query<{ table: string; first: string }>(`
        select tc.table_name as table, kcu.column_name as first
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.ordinal_position = 1
        where tc.table_schema = 'public' and tc.constraint_type = 'PRIMARY KEY'
          and exists (select 1 from information_schema.columns col where col.table_name = tc.table_name and col.column_name = 'tenantId')
          and tc.table_name <> 'PartnershipMember'`)
        ).rows,
    );
    expect(keys.length).toBeGreaterThanOrEqual(11);
    for (const k of keys) expect(k).toEqual({ table: k.table, first: "tenantId" });
  });

  it("keeps the audit log append-only for the app", async () => {
    await withTenant(a, (tx) =>
      tx.auditEvent.create({ data: { tenantId: a.tenantId, action: "test.event", entityType: "Test" } }),
    );
    await expect(
      withTenant(a, (tx) => tx.auditEvent.updateMany({ where: { tenantId: a.tenantId }, data: { action: "changed" } })),
    ).rejects.toThrow(/permission denied/i);
    await expect(withTenant(a, (tx) => tx.auditEvent.deleteMany({ where: { tenantId: a.tenantId } }))).rejects.toThrow(
      /permission denied/i,
    );
    // Not even the owner can rewrite history.
    await expect(
      withAdmin((c) => c.query(`update "AuditEvent" set action = 'x' where "tenantId" = $1`, [a.tenantId])),
    ).rejects.toThrow(/append-only/);
  });
});
