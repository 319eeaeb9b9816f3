import { checkDatabase } from "@/lib/db/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const dbUp = await checkDatabase();
  return Response.json(
    { status: dbUp ? "ok" : "degraded", db: dbUp ? "ok" : "down" },
    {
      status: dbUp ? 200 : 503,
      headers: { "cache-control": "no-store" },
    },
  );
}
