/**
 * Row-level security on PartnershipMember, tested in SQL as the app's database role: a tenant reads the member
 * rows of the partnerships it belongs to and writes only its own; invitations go through the one narrow
 * function; a user (no tenant set) reads the member rows of their tenants' partnerships.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { inject } from "vitest";
import { appDb, uniqueSlug } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { createPartnership } from "../../lib/partnerships/create-partnership.ts";
import { invitePartnershipMember } from "../../lib/partnerships/invite-partnership-member.ts";
import { respondToPartnership } from "../../lib/partnerships/respond-to-partnership.ts";
import { setIndicatorSharing } from "../../lib/partnerships/set-indicator-sharing.ts";
import { adminQuery, createTenantWithStaff, type Tenant } from "./helpers/coordinator.ts";

let app: pg.Client;
let x: Tenant, y: Tenant, z: Tenant, w: Tenant;
let p1: string, p2: string;

/** One transaction as the app role, with the tenant (and user) set as withTenant / withUser set them. */
async function asApp<T>(settings: { tenant?: string; user?: string }, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  await app.query("begin");
  try {
    await app.query("select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [
      settings.tenant ?? "",
      settings.user ?? "",
    ]);
    return await fn(app);
  } finally {
    await app.query("rollback");
  }
}

const memberRows = (settings: { tenant?: string; user?: string }) =>
  asApp(
    settings,
    async (c) =>
      (
        await c.query<{ partnershipId: string; tenantId: string }>(
          `select "partnershipId", "tenantId" from "PartnershipMember" order by 1, 2`,
        )
      ).rows,
  );

beforeAll(async () => {
  app = new pg.Client({ connectionString: inject("appUrl") });
  await app.connect();
  [x, y, z, w] = await Promise.all(["rls-px", "rls-py", "rls-pz", "rls-pw"].map((p) => createTenantWithStaff(p)));
  p1 = (await createPartnership({ ctx: x.admin, name: "P1", slug: uniqueSlug("rls-p1") })).id;
  await invitePartnershipMember({ ctx: x.admin, partnershipId: p1, tenantSlug: y.slug });
  await respondToPartnership({ ctx: y.admin, partnershipId: p1, answer: "accept" });
  await setIndicatorSharing({ ctx: y.admin, partnershipId: p1, share: true });
  p2 = (await createPartnership({ ctx: z.admin, name: "P2", slug: uniqueSlug("rls-p2") })).id;
});

afterAll(async () => {
  await app.end();
  await appDb().$disconnect();
  await db().$disconnect();
});

