/**
 * Onboarding of a municipality (open mode): tenant, first administrator, membership and audit event in one
 * transaction; the conflicts it reports; nothing left behind by a failure part-way; the rate limit.
 *
 * The demo data (Verdal 5038, Inderøy 5053, Åre 2321) is seeded into the same database by other test files,
 * so these tests use other municipalities.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import pg from "pg";
import { inject } from "vitest";

vi.hoisted(() => {
  process.env.ONBOARDING_MODE = "open";
});

import { appDb, uniqueSlug, withAdmin } from "../support/db.ts";
import { db } from "../../lib/db/client.ts";
import { env } from "../../lib/env.ts";
import { AppError } from "../../lib/errors.ts";
import { onboardingSchema } from "../../lib/onboarding/schemas.ts";
import { onboardMunicipality } from "../../lib/onboarding/onboard-municipality.ts";
import { MUNICIPALITIES } from "../../lib/onboarding/municipalities.ts";
import { hitRateLimit } from "../../lib/security/rate-limit.ts";
import { resolveTenantContext } from "../../lib/auth/context.ts";
import { listMemberships } from "../../lib/auth/memberships.ts";
import { verifyPassword } from "../../lib/auth/password.ts";
import { adminQuery, expectAppError } from "./helpers/coordinator.ts";

afterAll(async () => {
  await appDb().$disconnect();
  await db().$disconnect();
});

const code = (country: "NO" | "SE", name: string) => {
  const m = MUNICIPALITIES[country].find((x) => x.name === name);
  if (!m) throw new Error(`no municipality ${name}`);
  return m.code;
};

const email = (prefix: string) => `${uniqueSlug(prefix)}@example.test`;

/** The form as the server action parses it. */
function input(overrides: Record<string, unknown>) {
  return onboardingSchema.parse({
    country: "NO",
    defaultLocale: "nb",
    adminName: "Første Admin",
    adminEmail: email("admin"),
    password: "correct horse battery staple",
    website: "",
    ...overrides,
  });
}

const countRows = async (sql: string, params: unknown[]) => (await adminQuery<{ n: number }>(sql, params))[0].n;

/** Every row that an onboarding of this slug, municipality and e-mail could have left. */
async function leftovers(slug: string, country: string, municipalityCode: string, adminEmail: string) {
  return withAdmin(async (c) => {
    // count(*) is a bigint, which pg gives as text.
    const one = async (sql: string, params: unknown[]) => Number((await c.query<{ n: string }>(sql, params)).rows[0].n);
    return {
      tenants: await one(
        `select count(*) n from "Tenant" where slug = $1 or (country::text = $2 and "municipalityCode" = $3)`,
        [slug, country, municipalityCode],
      ),
      users: await one(`select count(*) n from "User" where email = $1`, [adminEmail]),
      memberships: await one(
        `select count(*) n from "Membership" m join "User" u on u.id = m."userId" where u.email = $1`,
        [adminEmail],
      ),
      audit: await one(
        `select count(*) n from "AuditEvent" a join "Tenant" t on t.id = a."tenantId" where t.slug = $1`,
        [slug],
      ),
    };
  });
}

/**
 * Holds a row in an open transaction of the database owner while `call` runs, and ends that transaction
 * (commit or rollback) once the call's own insert is waiting for it on a unique index. That reproduces,
 * deterministically, two sign-ups that both passed the up-front checks.
 */
async function whileRowIsHeld<T>(
  insertSql: string,
  params: unknown[],
  end: "commit" | "rollback",
  call: () => Promise<T>,
) {
  const holder = new pg.Client({ connectionString: inject("adminUrl") });
  await holder.connect();
  try {
    const { rows } = await holder.query<{ pid: number }>("select pg_backend_pid() pid");
    const holderPid = Number(rows[0].pid);
    await holder.query("begin");
    await holder.query(insertSql, params);
    const settled = call().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    let blocked = false;
    for (let i = 0; i < 200 && !blocked; i++) {
      const [{ n }] = await adminQuery<{ n: number }>(
        `select count(*)::int n from pg_stat_activity where datname = current_database() and $1 = any(pg_blocking_pids(pid))`,
        [holderPid],
      );
      blocked = n > 0;
      if (!blocked) await new Promise((r) => setTimeout(r, 25));
    }
    await holder.query(end);
    const result = await settled;
    return { blocked, result };
  } finally {
    await holder.end();
  }
}

