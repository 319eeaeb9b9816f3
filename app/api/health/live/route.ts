export const dynamic = "force-dynamic";

/** Liveness: the process answers. Does not touch the database — a database outage must not restart the app. */
export function GET() {
  return Response.json({ status: "live" }, { headers: { "cache-control": "no-store" } });
}
