import "server-only";
/**
 * Whether an error means the database could not be reached (down, restarting, connection lost), as opposed
 * to a bug or a refused statement: the user is then told to try again in a moment rather than "something
 * went wrong". Looks through the error's cause chain (Prisma → driver adapter → pg).
 */
const CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006", // admin shutdown, crash, cannot connect now, connection failures
  "P1001",
  "P1002",
  "P1017",
  "P2024", // Prisma: unreachable, timed out, connection closed, pool timeout
]);
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const MESSAGES =
  /Connection terminated|ECONNREFUSED|server closed the connection|the database system is (shutting down|starting up|in recovery mode)|Can't reach database server|timeout exceeded when trying to connect|terminating connection due to (administrator command|unexpected postmaster exit|crash of another server process)|Client has encountered a connection error and is not queryable/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  // Breadth-first through `cause` and the driver adapter's error, which Prisma keeps beside the chain
  // (`meta.driverAdapterError`) rather than in it.
  const queue: unknown[] = [error];
  for (let seen = 0; queue.length && seen < 12; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== "object") continue;
    const { code, kind, originalCode, message, cause, meta, driverAdapterError } = e as Record<string, unknown>;
    if ((typeof code === "string" && CODES.has(code)) || (typeof originalCode === "string" && CODES.has(originalCode)))
      return true;
    if (typeof kind === "string" && KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    queue.push(cause, driverAdapterError, (meta as Record<string, unknown> | undefined)?.driverAdapterError);
  }
  return false;
}