const insertUser = `insert into "User" (id, email, name, "passwordHash", "updatedAt") values ($1, $2, 'Raced', 'x', now())`;
const insertTenant = `insert into "Tenant" (id, slug, name, country, "municipalityCode", "defaultLocale", "codePrefix", "updatedAt")
  values ($1, $2, 'Raced', $3, $4, 'nb', 'RAC', now())`;
const rid = () => `race${randomBytes(6).toString("hex")}`;

describe("onboardMunicipality", () => {
  it("runs in open mode in this file", () => {
    expect(env().ONBOARDING_MODE).toBe("open");
  });

  it("creates the tenant, its first administrator, the membership and an audit event, in one transaction", async () => {
    const slug = uniqueSlug("levanger");
    const data = input({
      municipalityCode: code("NO", "Levanger"),
      slug,
      adminName: "Lise Levanger",
      adminEmail: `  ${email("Lise").toUpperCase()} `,
    });
    const result = await onboardMunicipality(data);
    const anyString: unknown = expect.any(String);
    expect(result).toEqual({
      tenantId: anyString,
      slug,
      name: "Levanger kommune",
      status: "ACTIVE",
      userId: anyString,
    });

    const [tenant] = await adminQuery(
      `select slug, name, country, "municipalityCode", "defaultLocale", "codePrefix", status, xmin::text as tx from "Tenant" where id = $1`,
      [result.tenantId],
    );
    expect(tenant).toMatchObject({
      slug,
      name: "Levanger kommune",
      country: "NO",
      municipalityCode: "5037",
      defaultLocale: "nb",
      codePrefix: "LEV",
      status: "ACTIVE",
    });

    const [user] = await adminQuery<{
      email: string;
      name: string;
      passwordHash: string;
      platformAdmin: boolean;
      tx: string;
    }>(`select email, name, "passwordHash", "platformAdmin", xmin::text as tx from "User" where id = $1`, [
      result.userId,
    ]);
    expect(user).toMatchObject({ email: data.adminEmail, name: "Lise Levanger", platformAdmin: false });
    expect(user.email).toBe(user.email.toLowerCase());
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(user.passwordHash, "wrong password!!")).toBe(false);

    const memberships = await adminQuery(
      `select "userId", role, "organisationId", xmin::text as tx from "Membership" where "tenantId" = $1`,
      [result.tenantId],
    );
    expect(memberships).toEqual([{ userId: result.userId, role: "TENANT_ADMIN", organisationId: null, tx: tenant.tx }]);

    const audit = await adminQuery(
      `select action, "actorId", "entityType", "entityId", details, xmin::text as tx from "AuditEvent" where "tenantId" = $1`,
      [result.tenantId],
    );
    expect(audit).toEqual([
      {
        action: "tenant.onboarded",
        actorId: result.userId,
        entityType: "Tenant",
        entityId: result.tenantId,
        details: { status: "ACTIVE" },
        tx: tenant.tx,
      },
    ]);

    // The four rows were written by the same database transaction.
    expect(user.tx).toBe(tenant.tx);

    // The new administrator can use the tenant at once.
    expect(await resolveTenantContext(result.userId, slug)).toMatchObject({
      tenantId: result.tenantId,
      role: "TENANT_ADMIN",
      tenantName: "Levanger kommune",
    });
    expect(await listMemberships(result.userId)).toEqual([
      {
        tenantId: result.tenantId,
        tenantSlug: slug,
        tenantName: "Levanger kommune",
        defaultLocale: "nb",
        country: "NO",
        role: "TENANT_ADMIN",
        organisationId: null,
        requireOidc: false,
        requireTotpForAdmins: false,
      },
    ]);
  });

  it("names a Swedish municipality 'kommun' and keeps its language", async () => {
    const slug = uniqueSlug("ostersund");
    const result = await onboardMunicipality(
      input({ country: "SE", municipalityCode: code("SE", "Östersund"), slug, defaultLocale: "sv" }),
    );
    expect(result).toMatchObject({ name: "Östersund kommun", status: "ACTIVE" });
    const [tenant] = await adminQuery(`select country, "defaultLocale", "codePrefix" from "Tenant" where id = $1`, [
      result.tenantId,
    ]);
    expect(tenant).toEqual({ country: "SE", defaultLocale: "sv", codePrefix: "OST" });
  });

  it("rejects a code that is not a municipality of the chosen country, creating nothing", async () => {
    const slug = uniqueSlug("nowhere");
    const data = input({ country: "SE", municipalityCode: code("NO", "Steinkjer"), slug });
    await expectAppError(() => onboardMunicipality(data), "INVALID_INPUT", {
      fieldErrors: { municipalityCode: "validation.chooseMunicipality" },
    });
    expect(await leftovers(slug, "SE", data.municipalityCode, data.adminEmail)).toEqual({
      tenants: 0,
      users: 0,
      memberships: 0,
      audit: 0,
    });
  });

  describe("conflicts", () => {
    const frosta = code("NO", "Frosta");
    let taken: { slug: string; adminEmail: string; tenantId: string };

    beforeAll(async () => {
      const data = input({ municipalityCode: frosta, slug: uniqueSlug("frosta") });
      const result = await onboardMunicipality(data);
      taken = { slug: data.slug, adminEmail: data.adminEmail, tenantId: result.tenantId };
    });

    it("refuses a second sign-up for the same municipality with validation.municipalityTaken", async () => {
      const slug = uniqueSlug("frosta2");
      const data = input({ municipalityCode: frosta, slug });
      const error = await expectAppError(() => onboardMunicipality(data), "CONFLICT", {
        fieldErrors: { municipalityCode: "validation.municipalityTaken" },
      });
      expect(error.messageKey).toBe("errors:invalidInput");
      expect(await leftovers(slug, "XX", "none", data.adminEmail)).toEqual({
        tenants: 0,
        users: 0,
        memberships: 0,
        audit: 0,
      });
    });

    it("reports the municipality as taken even when the slug is taken too", async () => {
      const data = input({ municipalityCode: frosta, slug: taken.slug });
      await expectAppError(() => onboardMunicipality(data), "CONFLICT", {
        fieldErrors: { municipalityCode: "validation.municipalityTaken" },
      });
    });

    it("allows the same number in the other country (Vestvågøy 1860 in Norway, Laxå 1860 in Sweden)", async () => {
      expect(code("NO", "Vestvågøy")).toBe("1860");
      expect(code("SE", "Laxå")).toBe("1860");
      const no = await onboardMunicipality(input({ municipalityCode: "1860", slug: uniqueSlug("vestvagoy") }));
      const se = await onboardMunicipality(
        input({ country: "SE", municipalityCode: "1860", slug: uniqueSlug("laxa"), defaultLocale: "sv" }),
      );
      expect([no.name, se.name]).toEqual(["Vestvågøy kommune", "Laxå kommun"]);
    });

    it("refuses a slug that is taken with validation.slugTaken", async () => {
      const data = input({ municipalityCode: code("NO", "Meråker"), slug: taken.slug });
      await expectAppError(() => onboardMunicipality(data), "CONFLICT", {
        fieldErrors: { slug: "validation.slugTaken" },
      });
      expect(await leftovers("-", "NO", data.municipalityCode, data.adminEmail)).toEqual({
        tenants: 0,
        users: 0,
        memberships: 0,
        audit: 0,
      });
    });

    it("refuses an e-mail that already has an account with validation.accountExists, whatever its case", async () => {
      const slug = uniqueSlug("malvik");
      const data = input({ municipalityCode: code("NO", "Malvik"), slug, adminEmail: taken.adminEmail.toUpperCase() });
      expect(data.adminEmail).toBe(taken.adminEmail);
      await expectAppError(() => onboardMunicipality(data), "CONFLICT", {
        fieldErrors: { adminEmail: "validation.accountExists" },
      });
      expect(await leftovers(slug, "NO", data.municipalityCode, "-")).toMatchObject({ tenants: 0, audit: 0 });
      expect(await countRows(`select count(*)::int n from "User" where email = $1`, [taken.adminEmail])).toBe(1);
      expect(await countRows(`select count(*)::int n from "Membership" where "tenantId" = $1`, [taken.tenantId])).toBe(
        1,
      );
    });
  });

  describe("a failure part-way", () => {
    it("leaves nothing when the administrator's row cannot be written after the tenant's was", async () => {
      // The form refuses a NUL character; past the form, PostgreSQL refuses it in text, so the user insert
      // fails after the tenant row was inserted in the same transaction.
      const slug = uniqueSlug("namsos");
      expect(() => input({ municipalityCode: code("NO", "Namsos"), slug, adminName: "Nul\u0000Byte" })).toThrow(
        /validation.invalid/,
      );
      const data = { ...input({ municipalityCode: code("NO", "Namsos"), slug }), adminName: "Nul\u0000Byte" };
      const error = await onboardMunicipality(data).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(AppError);
      expect(String((error as Error).message)).toMatch(/0x00|invalid byte sequence|22021/i);
      // Nothing of this sign-up is left: its tenant (by slug or municipality), its administrator (by e-mail),
      // memberships and audit. (Not whole-table counts: other files add tenants and users in parallel.)
      expect(await leftovers(slug, "NO", data.municipalityCode, data.adminEmail)).toEqual({
        tenants: 0,
        users: 0,
        memberships: 0,
        audit: 0,
      });
      // Nothing blocks the same sign-up once the name is fixed.
      const result = await onboardMunicipality({ ...data, adminName: "Nul Byte" });
      expect(result).toMatchObject({ slug, status: "ACTIVE" });
      expect(await leftovers(slug, "NO", data.municipalityCode, data.adminEmail)).toEqual({
        tenants: 1,
        users: 1,
        memberships: 1,
        audit: 1,
      });
    });

    it("rolls back the tenant when another sign-up takes the e-mail between the check and the insert, and says so", async () => {
      const slug = uniqueSlug("grong");
      const data = input({ municipalityCode: code("NO", "Grong"), slug });
      const { blocked, result } = await whileRowIsHeld(insertUser, [rid(), data.adminEmail], "commit", () =>
        onboardMunicipality(data),
      );
      // The onboarding had passed its checks and inserted the tenant: its user insert waited on the e-mail's unique index.
      expect(blocked).toBe(true);
      expect(result.ok).toBe(false);
      const error = (result as { error: unknown }).error;
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "CONFLICT", fieldErrors: { adminEmail: "validation.accountExists" } });
      const left = await leftovers(slug, "NO", data.municipalityCode, data.adminEmail);
      expect(left).toEqual({ tenants: 0, users: 1, memberships: 0, audit: 0 });
      const [user] = await adminQuery(`select name from "User" where email = $1`, [data.adminEmail]);
      expect(user).toEqual({ name: "Raced" });
    });

    it("reports a municipality taken at the same moment as taken", async () => {
      const slug = uniqueSlug("lierne");
      const data = input({ municipalityCode: code("NO", "Lierne"), slug });
      const { blocked, result } = await whileRowIsHeld(
        insertTenant,
        [rid(), uniqueSlug("other"), "NO", data.municipalityCode],
        "commit",
        () => onboardMunicipality(data),
      );
      expect(blocked).toBe(true);
      expect(result.ok).toBe(false);
      expect((result as { error: unknown }).error).toMatchObject({
        code: "CONFLICT",
        fieldErrors: { municipalityCode: "validation.municipalityTaken" },
      });
      expect(await countRows(`select count(*)::int n from "Tenant" where slug = $1`, [slug])).toBe(0);
      expect(await countRows(`select count(*)::int n from "User" where email = $1`, [data.adminEmail])).toBe(0);
    });

    it("reports a slug taken at the same moment as taken", async () => {
      const slug = uniqueSlug("steinkjer");
      const data = input({ municipalityCode: code("NO", "Steinkjer"), slug });
      const { blocked, result } = await whileRowIsHeld(insertTenant, [rid(), slug, "SE", null], "commit", () =>
        onboardMunicipality(data),
      );
      expect(blocked).toBe(true);
      expect((result as { error: unknown }).error).toMatchObject({
        code: "CONFLICT",
        fieldErrors: { slug: "validation.slugTaken" },
      });
      expect(await leftovers(slug, "NO", data.municipalityCode, data.adminEmail)).toEqual({
        tenants: 1,
        users: 0,
        memberships: 0,
        audit: 0,
      });
      const [held] = await adminQuery(`select name, country from "Tenant" where slug = $1`, [slug]);
      expect(held).toEqual({ name: "Raced", country: "SE" });
    });

    it("goes ahead when the other sign-up rolls back", async () => {
      const slug = uniqueSlug("stjordal");
      const data = input({ municipalityCode: code("NO", "Stjørdal"), slug });
      const { blocked, result } = await whileRowIsHeld(
        insertTenant,
        [rid(), slug, "NO", data.municipalityCode],
        "rollback",
        () => onboardMunicipality(data),
      );
      expect(blocked).toBe(true);
      expect(result).toMatchObject({ ok: true, value: { slug, name: "Stjørdal kommune", status: "ACTIVE" } });
      expect(await leftovers(slug, "NO", data.municipalityCode, data.adminEmail)).toEqual({
        tenants: 1,
        users: 1,
        memberships: 1,
        audit: 1,
      });
    });

    it("lets exactly one of two simultaneous sign-ups for one municipality through", async () => {
      const municipalityCode = code("NO", "Aurskog-Høland");
      const attempts = [
        input({ municipalityCode, slug: uniqueSlug("ah1") }),
        input({ municipalityCode, slug: uniqueSlug("ah2") }),
      ];
      const results = await Promise.allSettled(attempts.map((d) => onboardMunicipality(d)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(failure.reason).toMatchObject({
        code: "CONFLICT",
        fieldErrors: { municipalityCode: "validation.municipalityTaken" },
      });
      expect(
        await countRows(`select count(*)::int n from "Tenant" where country = 'NO' and "municipalityCode" = $1`, [
          municipalityCode,
        ]),
      ).toBe(1);
      const loser = attempts[results.indexOf(failure)];
      expect(await leftovers(loser.slug, "XX", "none", loser.adminEmail)).toEqual({
        tenants: 0,
        users: 0,
        memberships: 0,
        audit: 0,
      });
    });
  });
});

