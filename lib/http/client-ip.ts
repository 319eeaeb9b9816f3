import { headers } from "next/headers";

/** The client's address as the nearest proxy reports it (the app runs behind one in production). */
export function clientIpFrom(get: (name: string) => string | null | undefined): string {
  return get("x-forwarded-for")?.split(",")[0]?.trim() || get("x-real-ip")?.trim() || "local";
}

/** The client's address of the current request (server actions and server components). */
export async function clientIp(): Promise<string> {
  const h = await headers();
  return clientIpFrom((name) => h.get(name));
}
