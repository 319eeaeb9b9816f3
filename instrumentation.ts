/**
 * Next.js calls register() once when the server starts: request logging and metrics for every request
 * (lib/observability/request-log.ts). Node.js runtime only; the Edge runtime has no diagnostics_channel.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installRequestLog } = await import("./lib/observability/request-log.ts");
  installRequestLog();
  const { logger } = await import("./lib/observability/logger.ts");
  logger().info({ pid: process.pid, node: process.version }, "server started");
}
