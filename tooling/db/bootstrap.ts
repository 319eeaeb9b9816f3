import pg from "pg";
import { applyMigrations } from "./schema-engine.ts";
import { APP_DB_ROLE, deriveAppDatabaseUrl } from "../../lib/db/connection.ts";

/**
 * Brings a database up to date and makes sure the app's role can log in. Migrations create the role
 * (NOLOGIN) and its grants; here, with the owner's connection, it gets a login password. When
 * APP_DATABASE_URL is given the operator manages that role, and we only check that it cannot bypass RLS.
 */
export async function prepareDatabase(options: {
  adminUrl: string;
  appPassword: string;
  appUrl?: string;
  log?: (m: string) => void;
}): Promise<{ appUrl: string; applied: string[] }> {
  const log = options.log ?? (() => undefined);
  const applied = await applyMigrations(options.adminUrl);
  if (applied.length) log(`[db] applied migrations: ${applied.join(", ")}`);
  let appUrl = options.appUrl;
  if (!appUrl) {
    const admin = new pg.Client({ connectionString: options.adminUrl });
    await admin.connect();
    try {
      const password = options.appPassword.replace(/'/g, "''");
      await admin.query(`alter role ${APP_DB_ROLE} with login password '${password}'`);
    } finally {
      await admin.end();
    }
    appUrl = deriveAppDatabaseUrl(options.adminUrl, options.appPassword);
  }
  await assertRoleCannotBypassRls(appUrl);
  return { appUrl, applied };
}

export async function assertRoleCannotBypassRls(appUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      "select rolsuper, rolbypassrls from pg_roles where rolname = current_user",
    );
    if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) {
      throw new Error("The app's database role can bypass row-level security; use a role without SUPERUSER/BYPASSRLS.");
    }
  } finally {
    await client.end();
  }
}
