import "server-only";
import { db, type Db } from "./client.ts";

/** True when a trivial query answers within the timeout (not repeated: lib/db/read-retry.ts PROBE). */
export async function checkDatabase(timeoutMs = 2_000, client: Db = db()): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const query = client.$queryRaw`select 1 /* probe */`.then(
      () => true as const,
      () => false as const,
    );
    return await Promise.race([query, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
