import "server-only";
import { isDatabaseUnavailable } from "./unavailable.ts";

/**
 * Runs `attempt` again after a connection error (the database restarting or failing over: 57P01, 08006,
 * ECONNRESET, ECONNREFUSED, …, see ./unavailable.ts) when `safeToRepeat` says a repeat cannot apply anything
 * twice: the unit of work never started, or it only reads. Any other error, or a connection lost after a
 * write may have reached the server, goes to the caller unchanged — whether a commit happened is then
 * unknown, and the user is told "nothing saved, try again" by the frame (lib/actions/run-action.ts).
 * Waits `delaysMs` between attempts (short: a user is waiting; a failover takes seconds, not minutes).
 */
export async function retryOnConnectionError<T>(
  attempt: () => Promise<T>,
  safeToRepeat: (error: unknown) => boolean,
  delaysMs: readonly number[] = [250, 1_000],
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= delaysMs.length || !isDatabaseUnavailable(error) || !safeToRepeat(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delaysMs[i]));
    }
  }
}
