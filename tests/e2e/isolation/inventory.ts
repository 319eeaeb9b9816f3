/**
 * What the app serves, read from the file system at test time (never a hand-kept list): every page and route
 * handler under app/, and every exported server action of every app/**\/actions.ts, with the build's own
 * manifests (.next/) as a cross-check, so a route or action the scan missed, or a stale build, fails the test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = process.cwd();
const APP = path.join(ROOT, "app");

export type Segment =
  { kind: "static"; value: string } | { kind: "dynamic" | "catchAll" | "optionalCatchAll"; name: string };
export type AppRoute = {
  /** The route as Next names it, e.g. "/[locale]/t/[tenant]/participants/[participantId]". */
  pattern: string;
  kind: "page" | "handler";
  /** The file, relative to the repository, e.g. "app/[locale]/t/[tenant]/page.tsx". */
  file: string;
  segments: Segment[];
  /** Names of the dynamic segments, in order. */
  params: string[];
};

const PAGE_FILE = /^page\.(tsx|ts|jsx|js|mdx)$/;
const HANDLER_FILE = /^route\.(ts|tsx|js|jsx)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function parseSegment(part: string, file: string): Segment | null {
  if (/^\(.*\)$/.test(part)) {
    // Intercepting routes ("(.)x", "(..)x") change what a URL shows; classify them by hand when one appears.
    if (/^\(\.+\)/.test(part))
      throw new Error(
        `${file}: intercepting route segment "${part}" — teach tests/e2e/isolation/inventory.ts about it`,
      );
    return null; // a route group: not part of the URL
  }
  if (part.startsWith("@"))
    throw new Error(`${file}: parallel route slot "${part}" — teach tests/e2e/isolation/inventory.ts about it`);
  let m = /^\[\[\.\.\.([^\]]+)\]\]$/.exec(part);
  if (m) return { kind: "optionalCatchAll", name: m[1] };
  m = /^\[\.\.\.([^\]]+)\]$/.exec(part);
  if (m) return { kind: "catchAll", name: m[1] };
  m = /^\[([^\]]+)\]$/.exec(part);
  if (m) return { kind: "dynamic", name: m[1] };
  return { kind: "static", value: part };
}

/** Every page.tsx and route.ts under app/ (private "_folders" excluded, as Next does). */
export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const full of walk(APP)) {
    const base = path.basename(full);
    const kind = PAGE_FILE.test(base) ? "page" : HANDLER_FILE.test(base) ? "handler" : null;
    if (!kind) continue;
    const rel = path.relative(ROOT, full).split(path.sep).join("/");
    const parts = path.relative(APP, path.dirname(full)).split(path.sep).filter(Boolean);
    if (parts.some((p) => p.startsWith("_"))) continue;
    const segments = parts.map((p) => parseSegment(p, rel)).filter((s): s is Segment => s !== null);
    const pattern =
      "/" +
      segments
        .map((s) =>
          s.kind === "static"
            ? s.value
            : s.kind === "dynamic"
              ? `[${s.name}]`
              : s.kind === "catchAll"
                ? `[...${s.name}]`
                : `[[...${s.name}]]`,
        )
        .join("/");
    routes.push({
      pattern: pattern === "/" ? "/" : pattern,
      kind,
      file: rel,
      segments,
      params: segments.flatMap((s) => (s.kind === "static" ? [] : [s.name])),
    });
  }
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The routes of the production build (.next/app-path-routes-manifest.json), or null when there is no build. */
export function builtRoutes(): string[] | null {
  const file = path.join(ROOT, ".next/app-path-routes-manifest.json");
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  // Next's own error pages are not routes of the app.
  return [...new Set(Object.values(manifest))].filter((p) => !["/_not-found", "/_global-error"].includes(p)).sort();
}

// ------------------------------------------------------------------------------------------ server actions

export type ActionParam = { name: string; type: string };
export type ServerAction = {
  file: string;
  name: string;
  params: ActionParam[];
  /** The function's body, between its braces. */
  body: string;
};

