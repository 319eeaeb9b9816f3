import { inject } from "vitest";
import pg from "pg";
import { createClient, type Db } from "../../lib/db/client.ts";
import { withNewTenant } from "../../lib/db/tenant.ts";
import { randomBytes } from "node:crypto";

let appClient: Db | undefined;

/** The app's client (non-superuser role, bound by row-level security). */
export function appDb(): Db {
  appClient ??= createClient(inject("appUrl"), 4);
  return appClient;
}

/** A raw connection as the database owner, for checks that must look past row-level security. */
export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("adminUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const uniqueSlug = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

/** A tenant with one organisation and one participant, created through the app's own path. */
export async function createTenantFixture(prefix = "t") {
  const slug = uniqueSlug(prefix);
  return withNewTenant(
    (tx) =>
      tx.tenant.create({ data: { slug, name: `Test ${slug}`, country: "NO", defaultLocale: "nb", codePrefix: "TST" } }),
    async (tx, tenantId) => {
      const organisation = await tx.organisation.create({
        data: { tenantId, name: "NAV Test", type: "PUBLIC_EMPLOYMENT_SERVICE" },
      });
      const participant = await tx.participant.create({
        data: { tenantId, code: "TST-0001", name: "Test Person", targetGroup: "SETTLED_REFUGEE" },
      });
      const pilot = await tx.pilot.create({
        data: { tenantId, name: "Pilot", kind: "CUSTOM", startDate: new Date("2026-01-01") },
      });
      return { tenantId, slug, organisationId: organisation.id, participantId: participant.id, pilotId: pilot.id };
    },
    { client: appDb() },
  );
}
