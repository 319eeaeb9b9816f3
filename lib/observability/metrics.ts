import "server-only";
import client, { type Registry } from "prom-client";
import type pg from "pg";
import { onCacheLookup } from "../cache/lookups.ts";
import { openPools } from "../db/pools.ts";

/**
 * The process's Prometheus metrics (prom-client), served by /api/metrics behind METRICS_TOKEN. One registry per
 * process, kept on globalThis because Next.js bundles instrumentation.ts and each route handler separately.
 * Labels carry route patterns, job names and cache names only — never ids, slugs of people or URLs.
 */
export type Metrics = {
  registry: Registry;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  cacheLookups: client.Counter<"cache" | "result">;
  jobLastSuccess: (() => Promise<{ job: string; at: Date }[]>) | null;
};

const key = Symbol.for("samspill.metrics");
const store = globalThis as unknown as { [key]?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  // Process and Node.js runtime series, among them the event-loop lag (nodejs_eventloop_lag_*).
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const pools = openPools();
  const metrics: Metrics = {
    registry,
    jobLastSuccess: null,
    httpDuration: new client.Histogram({
      name: "samspill_http_request_duration_seconds",
      help: "Time from a request's start to its response's end, per route pattern",
      labelNames: ["method", "route", "status"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    cacheLookups: new client.Counter({
      name: "samspill_cache_lookups_total",
      help: "Look-ups in the derived-value caches (dashboard tables, charts, figure markup): hit or miss",
      labelNames: ["cache", "result"],
      registers: [registry],
    }),
  };
  const poolGauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
    new client.Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        let sum = 0;
        for (const p of pools) {
          if ((p as pg.Pool & { ended?: boolean }).ended) pools.delete(p);
          else sum += read(p);
        }
        this.set(sum);
      },
    });
  poolGauge(
    "samspill_db_pool_in_use",
    "Database connections checked out of the pool",
    (p) => p.totalCount - p.idleCount,
  );
  poolGauge("samspill_db_pool_idle", "Open database connections waiting in the pool", (p) => p.idleCount);
  poolGauge("samspill_db_pool_waiting", "Queries waiting for a database connection", (p) => p.waitingCount);
  new client.Gauge({
    name: "samspill_job_last_success_timestamp_seconds",
    help: "When each scheduled job last finished without error (JobRun table), Unix seconds",
    labelNames: ["job"],
    registers: [registry],
    async collect() {
      this.reset();
      if (!metrics.jobLastSuccess) return;
      try {
        for (const { job, at } of await metrics.jobLastSuccess()) this.set({ job }, at.getTime() / 1000);
      } catch {
        // The database is down: the scrape still answers; the series is missing, which alerts on its own.
      }
    },
  });
  onCacheLookup((cache, hit) => metrics.cacheLookups.inc({ cache, result: hit ? "hit" : "miss" }));
  return metrics;
}

export function metrics(): Metrics {
  store[key] ??= create();
  return store[key];
}
