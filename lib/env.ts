import "server-only";
import { z } from "zod";

/**
 * Runtime configuration of the web app, parsed once with zod so that a missing or malformed setting fails
 * loudly with its name. The launch scripts (scripts/dev/dev.ts, scripts/dev/start.ts) fill in the development
 * defaults — embedded PostgreSQL, generated secrets in .data/ — before Next.js starts.
 */
const schema = z.object({
  APP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "APP_DATABASE_URL must be a postgresql:// URL" }),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Longest a statement may run (server-side), and, with a margin, wait for an answer (client-side); 0: off. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  ONBOARDING_MODE: z.enum(["open", "approval"]).default("open"),
  ONBOARDING_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL" }).optional(),
  MAIL_FROM: z.string().default("Samspill <no-reply@samspill.invalid>"),
  ACCESSIBILITY_CONTACT: z
    .email({ error: "ACCESSIBILITY_CONTACT must be an e-mail address" })
    .default("tilgjengelighet@samspill.invalid"),
  NEXTAUTH_URL: z.url().default("http://localhost:3000"),
  /** 32 random bytes, base64: encrypts secrets kept in the database (identity providers' client secrets). */
  ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, "base64").length === 32,
      "ENCRYPTION_KEY must be 32 bytes in base64 (openssl rand -base64 32)",
    )
    .optional(),
  /**
   * The reverse proxies in front of the app (a load balancer, HAProxy): how many there are, or their addresses
   * and networks (comma-separated, CIDR allowed). The client's address is read from the right of
   * X-Forwarded-For past them, never the left-most entry a client can write (lib/http/client-ip.ts).
   */
  TRUSTED_PROXIES: z
    .string()
    .trim()
    .regex(/^(\d{1,2}|[0-9a-fA-F:.,/ ]+)$/, "TRUSTED_PROXIES must be a number of proxies or a list of addresses")
    .default("1"),
  /** Name servers that prove e-mail domains (DNS TXT), comma-separated `host` or `host:port`; unset: the system's. */
  DNS_SERVERS: z.string().trim().optional(),
  /**
   * `1`: an identity provider's issuer may be plain http on this machine (a developer's or the test suite's
   * provider). Never in production: a loopback issuer would let an administrator probe the server's own ports.
   */
  ALLOW_LOOPBACK_ISSUERS: z.enum(["0", "1"]).optional(),
});

export type Env = z.infer<typeof schema>;
let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(
      `Invalid configuration:\n${problems}\nStart the app with \`npm run dev\` or \`npm start\`, which fill in the defaults.`,
    );
  }
  cached = parsed.data;
  return cached;
}

/**
 * The deployment's disclosure threshold alone: what scripts that publish figures without the web app's other
 * settings (the demo seed, the release job) need. The same rule as env().SUPPRESSION_THRESHOLD.
 */
export function deploymentThreshold(): number {
  return schema.shape.SUPPRESSION_THRESHOLD.parse(process.env.SUPPRESSION_THRESHOLD);
}
