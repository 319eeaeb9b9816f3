import { db } from "@/lib/db/client";
import { metrics } from "@/lib/observability/metrics";
import { metricsAllowed } from "@/lib/observability/metrics-token";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics (lib/observability/metrics.ts) for a scraper holding METRICS_TOKEN. Anyone else gets the
 * same 404 as any unknown path, so the endpoint does not announce itself.
 */
export async function GET(request: Request) {
  if (!metricsAllowed(request.headers.get("authorization"))) {
    return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  }
  const m = metrics();
  m.jobLastSuccess ??= async () =>
    db().$queryRaw<{ job: string; at: Date }[]>`
      select job, max("finishedAt") as at from "JobRun" where ok group by job`;
  return new Response(await m.registry.metrics(), {
    headers: { "content-type": m.registry.contentType, "cache-control": "no-store" },
  });
}
