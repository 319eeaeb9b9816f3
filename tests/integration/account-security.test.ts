/**
 * The smaller holes of issue 25, each attacked: lockouts raced by bursts of parallel attempts, one-time tokens
 * used twice at once, sign-in failures that took longer for accounts that exist, import drafts that other
 * coordinators could read and that outlived their day or an erasure, and SECURITY DEFINER functions that searched
 * pg_temp first. Each test fails on the code before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as OTPAuth from "otpauth";
import { appDb, uniqueSlug, withAdmin } from "../support/db.ts";
import { hashPassword } from "../../lib/auth/password.ts";
import {
  beginEnrolment,
  confirmEnrolment,
  secondFactorStatus,
  verifySecondFactor,
  SECOND_FACTOR_FAILURES,
} from "../../lib/auth/totp.ts";
import { checkCredentials, SIGNIN_FAILURES_PER_ACCOUNT } from "../../lib/auth/credentials.ts";
import { spendTokenOnce } from "../../lib/auth/used-tokens.ts";
import { createSession } from "../../lib/auth/sessions.ts";
import { createImportDraft, getImportDraft } from "../../lib/import/drafts.ts";
import { eraseParticipant } from "../../lib/participants/gdpr.ts";
import { purgeExpired } from "../../lib/jobs/purge-expired.ts";
import { withTenant } from "../../lib/db/tenant.ts";
import { AppError } from "../../lib/errors.ts";
import { addMember, createTenantWithStaff, createUser, type Tenant } from "./helpers/coordinator.ts";

const PASSWORD = "correct horse battery staple";
const codeAt = (secret: string, offsetSteps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

/** What a rejected attempt said: "checked" (the code or password was compared and was wrong) or "lockedOut". */
const outcomeOf = (error: unknown) =>
  error instanceof AppError && error.messageKey === "auth:totp.lockedOut" ? "lockedOut" : "checked";

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenantWithStaff("acct-sec");
});

afterAll(async () => {
  await appDb().$disconnect();
});

describe("lockouts hold against a burst of parallel attempts", () => {
  it("200 parallel wrong codes on one second factor: at most the lockout's number are checked", async () => {
    const user = await appDb().user.create({
      data: { email: `${uniqueSlug("burst")}@example.test`, name: "Burst", passwordHash: await hashPassword(PASSWORD) },
    });
    await beginEnrolment(user.id);
    const secret = (await secondFactorStatus(user.id)).pending!.secret;
    await confirmEnrolment(user.id, codeAt(secret));
    // Six digits that are neither the current code nor its neighbours.
    const good = new Set([-1, 0, 1].map((o) => codeAt(secret, o)));
    const wrong = Array.from({ length: 200 }, (_, i) => String(100000 + i)).filter((c) => !good.has(c));
    const results = await Promise.all(
      wrong.map((code) => verifySecondFactor(user.id, code).then(() => "passed", outcomeOf)),
    );
    const checked = results.filter((r) => r === "checked").length;
    expect(results).not.toContain("passed");
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(SECOND_FACTOR_FAILURES);
    // And the right code is refused too while locked out.
    await expect(verifySecondFactor(user.id, codeAt(secret))).rejects.toMatchObject({
      messageKey: "auth:totp.lockedOut",
    });
  });

  it("200 parallel wrong passwords for one account: at most the lockout's number are checked", async () => {
    const email = `${uniqueSlug("pwburst")}@example.test`;
    await appDb().user.create({ data: { email, name: "Burst", passwordHash: await hashPassword(PASSWORD) } });
    // From many addresses, so that the per-account limit is the one tested.
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        checkCredentials({ email, password: `wrong ${i}` }, `192.0.2.${i % 250}`).then((r) => (r.ok ? "ok" : r.reason)),
      ),
    );
    expect(results).not.toContain("ok");
    const checked = results.filter((r) => r === "invalid").length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(SIGNIN_FAILURES_PER_ACCOUNT);
    expect((await checkCredentials({ email, password: PASSWORD }, "192.0.2.251")).ok).toBe(false);
  });

  it("a right password does not count towards the lockout", async () => {
    const email = `${uniqueSlug("pwok")}@example.test`;
    await appDb().user.create({ data: { email, name: "Ok", passwordHash: await hashPassword(PASSWORD) } });
    for (let i = 0; i < SIGNIN_FAILURES_PER_ACCOUNT + 2; i++) {
      expect((await checkCredentials({ email, password: PASSWORD }, "192.0.2.9")).ok).toBe(true);
    }
  });
});

