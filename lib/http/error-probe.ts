import "server-only";
/**
 * The end-to-end suite's way to see the error pages of the production build: with SAMSPILL_ERROR_PROBE=1
 * (set only by scripts/dev/e2e-server.ts) the path `…/error-probe` throws as an unexpected bug would. Without
 * it, that path is not found like any other.
 */
export function throwIfErrorProbe(rest: string[]): void {
  if (process.env.SAMSPILL_ERROR_PROBE === "1" && rest.length === 1 && rest[0] === "error-probe") {
    throw new Error("error probe: an unexpected error, on purpose");
  }
}
