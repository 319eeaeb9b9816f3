import "server-only";
/** Any origin will do: only whether a value stays on it matters. */
const BASE = "https://samspill.invalid";

/**
 * Only a path on this site may be a sign-in's destination (no open redirect to another host). The value is
 * resolved the way a browser resolves a Location header — `new URL` drops tabs and newlines and reads `\` as
 * `/`, so `/\t/evil.example` and `/\evil.example` are `//evil.example`, another host — and kept only when it
 * stays on the same origin. What comes back is the resolved path, never the raw input.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !raw.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that still starts with two slashes would be read as another host by the next parser.
  return path.startsWith("//") || path.startsWith("/\\") ? fallback : path;
}