describe("one-time tokens (a pending second factor, a set-up link)", () => {
  it("are good once, also when twenty requests race with the same one", async () => {
    const id = `race:${uniqueSlug("t")}`;
    const expires = new Date(Date.now() + 60_000);
    const results = await Promise.all(Array.from({ length: 20 }, () => spendTokenOnce(id, expires)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await spendTokenOnce(id, expires)).toBe(false);
  });
});

describe("a failed sign-in takes as long whether the e-mail has an account or not", () => {
  it("writes nothing about the failure before the answer; the account's audit comes after it", async () => {
    const user = await createUser("Timing");
    await appDb().user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    await addMember(tenant, user.id, "COORDINATOR");
    const audit = () =>
      withTenant(tenant, (tx) =>
        tx.auditEvent.count({ where: { tenantId: tenant.tenantId, actorId: user.id, action: "auth.signInFailed" } }),
      );
    const known = await checkCredentials({ email: user.email, password: "wrong password" }, "192.0.2.77");
    const unknown = await checkCredentials(
      { email: `nobody-${user.id}@example.test`, password: "wrong" },
      "192.0.2.77",
    );
    expect(known).toMatchObject({ ok: false, reason: "invalid" });
    expect(unknown).toMatchObject({ ok: false, reason: "invalid" });
    // Nothing written yet for the known account: both answers did the same work.
    expect(await audit()).toBe(0);
    if (known.ok || unknown.ok) throw new Error("unreachable");
    await known.afterResponse();
    await unknown.afterResponse();
    expect(await audit()).toBe(1);
  });
});

describe("import drafts hold personal data: their creator and administrators only, for a day at most", () => {
  const csv = (name: string) => new TextEncoder().encode(`Navn;Fødselsår;Målgruppe\n${name};1990;Bosatt flyktning\n`);

  it("another coordinator of the same municipality cannot open, save or run a coordinator's draft; an administrator can", async () => {
    const id = await createImportDraft({ ctx: tenant.coordinator, fileName: "mine.csv", bytes: csv("Draft Person") });
    const colleague = await addMember(tenant, (await createUser("Colleague")).id, "COORDINATOR");
    await expect(getImportDraft(colleague, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getImportDraft(tenant.admin, id)).id).toBe(id);
    expect((await getImportDraft(tenant.coordinator, id)).id).toBe(id);
  });

  it("an erasure discards the municipality's open drafts (a file may hold the person's row)", async () => {
    const id = await createImportDraft({ ctx: tenant.coordinator, fileName: "x.csv", bytes: csv("Erased Person") });
    const participant = await withTenant(tenant, (tx) =>
      tx.participant.findUniqueOrThrow({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: tenant.participantId } },
      }),
    );
    await eraseParticipant({ ctx: tenant.admin, participantId: participant.id, confirmCode: participant.code });
    await expect(getImportDraft(tenant.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const left = await withAdmin(
      async (c) =>
        (await c.query<{ n: number }>(`select count(*)::int n from "ImportDraft" where id = $1`, [id])).rows[0].n,
    );
    expect(left).toBe(0);
  });

  it("the purge job deletes drafts older than a day, old sessions and used tokens, in every tenant, and keeps fresh ones", async () => {
    const other = await createTenantWithStaff("acct-purge");
    const fresh = await createImportDraft({ ctx: other.coordinator, fileName: "fresh.csv", bytes: csv("Fresh") });
    const stale = await createImportDraft({ ctx: other.coordinator, fileName: "stale.csv", bytes: csv("Stale") });
    await withTenant(other, (tx) =>
      tx.importDraft.updateMany({
        where: { tenantId: other.tenantId, id: stale },
        data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
      }),
    );
    const user = await createUser("Sessions");
    const live = await createSession({ userId: user.id, via: "password" });
    const old = await createSession({ userId: user.id, via: "password" });
    await appDb().session.update({
      where: { id: old.id },
      data: { expiresAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    const tokenId = `purge:${uniqueSlug("t")}`;
    await spendTokenOnce(tokenId, new Date(Date.now() - 1000));
    const counts = await purgeExpired(appDb());
    expect(counts.importDrafts).toBeGreaterThanOrEqual(1);
    const drafts = await withTenant(other, (tx) =>
      tx.importDraft.findMany({ where: { tenantId: other.tenantId }, select: { id: true } }),
    );
    expect(drafts.map((d) => d.id)).toEqual([fresh]);
    expect(await appDb().session.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await appDb().session.findUnique({ where: { id: live.id } })).not.toBeNull();
    expect(await appDb().usedToken.findUnique({ where: { id: tokenId } })).toBeNull();
  });
});

describe("the database's own functions", () => {
  it("every SECURITY DEFINER function names pg_temp last in its search_path", async () => {
    const functions = await withAdmin(
      async (c) =>
        (
          await c.query<{ name: string; config: string[] | null }>(
            `select p.proname as name, p.proconfig as config from pg_proc p
             join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`,
          )
        ).rows,
    );
    expect(functions.length).toBeGreaterThanOrEqual(5);
    for (const f of functions)
      expect({ name: f.name, config: f.config }).toEqual({ name: f.name, config: ["search_path=public, pg_temp"] });
  });
});
