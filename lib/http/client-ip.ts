import "server-only";
import { headers } from "next/headers";
import ipaddr from "ipaddr.js";
import { env } from "../env.ts";

type Trusted = { hops: number } | { networks: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

let parsedFor: string | undefined;
let parsed: Trusted = { hops: 1 };

/** TRUSTED_PROXIES, read once: a number of proxies, or their addresses and networks. */
function trustedProxies(setting = env().TRUSTED_PROXIES): Trusted {
  if (setting === parsedFor) return parsed;
  parsedFor = setting;
  parsed = /^\d+$/.test(setting)
    ? { hops: Number(setting) }
    : {
        networks: setting
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) =>
            s.includes("/") ? ipaddr.parseCIDR(s) : [ipaddr.parse(s), ipaddr.parse(s).kind() === "ipv4" ? 32 : 128],
          ),
      };
  return parsed;
}

function normalise(address: string): string | null {
  const value = address.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(value)) return null;
  const ip = ipaddr.parse(value);
  // ::ffff:10.0.0.1 and 10.0.0.1 are one client.
  return ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()
    ? (ip as ipaddr.IPv6).toIPv4Address().toString()
    : ip.toString();
}

function inNetworks(address: string, networks: [ipaddr.IPv4 | ipaddr.IPv6, number][]): boolean {
  const ip = ipaddr.parse(address);
  return networks.some(([range, bits]) => ip.kind() === range.kind() && ip.match([range, bits] as never));
}

/**
 * The client's address. X-Forwarded-For is a list each proxy appends to (Next.js fills it with the socket's
 * address when no proxy did), so only its right end is written by machines we trust: the client is the entry
 * just left of the trusted proxies — counted (TRUSTED_PROXIES=2), or recognised by address
 * (TRUSTED_PROXIES=10.0.0.0/8). Whatever a client writes at the left is never read, so it cannot choose the
 * address its sign-in failures are counted against.
 */
export function clientIpFrom(get: (name: string) => string | null | undefined, setting?: string): string {
  const chain = (get("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (chain.length === 0) return "local";
  const trusted = trustedProxies(setting);
  let index: number;
  if ("hops" in trusted) {
    // With one proxy, the right-most entry is the address it saw; Next.js's own entry counts as that hop when
    // the app is reached directly.
    index = Math.max(0, chain.length - Math.max(1, trusted.hops));
  } else {
    index = chain.length - 1;
    while (index > 0 && normalise(chain[index]) && inNetworks(normalise(chain[index])!, trusted.networks)) index--;
  }
  return normalise(chain[index]) ?? "unknown";
}

/** The client's address of the current request (server actions and server components). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}
