import "server-only";
import type { Db } from "../db/client.ts";
import { logger } from "../observability/logger.ts";

/**
 * Runs a scheduled job with its bookkeeping: a log line at start and at end (name, duration, outcome and the
 * job's own counts — numbers only, never who), and a JobRun row (prisma/schema.prisma) that the metrics read
 * as the job's last success. A failure is logged with its error's code and rethrown, so the job exits non-zero.
 * If the JobRun row cannot be written the job still runs: the missing success shows in the metrics.
 */
export async function runJob<T>(
  client: Db,
  job: string,
  fn: () => Promise<T>,
  counts: (result: T) => Record<string, number> = () => ({}),
): Promise<T> {
  const log = logger().child({ job });
  const started = performance.now();
  log.info("job started");
  const run = await client.jobRun.create({ data: { job }, select: { id: true } }).catch((error: unknown) => {
    log.warn({ err: errorSummary(error) }, "job run not recorded");
    return null;
  });
  const finish = async (ok: boolean) => {
    const durationMs = Math.round(performance.now() - started);
    if (run)
      await client.jobRun
        .update({ where: { id: run.id }, data: { finishedAt: new Date(), ok, durationMs } })
        .catch((error: unknown) => log.warn({ err: errorSummary(error) }, "job run not recorded"));
    return durationMs;
  };
  try {
    const result = await fn();
    const durationMs = await finish(true);
    log.info({ durationMs, ok: true, counts: counts(result) }, "job finished");
    return result;
  } catch (error) {
    const durationMs = await finish(false);
    log.error({ durationMs, ok: false, err: errorSummary(error) }, "job failed");
    throw error;
  }
}

/** An error's type and code, not its message: messages of database errors can quote the row's values. */
function errorSummary(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = (error as Error & { code?: unknown }).code;
  return { type: error.name, code: typeof code === "string" ? code : undefined };
}
