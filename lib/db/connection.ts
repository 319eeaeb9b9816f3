import "server-only";
/**
 * Connection strings. DATABASE_URL is the owner's connection (migrations, role bootstrap); the running app
 * connects as the non-superuser role APP_DB_ROLE, which row-level security binds. APP_DATABASE_URL names that
 * connection explicitly; without it, it is DATABASE_URL with the app role's name and password swapped in.
 */
export const APP_DB_ROLE = "samspill_app";

export function deriveAppDatabaseUrl(adminUrl: string, appPassword: string): string {
  const url = new URL(adminUrl);
  url.username = APP_DB_ROLE;
  url.password = appPassword;
  return url.toString();
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

/** The URL with its password hidden, for logs. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
