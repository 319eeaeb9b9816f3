import "server-only";
import pino, { type Logger } from "pino";

/**
 * The process's one structured logger (pino, JSON lines): request lines (./request-log.ts), jobs
 * (lib/jobs/job-run.ts) and anything else the server says. Log ids and codes, never personal data: no names,
 * e-mail addresses, participant fields, tokens or query strings. The redaction list below is a backstop for a
 * field that slips through, not the rule. LOG_FILE writes to that file instead of standard output (the e2e
 * server does, so the log test can read it); LOG_LEVEL sets the level (default info).
 */
export const REDACTED_PATHS = [
  "email",
  "name",
  "password",
  "token",
  "secret",
  "cookie",
  "authorization",
  "note",
  "*.email",
  "*.name",
  "*.password",
  "*.token",
  "*.secret",
  "*.cookie",
  "*.authorization",
  "*.note",
  "*.headers.cookie",
  "*.headers.authorization",
];

const key = Symbol.for("samspill.logger");
const store = globalThis as unknown as { [key]?: Logger };

export function createLogger(destination?: string): Logger {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? "info",
      base: { service: "samspill" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ? pino.destination({ dest: destination, mkdir: true, sync: true }) : pino.destination(1),
  );
}

/** The shared logger (one per process, also across Next.js's separately bundled entry points). */
export function logger(): Logger {
  store[key] ??= createLogger(process.env.LOG_FILE || undefined);
  return store[key];
}
