import { withAdmin, appDb } from "../../support/db.ts";
import { seedDemoData } from "../../../prisma/seed.ts";
import type { TenantContext } from "../../../lib/db/tenant.ts";
import { adminQuery } from "./coordinator.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether another connection is creating a demo tenant right now: inserting the same slug then has to wait. */
async function demoSeedInProgress(): Promise<boolean> {
  return withAdmin(async (c) => {
    await c.query("begin");
    try {
      await c.query("set local lock_timeout = '100ms'");
      await c.query(
        `insert into "Tenant" (id, slug, name, country, "defaultLocale", "codePrefix", "updatedAt")
         select 'probe-' || s, s, 'probe', 'NO', 'nb', 'PRB', now() from unnest($1::text[]) s on conflict do nothing`,
        [["verdal", "inderoy", "are"]],
      );
      return false;
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") return true;
      throw error;
    } finally {
      await c.query("rollback");
    }
  });
}

/**
 * The demo data, seeded once per database by whichever test file comes first. seedDemoData checks and then
 * creates, so two files seeding at the same moment collide on a tenant's unique slug: wait while another one
 * is creating a demo tenant, and try again when this one lost the race.
 */
export async function seedDemo() {
  for (let attempt = 1; ; attempt++) {
    for (let waited = 0; waited < 120_000 && (await demoSeedInProgress()); waited += 250) await sleep(250);
    try {
      await seedDemoData(appDb());
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await sleep(500 * attempt);
    }
  }
}

/** A demo account's context in a demo tenant, as sign-in resolves it. */
export async function demoContext(email: string, slug: string): Promise<TenantContext> {
  const [m] = await adminQuery<{
    tenantId: string;
    userId: string;
    role: TenantContext["role"];
    organisationId: string | null;
  }>(
    `select m."tenantId", m."userId", m.role, m."organisationId" from "Membership" m
     join "User" u on u.id = m."userId" join "Tenant" t on t.id = m."tenantId" where u.email = $1 and t.slug = $2`,
    [email, slug],
  );
  return { tenantId: m.tenantId, tenantSlug: slug, userId: m.userId, role: m.role, organisationId: m.organisationId };
}
