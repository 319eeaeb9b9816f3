import { checkReadiness } from "@/lib/db/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 503 while the database is unreachable or migrations are pending (lib/db/readiness.ts). */
export async function GET() {
  const r = await checkReadiness();
  return Response.json(
    { status: r.ready ? "ready" : "not-ready", db: r.db, pendingMigrations: r.pendingMigrations?.length ?? null },
    { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
