/** Only a path on this site may be a sign-in's destination (no open redirect to another host). */
export function safeCallbackUrl(value: string | string[] | undefined, fallback: string): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return fallback;
  return url;
}
