import "server-only";
import { Resolver } from "node:dns/promises";
import { env } from "../../env.ts";

/** Where a municipality publishes the proof for a domain, and what it publishes. */
export const challengeName = (domain: string) => `_samspill-challenge.${domain}`;
export const challengeValue = (token: string) => `samspill-verification=${token}`;

/**
 * The TXT records of a name, each joined from its strings, asked of the name servers in DNS_SERVERS (or the
 * system's): Node's own resolver, which asks the servers directly rather than through the system's cache.
 * Null when the name does not answer (no such name, no TXT record, a timeout).
 */
export async function txtRecords(name: string, servers = env().DNS_SERVERS): Promise<string[] | null> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers) {
    resolver.setServers(
      servers
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  try {
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(""));
  } catch {
    return null;
  }
}