describe("hitRateLimit", () => {
  it("allows `limit` hits in a window, then refuses, counting every hit", async () => {
    const key = `test:${uniqueSlug("ip")}`;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitRateLimit(key, 3, 3600));
    expect(results).toEqual([
      { allowed: true, count: 1 },
      { allowed: true, count: 2 },
      { allowed: true, count: 3 },
      { allowed: false, count: 4 },
      { allowed: false, count: 5 },
    ]);
    const rows = await adminQuery<{ count: number; windowStart: Date }>(
      `select count, "windowStart" from "RateLimit" where key = $1`,
      [key],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(5);
    expect(rows[0].windowStart.getTime() % 3_600_000).toBe(0);
  });

  it("counts each key on its own", async () => {
    const a = `test:${uniqueSlug("a")}`;
    const b = `test:${uniqueSlug("b")}`;
    expect(await hitRateLimit(a, 1, 3600)).toEqual({ allowed: true, count: 1 });
    expect(await hitRateLimit(a, 1, 3600)).toEqual({ allowed: false, count: 2 });
    expect(await hitRateLimit(b, 1, 3600)).toEqual({ allowed: true, count: 1 });
  });

  it("counts simultaneous hits exactly", async () => {
    const key = `test:${uniqueSlug("burst")}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => hitRateLimit(key, 4, 3600)));
    expect(results.map((r) => r.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect(results.filter((r) => r.allowed).every((r) => r.count <= 4)).toBe(true);
  });

  it("starts afresh in the next window", async () => {
    const key = `test:${uniqueSlug("win")}`;
    // The window is taken from the app's clock (Date.now()). The test sets that clock (Date only: timers and the
    // database run as ever) so that each hit falls where it says, however slow the machine. It stays at the real
    // minute: the occasional clean-up of windows older than a day must not reach other tests' rows.
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    const hitAt = (ms: number) => {
      vi.setSystemTime(start + ms);
      return hitRateLimit(key, 2, 60);
    };
    try {
      expect(await hitAt(0)).toEqual({ allowed: true, count: 1 }); // the window's first millisecond
      expect(await hitAt(30_000)).toEqual({ allowed: true, count: 2 });
      expect(await hitAt(59_999)).toEqual({ allowed: false, count: 3 }); // its last
      expect(await hitAt(60_000)).toEqual({ allowed: true, count: 1 }); // the next window's first
    } finally {
      vi.useRealTimers();
    }
    expect(
      await adminQuery<{ ms: number; count: number }>(
        `select (extract(epoch from "windowStart") * 1000)::float8 as ms, count from "RateLimit" where key = $1 order by 1`,
        [key],
      ),
    ).toEqual([
      { ms: start, count: 3 },
      { ms: start + 60_000, count: 1 },
    ]);
  });
});
