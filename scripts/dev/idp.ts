/**
 * `npm run idp`: a municipality's identity provider on this machine, to try "sign in with your municipality"
 * with the demo (the same certified `oidc-provider` the test suite uses, tests/support/oidc-provider.ts). It
 * prints what to type at /{locale}/t/{tenant}/settings/sign-in. Its login page takes any password: the login
 * typed is the account's e-mail (e.g. koordinator@verdal.demo).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startTestIdentityProvider } from "../../tests/support/oidc-provider.ts";
import { dataDir } from "../../tooling/db/local-secrets.ts";

const port = Number(process.env.IDP_PORT ?? 3009);
const app = (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
// The client secret is kept in .data/ (git-ignored), so the settings saved in the app survive a restart.
const file = path.join(dataDir, "idp.json");
const clientSecret = existsSync(file)
  ? (JSON.parse(readFileSync(file, "utf8")) as { clientSecret: string }).clientSecret
  : `local-${crypto.randomUUID()}`;
mkdirSync(dataDir, { recursive: true });
writeFileSync(file, JSON.stringify({ clientSecret }, null, 2) + "\n", { mode: 0o600 });
const idp = await startTestIdentityProvider({ port, redirectUris: [`${app}/api/oidc/callback`], clientSecret });
console.log(`[idp] an OpenID provider for trying Samspill's municipality sign-in, for the app at ${app}

  Sign in as admin@verdal.demo, open Innstillinger → Innlogging med kommunens pålogging, and fill in:
    Type tjeneste:   Annen OpenID Connect-tjeneste (generic)
    Utsteder:        ${idp.issuer}
    Klient-ID:       ${idp.clientId}
    Hemmelighet:     ${idp.clientSecret}
    E-postdomener:   verdal.demo
  Save, test, turn on. Then, in another browser, "Logg inn med kommunen din" with koordinator@verdal.demo:
  the provider's login page takes any password.

  The keys are new every start (the app fetches them again); the secret is kept in .data/idp.json. Ctrl-C stops it.`);
const stop = async () => {
  await idp.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
