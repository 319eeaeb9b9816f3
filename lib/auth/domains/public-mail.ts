import "server-only";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
/** Sindre Sorhus's maintained list of free e-mail providers (email-providers, ~8 700 domains). */
const listed = new Set(require("email-providers/all.json") as string[]);

/**
 * Norwegian and Swedish mail services the list does not have: internet providers' and portals' addresses
 * people use privately. Nobody proves such a domain, and no municipality may claim one.
 */
const NORDIC = [
  "online.no",
  "start.no",
  "broadpark.no",
  "getmail.no",
  "c2i.net",
  "frisurf.no",
  "chello.no",
  "hotmail.no",
  "live.no",
  "yahoo.no",
  "sol.no",
  "tele2.no",
  "lyse.net",
  "altibox.no",
  "telia.com",
  "telia.no",
  "bredband.net",
  "spray.se",
  "comhem.se",
  "tele2.se",
  "hotmail.se",
  "live.se",
  "yahoo.se",
  "passagen.se",
  "bahnhof.se",
  "telenor.se",
  "glocalnet.net",
];

/** Whether anyone can get an address at this domain (and so no municipality can own it). */
export function isPublicMailDomain(domain: string): boolean {
  const name = domain.toLowerCase();
  return listed.has(name) || NORDIC.includes(name);
}
