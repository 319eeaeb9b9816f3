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
  /Connection terminated|ECONNREFUSED|server closed the connection|the database system is (shutting down|starting up|in recovery mode)|Can't reach database server|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    if (typeof e !== "object") break;
    const { code, kind, originalCode, message, cause } = e as Record<string, unknown>;
    if ((typeof code === "string" && CODES.has(code)) || (typeof originalCode === "string" && CODES.has(originalCode)))
      return true;
    if (typeof kind === "string" && KINDS.has(kind)) return true;
    if (typeof message === "string" && MESSAGES.test(message)) return true;
    e = cause;
  }
  return false;
}