describe("PartnershipMember under row-level security, as the app role", () => {
  it("is enabled and forced, with policies", async () => {
    const [row] = await adminQuery<{ enabled: boolean; forced: boolean; policies: number }>(`
      select c.relrowsecurity as enabled, c.relforcerowsecurity as forced, (select count(*)::int from pg_policies p where p.tablename = c.relname) as policies
      from pg_class c where c.relname = 'PartnershipMember'`);
    expect(row).toEqual({ enabled: true, forced: true, policies: 5 });
  });

  it("shows a tenant the member rows of its own partnerships only, and a user those of their tenants' partnerships", async () => {
    const of = (rows: { partnershipId: string; tenantId: string }[]) =>
      rows
        .map((r) => `${r.partnershipId === p1 ? "P1" : r.partnershipId === p2 ? "P2" : "other"}:${r.tenantId}`)
        .filter((r) => !r.startsWith("other"))
        .sort();
    expect(of(await memberRows({ tenant: x.tenantId }))).toEqual([`P1:${x.tenantId}`, `P1:${y.tenantId}`].sort());
    expect(of(await memberRows({ tenant: y.tenantId }))).toEqual([`P1:${x.tenantId}`, `P1:${y.tenantId}`].sort());
    expect(of(await memberRows({ tenant: z.tenantId }))).toEqual([`P2:${z.tenantId}`]);
    expect(await memberRows({ tenant: w.tenantId })).toEqual([]);
    expect(await memberRows({})).toEqual([]);
    expect(of(await memberRows({ user: y.partner.userId }))).toEqual([`P1:${x.tenantId}`, `P1:${y.tenantId}`].sort());
    expect(await memberRows({ user: w.coordinator.userId })).toEqual([]);
  });

  it("does not let a tenant change or delete another tenant's row, or another partnership's", async () => {
    const changed = await asApp({ tenant: x.tenantId }, async (c) => [
      (await c.query(`update "PartnershipMember" set "sharesIndicators" = false where "tenantId" = $1`, [y.tenantId]))
        .rowCount,
      (await c.query(`update "PartnershipMember" set "sharesIndicators" = true where "partnershipId" = $1`, [p2]))
        .rowCount,
      (await c.query(`delete from "PartnershipMember" where "tenantId" <> $1`, [x.tenantId])).rowCount,
    ]);
    expect(changed).toEqual([0, 0, 0]);
    const [member] = await adminQuery<{ sharesIndicators: boolean }>(
      `select "sharesIndicators" from "PartnershipMember" where "partnershipId" = $1 and "tenantId" = $2`,
      [p1, y.tenantId],
    );
    expect(member.sharesIndicators).toBe(true);
  });

  it("refuses a row for another tenant, and joining an existing partnership without an invitation", async () => {
    await expect(
      asApp({ tenant: x.tenantId }, (c) =>
        c.query(`insert into "PartnershipMember" ("partnershipId", "tenantId", status) values ($1, $2, 'ACTIVE')`, [
          p2,
          y.tenantId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asApp({ tenant: w.tenantId }, (c) =>
        c.query(
          `insert into "PartnershipMember" ("partnershipId", "tenantId", status, "sharesIndicators") values ($1, $2, 'ACTIVE', true)`,
          [p1, w.tenantId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("lets a tenant move its own row only as answering and leaving do", async () => {
    await asApp({ tenant: y.tenantId }, async (c) => {
      expect(
        (
          await c.query(
            `update "PartnershipMember" set "sharesIndicators" = false where "partnershipId" = $1 and "tenantId" = $2`,
            [p1, y.tenantId],
          )
        ).rowCount,
      ).toBe(1);
    });
    await expect(
      asApp({ tenant: y.tenantId }, (c) =>
        c.query(`update "PartnershipMember" set status = 'INVITED' where "partnershipId" = $1 and "tenantId" = $2`, [
          p1,
          y.tenantId,
        ]),
      ),
    ).rejects.toThrow(/cannot change from ACTIVE to INVITED/);
    await expect(
      asApp({ tenant: y.tenantId }, (c) =>
        c.query(`update "PartnershipMember" set "tenantId" = $3 where "partnershipId" = $1 and "tenantId" = $2`, [
          p1,
          y.tenantId,
          w.tenantId,
        ]),
      ),
    ).rejects.toThrow(/row-level security|keeps its partnership/);
  });

  it("invites only through the narrow function, and only as an active member", async () => {
    const invite = (tenant: string, partnership: string, slug: string) =>
      asApp(
        { tenant },
        async (c) =>
          (await c.query<{ r: string }>(`select samspill_invite_partnership_member($1, $2) as r`, [partnership, slug]))
            .rows[0].r,
      );
    expect(await invite(w.tenantId, p1, w.slug)).toBe("not_member");
    expect(await invite(w.tenantId, p2, z.slug)).toBe("not_member");
    expect(await invite(x.tenantId, p1, "no-such-municipality")).toBe("unknown_tenant");
    expect(await invite(x.tenantId, p1, y.slug)).toBe("already_member");
    expect(await invite(x.tenantId, p1, w.slug)).toBe("invited"); // rolled back with the transaction
    expect(
      await asApp(
        {},
        async (c) =>
          (await c.query<{ r: string }>(`select samspill_invite_partnership_member($1, $2) as r`, [p1, w.slug])).rows[0]
            .r,
      ),
    ).toBe("not_member");
    const [{ n }] = await adminQuery<{ n: number }>(
      `select count(*)::int as n from "PartnershipMember" where "tenantId" = $1`,
      [w.tenantId],
    );
    expect(n).toBe(0);
  });
});
