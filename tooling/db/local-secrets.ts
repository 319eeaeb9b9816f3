import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";

/**
 * Development secrets that must survive restarts but must never be committed: generated on first use and
 * kept in the git-ignored .data/ folder. Production sets AUTH_SECRET and APP_DB_PASSWORD (or APP_DATABASE_URL).
 */
export type LocalSecrets = { authSecret: string; appDbPassword: string };

export const dataDir = path.resolve(process.env.SAMSPILL_DATA_DIR ?? ".data");

export function loadLocalSecrets(): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    authSecret: existing.authSecret ?? randomBytes(32).toString("base64url"),
    appDbPassword: existing.appDbPassword ?? randomBytes(18).toString("base64url"),
  };
  if (existing.authSecret !== secrets.authSecret || existing.appDbPassword !== secrets.appDbPassword) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  }
  return secrets;
}
