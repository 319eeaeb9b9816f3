/**
 * The server the Playwright suite runs against: a fresh database (TEST_DATABASE_URL / DATABASE_URL, else an
 * embedded PostgreSQL of its own) with the demo data, and the production build (`next start`).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createTestDatabase } from "../../tests/support/test-database.ts";
import { createClient } from "../../lib/db/client.ts";
import { seedDemoData } from "../../prisma/seed.ts";
import { serverEnv, run, nextBin, productionEnv } from "../../tooling/runtime.ts";
import { freePort } from "../../tooling/free-port.ts";
import { startTestIdentityProvider } from "../../tests/support/oidc-provider.ts";
import { startTestMailServer } from "../../tests/support/mail-server.ts";
import { startTestDnsServer } from "../../tests/support/dns-server.ts";

const port = Number(process.env.E2E_PORT ?? 3100);
/** The e2e server's metrics token (a test value; tests/e2e/logs.spec.ts has the same). */
const E2E_METRICS_TOKEN = "e2e-metrics-token-0123456789";
if (!existsSync(".next/BUILD_ID")) {
  console.log("[e2e] no production build yet: running next build");
  if ((await run(process.execPath, [nextBin, "build"])) !== 0) process.exit(1);
}
const database = await createTestDatabase("e2e", await freePort(54331, 54399));
const client = createClient(database.appUrl, 2);
await seedDemoData(client);
await client.$disconnect();
// The municipalities' identity provider (tests/e2e/oidc.spec.ts): a real OpenID provider on this machine.
const idp = await startTestIdentityProvider({
  port: await freePort(port + 50, port + 99),
  redirectUris: [`http://localhost:${port}/api/oidc/callback`],
});
mkdirSync("test-results", { recursive: true });
// The mail server the app sends through (invitations, second-factor set-up links) and the name server it proves
// e-mail domains with: real servers on this machine; the specs read the mails and publish TXT records in files.
const mailFile = "test-results/e2e-mail.jsonl";
const dnsFile = "test-results/e2e-dns.json";
rmSync(mailFile, { force: true });
writeFileSync(dnsFile, "{}\n");
const mail = await startTestMailServer({ mailFile });
const dns = await startTestDnsServer({ recordsFile: dnsFile });
// The specs check what actions did (or did not) write straight in the database, and find the provider, here.
writeFileSync(
  "test-results/e2e-database.json",
  JSON.stringify({
    adminUrl: database.adminUrl,
    idp: { issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret },
    mailFile,
    dnsFile,
  }),
);
// Everything the server writes (its JSON log lines, and anything else on stdout/stderr) goes to this file:
// tests/e2e/logs.spec.ts searches it for personal data.
const serverLog = "test-results/e2e-server.log";
console.log(`[e2e] database ${database.name} seeded; starting next start on ${port}, output in ${serverLog}`);
const code = await run(
  process.execPath,
  [nextBin, "start", "-p", String(port), "--keepAliveTimeout", "65000"],
  {
    ...serverEnv(database.appUrl, port, { demo: true }),
    ...productionEnv(),
    DB_POOL_SIZE: "20",
    // Every onboarding test submits from the same address.
    ONBOARDING_RATE_LIMIT: "200",
    // `…/error-probe` throws, so the suite sees the error pages (lib/http/error-probe.ts).
    SAMSPILL_ERROR_PROBE: "1",
    SMTP_URL: mail.url,
    DNS_SERVERS: dns.server,
    // The test provider is plain http on localhost; production refuses such an issuer.
    ALLOW_LOOPBACK_ISSUERS: "1",
    // tests/e2e/logs.spec.ts scrapes /api/metrics with it.
    METRICS_TOKEN: E2E_METRICS_TOKEN,
  },
  { log: serverLog },
);
await idp.close();
await mail.close();
await dns.close();
await database.dispose();
process.exit(code);
