/**
 * Shared helpers of the coordinator-domain integration tests (participants, pathways, outcomes): users and
 * memberships, tenant contexts, AppError assertions and raw (past row-level security) snapshots of a tenant.
 */
import { expect } from "vitest";
import type { z } from "zod";
import { appDb, createTenantFixture, uniqueSlug, withAdmin } from "../../support/db.ts";
import { withTenant, type TenantContext } from "../../../lib/db/tenant.ts";
import { AppError, type AppErrorCode } from "../../../lib/errors.ts";
import type { Role } from "../../../lib/db/generated/enums.ts";
import { registerParticipantSchema } from "../../../lib/participants/schemas.ts";
import { registerParticipant } from "../../../lib/participants/register-participant.ts";

export type Fixture = Awaited<ReturnType<typeof createTenantFixture>>;

/** A signed-up user (no password needed: the domain layer never checks it). */
export async function createUser(name: string) {
  return appDb().user.create({ data: { email: `${uniqueSlug("user")}@example.test`, name, passwordHash: "x" } });
}

/** Makes the user a member of the fixture's tenant and returns the context they would act in. */
export async function addMember(
  fixture: Fixture,
  userId: string,
  role: Role,
  organisationId: string | null = null,
): Promise<TenantContext> {
  await withTenant(
    fixture,
    (tx) => tx.membership.create({ data: { tenantId: fixture.tenantId, userId, role, organisationId } }),
    { client: appDb() },
  );
  return contextFor(fixture, userId, role, organisationId);
}

export function contextFor(
  fixture: Fixture,
  userId: string,
  role: Role,
  organisationId: string | null = null,
): TenantContext {
  return { tenantId: fixture.tenantId, tenantSlug: fixture.slug, userId, role, organisationId };
}

/** A tenant with a coordinator, an administrator and a partner viewer (of the fixture's organisation). */
export async function createTenantWithStaff(prefix: string) {
  const fixture = await createTenantFixture(prefix);
  const coordinatorUser = await createUser(`Coordinator ${prefix}`);
  const adminUser = await createUser(`Admin ${prefix}`);
  const partnerUser = await createUser(`Partner ${prefix}`);
  return {
    ...fixture,
    coordinator: await addMember(fixture, coordinatorUser.id, "COORDINATOR"),
    admin: await addMember(fixture, adminUser.id, "TENANT_ADMIN"),
    partner: await addMember(fixture, partnerUser.id, "PARTNER_VIEWER", fixture.organisationId),
  };
}
export type Tenant = Awaited<ReturnType<typeof createTenantWithStaff>>;

/** Runs the call and asserts it fails with an AppError of this code (and these field errors, when given). */
export async function expectAppError(
  call: () => Promise<unknown>,
  code: AppErrorCode,
  expected: { fieldErrors?: Record<string, string>; messageKey?: string } = {},
): Promise<AppError> {
  let caught: unknown;
  try {
    await call();
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected the call to throw an AppError").toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code).toBe(code);
  if (expected.fieldErrors) expect(error.fieldErrors).toEqual(expected.fieldErrors);
  if (expected.messageKey) expect(error.messageKey).toBe(expected.messageKey);
  return error;
}

/** Parses form-like input with a domain schema, as the server actions do. */
export function form<S extends z.ZodType>(schema: S, input: Record<string, unknown>): z.infer<S> {
  return schema.parse(input);
}

/** A basis for processing for a named participant whose input names none (the form requires one). */
const BASIS_KEYS = ["anonymous", "consentFollowUp", "consentStatistics", "consentPartnerSharing", "legalBasis"];
/** The basis the helper records for a participant registered with none: kept by updates made with it. */
export const FIXTURE_BASIS = { legalBasis: "OTHER", legalBasisNote: "Test fixture: another statutory basis" };
const defaultBasis = (input: Record<string, unknown>) => (BASIS_KEYS.some((key) => input[key]) ? {} : FIXTURE_BASIS);

/**
 * Registers a participant through the form schema and the command. A participant given no consent and no basis
 * gets the basis OTHER (the form requires one): followed up without consent, as a statutory basis allows.
 */
export async function register(ctx: TenantContext, input: Record<string, unknown> = {}) {
  return registerParticipant({
    ctx,
    data: form(registerParticipantSchema, {
      targetGroup: "IMMIGRANT",
      consentDate: "2026-01-05",
      ...defaultBasis(input),
      ...input,
    }),
  });
}

const TABLES = [
  "Participant",
  "Consent",
  "Enrolment",
  "Activity",
  "Outcome",
  "AuditEvent",
  "ParticipantCodeCounter",
  "Organisation",
  "Pilot",
  "Membership",
] as const;

/** Every row of the tenant's domain tables, read as the database owner (row-level security does not apply). */
export async function snapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  return withAdmin(async (c) => {
    const out: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      const { rows } = await c.query<{ rows: unknown[] }>(
        `select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]'::json) as rows from "${table}" x where "tenantId" = $1`,
        [tenantId],
      );
      out[table] = rows[0].rows;
    }
    return out;
  });
}

/** One raw query as the database owner. */
export async function adminQuery<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withAdmin(async (c) => (await c.query(sql, params)).rows as T[]);
}

export async function auditCount(tenantId: string, action?: string, participantId?: string): Promise<number> {
  const [row] = await adminQuery<{ n: number }>(
    `select count(*)::int as n from "AuditEvent" where "tenantId" = $1 and ($2::text is null or action = $2) and ($3::text is null or "participantId" = $3)`,
    [tenantId, action ?? null, participantId ?? null],
  );
  return row.n;
}

export const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const isoDay = (d: Date | string) => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10));
