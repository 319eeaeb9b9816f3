import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The route pattern a URL path belongs to (`/[locale]/t/[tenant]/participants/[id]`), for logs and metric
 * labels: a raw URL would put ids, slugs and tokens into them and give every participant its own series.
 * Patterns come from the build's app-path-routes-manifest.json; without one (dev, tests) ids are recognised
 * by their shape.
 */
type Pattern = { route: string; segments: string[] };

function specificity(segment: string): number {
  if (segment.startsWith("[[...")) return 3;
  if (segment.startsWith("[...")) return 2;
  if (segment.startsWith("[")) return 1;
  return 0;
}

export function compilePatterns(routes: string[]): Pattern[] {
  const patterns = [...new Set(routes)].map((route) => ({ route, segments: route.split("/").filter(Boolean) }));
  // Static segments before dynamic ones, dynamic before catch-alls, position by position (Next's own order).
  return patterns.sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const sa = a.segments[i] === undefined ? 4 : specificity(a.segments[i]);
      const sb = b.segments[i] === undefined ? 4 : specificity(b.segments[i]);
      if (sa !== sb) return sa - sb;
    }
    return a.segments.length - b.segments.length;
  });
}

function matches(pattern: string[], parts: string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    if (p.startsWith("[[...")) return true;
    if (p.startsWith("[...")) return parts.length > i;
    if (i >= parts.length) return false;
    if (!p.startsWith("[") && p !== parts[i]) return false;
  }
  return parts.length === pattern.length;
}

const ID = /^(c[a-z0-9]{20,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{32,})$/;

/** Without a manifest: ids, tenant slugs and locales replaced by their names. */
function byShape(parts: string[]): string {
  const out = parts.map((part, i) => {
    if (i === 0 && /^(nb|sv|en)$/.test(part)) return "[locale]";
    if (i > 0 && parts[i - 1] === "t" && (i === 1 || i === 2)) return "[tenant]";
    return ID.test(part) ? "[id]" : part;
  });
  return "/" + out.join("/");
}

export function routePattern(pathname: string, patterns: Pattern[] | null = manifestPatterns()): string {
  const clean = pathname.split("?")[0];
  if (clean.startsWith("/_next/")) return clean.startsWith("/_next/static/") ? "/_next/static" : "/_next";
  const parts = clean.split("/").filter(Boolean);
  if (!patterns) return byShape(parts);
  for (const p of patterns) if (matches(p.segments, parts)) return p.route || "/";
  return /\.[a-zA-Z0-9]+$/.test(clean) ? "static-file" : "unmatched";
}

/** The tenant's slug from `/<locale>/t/<slug>/…` or `/api/t/<slug>/…` (a public identifier, not personal data). */
export function tenantSlugOf(pathname: string): string | undefined {
  const m = /^\/(?:[a-z]{2}|api)\/t\/([a-z0-9-]+)(?:\/|$)/.exec(pathname.split("?")[0]);
  return m?.[1];
}

let cached: Pattern[] | null | undefined;

function manifestPatterns(): Pattern[] | null {
  if (cached !== undefined) return cached;
  try {
    const file = path.join(process.cwd(), ".next", "app-path-routes-manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    cached = compilePatterns(Object.values(manifest));
  } catch {
    cached = null;
  }
  return cached;
}