/** The balanced text between the bracket at `open` and its partner; returns the index after the partner too. */
function balanced(text: string, open: number): { inner: string; end: number } {
  const pairs: Record<string, string> = { "(": ")", "{": "}", "[": "]", "<": ">" };
  const first = text[open];
  const stack = [pairs[first]];
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      i = text.indexOf("\n", i);
      if (i < 0) break;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      i = text.indexOf("*/", i) + 1;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      // skip a string literal
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (c === "(" || c === "{" || c === "[") stack.push(pairs[c]);
    else if (c === ")" || c === "}" || c === "]") {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return { inner: text.slice(open + 1, i), end: i + 1 };
    }
  }
  throw new Error(`no closing bracket for ${first} at ${open}`);
}

function splitTopLevel(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if ("([{<".includes(c)) depth++;
    if (")]}".includes(c) || (c === ">" && list[i - 1] !== "=")) depth--;
    if (c === "," && depth === 0) {
      out.push(current);
      current = "";
    } else current += c;
  }
  if (current.trim()) out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

export function actionFiles(): string[] {
  return walk(APP)
    .filter((f) => path.basename(f) === "actions.ts")
    .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
    .sort();
}

/** The exported async functions of one actions.ts: `export async function NAME(params) { body }`. */
export function parseActions(file: string): ServerAction[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const actions: ServerAction[] = [];
  const re = /export\s+async\s+function\s+(\w+)\s*\(/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const { inner: paramList, end } = balanced(text, m.index + m[0].length - 1);
    const open = text.indexOf("{", end);
    const { inner: body } = balanced(text, open);
    const params = splitTopLevel(paramList).map((p) => {
      const colon = p.indexOf(":");
      return { name: (colon < 0 ? p : p.slice(0, colon)).trim(), type: colon < 0 ? "" : p.slice(colon + 1).trim() };
    });
    actions.push({ file, name: m[1], params, body });
  }
  return actions;
}

/** Other ways to define a server action, which the sweep would not see: listed so the test can refuse them. */
export function otherServerActionSources(): string[] {
  const found: string[] = [];
  for (const dir of ["app", "lib", "components"]) {
    const full = path.join(ROOT, dir);
    if (!existsSync(full)) continue;
    for (const file of walk(full)) {
      if (!/\.(ts|tsx|js|jsx)$/.test(file)) continue;
      const rel = path.relative(ROOT, file).split(path.sep).join("/");
      const text = readFileSync(file, "utf8");
      const fileLevel = /^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/)\s*)*["']use server["']/.test(text);
      const inline = /\{\s*["']use server["']/.test(text);
      if (fileLevel && !(rel.startsWith("app/") && rel.endsWith("/actions.ts")))
        found.push(`${rel}: a "use server" file that is not an app/**/actions.ts`);
      if (inline) found.push(`${rel}: an inline "use server" function`);
    }
  }
  return found;
}

export type ManifestAction = { id: string; file: string; name: string; workers: string[] };

/** The build's server actions (.next/server/server-reference-manifest.json): id, defining file, export, pages. */
export function builtActions(): ManifestAction[] | null {
  const file = path.join(ROOT, ".next/server/server-reference-manifest.json");
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
    edge: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  return Object.entries({ ...manifest.node, ...manifest.edge }).map(([id, v]) => ({
    id,
    file: v.filename ?? "?",
    name: v.exportedName ?? "?",
    workers: Object.keys(v.workers).sort(),
  }));
}

/** "app/[locale]/t/[tenant]/members/page" (a manifest worker) → "/[locale]/t/[tenant]/members". */
/** A route pattern with its dynamic segments filled in (URL-encoded). */
export function fillPattern(pattern: string, values: (segment: string) => string): string {
  return pattern.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, (_, name: string) => encodeURIComponent(values(name)));
}

export function workerPattern(worker: string): string {
  const parts = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter(Boolean);
  return "/" + parts.filter((p) => !/^\(.*\)$/.test(p)).join("/");
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** The HTTP methods a route handler exports (`export async function GET`, `export { handler as POST }`, …). */
export function handlerMethods(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  const found = new Set<string>();
  for (const m of text.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of text.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}
