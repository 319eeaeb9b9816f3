/**
 * Speaking HTTP to the app as one role: sign-in through next-auth's credentials endpoint, plain GETs without
 * following redirects, and server-action calls exactly as React's client sends them.
 *
 * Server actions over HTTP: the client POSTs to a page that imports the action, with the header
 * `Next-Action: <id>` (ids from .next/server/server-reference-manifest.json), an `Origin` of the app itself
 * (Next refuses other origins), and the arguments encoded by React's `encodeReply`. Arguments bound with
 * `action.bind(null, tenant, id)` are NOT secret: a server component sends them to the browser in clear in the
 * Flight payload (`{"id":"…","bound":"$@29"}` / `29:["sv","are","<pilotId>"]`), client components bind them in
 * the browser, and the browser sends `[...bound, ...args]` back with every call. Only closures that capture
 * variables inside an inline "use server" function are encrypted by Next. So every argument of every action —
 * tenant slug and record ids included — is chosen by whoever calls it, and the sweep calls them that way.
 */
import { createRequire } from "node:module";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";

const require = createRequire(import.meta.url);
// React's own reply encoder, the one the browser bundle uses (react-server-dom-turbopack, as built by Next).
const { encodeReply } = require("next/dist/compiled/react-server-dom-turbopack/client.edge") as {
  encodeReply: (value: unknown) => Promise<string | FormData>;
};

/** A server action's request body and content type for `args` (the bound arguments, then the action's own). */
export async function encodeAction(args: unknown[]): Promise<{ body: Buffer; contentType: string }> {
  const encoded = await encodeReply(args);
  if (typeof encoded === "string") return { body: Buffer.from(encoded), contentType: "text/plain;charset=UTF-8" };
  // Serialise the multipart body the way fetch() would, boundary included.
  const response = new Response(encoded);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get("content-type")! };
}

export const DEMO_PASSWORD = "samspill-demo";

export type Session = { label: string; email: string | null; api: APIRequestContext };

export async function openSession(
  baseURL: string,
  label: string,
  email: string | null,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { "accept-language": "nb-NO" } });
  if (email) {
    const csrf = await api.get("/api/auth/csrf");
    if (!csrf.ok()) throw new Error(`csrf for ${email}: ${csrf.status()}`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password, json: "true" },
      maxRedirects: 0,
    });
    const state = await api.storageState();
    if (!state.cookies.some((c) => /session-token/.test(c.name))) {
      throw new Error(`sign-in as ${email} failed: ${signIn.status()} ${await signIn.text()}`);
    }
  }
  return { label, email, api };
}

export type Answer = { status: number; location: string | null; body: string; headers: Record<string, string> };

async function answer(response: APIResponse): Promise<Answer> {
  const headers = response.headers();
  return { status: response.status(), location: headers["location"] ?? null, body: await response.text(), headers };
}

/**
 * A request whose connection the server reset before answering is sent again once: under load, Node's server
 * closes an idle keep-alive socket just as the client reuses it (ECONNRESET, "socket hang up"). That is the
 * network, not an answer; every other error, and every answer, is final.
 */
async function resending(send: () => Promise<APIResponse>): Promise<APIResponse> {
  try {
    return await send();
  } catch (error) {
    if (!/ECONNRESET|socket hang up|EPIPE/.test(String(error))) throw error;
    return send();
  }
}

export async function get(session: Session, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await resending(() => session.api.get(url, { maxRedirects: 0, headers, failOnStatusCode: false })));
}

/** A page's Flight (RSC) payload, as the router fetches it: the ids the page's forms use are in it, unescaped. */
export async function flight(session: Session, url: string): Promise<Answer> {
  // Next redirects an RSC request to the same URL with its cache-busting `_rsc` parameter: follow that.
  return answer(
    await resending(() => session.api.get(url, { headers: { RSC: "1" }, maxRedirects: 2, failOnStatusCode: false })),
  );
}

/** Any method, empty body: for route handlers that export more than GET. */
export async function send(session: Session, method: string, url: string): Promise<Answer> {
  if (method === "GET") return get(session, url);
  return answer(await resending(() => session.api.fetch(url, { method, maxRedirects: 0, failOnStatusCode: false })));
}

export type ActionState = {
  status?: string;
  message?: string;
  fieldErrors?: Record<string, string> | string;
  data?: Record<string, string>;
};

export type ActionAnswer = Answer & {
  /** The action's return value, decoded from the Flight response; null when the action did not answer. */
  state: ActionState | null;
  /** Where a successful action sends the browser (Next's x-action-redirect), if anywhere. */
  actionRedirect: string | null;
};

/** Calls a server action as the browser does; `args` are the action's arguments after `.bind`, FormData last. */
export async function callAction(
  session: Session,
  pageUrl: string,
  actionId: string,
  baseURL: string,
  args: unknown[],
  extraHeaders: Record<string, string> = {},
): Promise<ActionAnswer> {
  const { body: data, contentType } = await encodeAction(args);
  const headers: Record<string, string> = {
    "Next-Action": actionId,
    Origin: baseURL,
    Accept: "text/x-component",
    "content-type": contentType,
    ...extraHeaders,
  };
  const response = await resending(() =>
    session.api.post(pageUrl, { data, headers, maxRedirects: 0, failOnStatusCode: false }),
  );
  const result = await answer(response);
  return {
    ...result,
    state: decodeActionState(result.body, result.headers["content-type"] ?? ""),
    actionRedirect: result.headers["x-action-redirect"] ?? null,
  };
}

/**
 * Where a successful action sent the browser (x-action-redirect is "<url>;push|replace"), and the reason a
 * plain form-post action gives when it refuses: such actions answer every call with a redirect, a refusal with
 * `?error=<message key>` (the import's steps: app/[locale]/t/[tenant]/import/actions.ts).
 */
export function actionRedirectTarget(res: ActionAnswer): { url: string; error: string | null } | null {
  if (!res.actionRedirect) return null;
  const url = res.actionRedirect.replace(/;(push|replace)$/, "");
  return { url, error: new URL(url, "http://localhost").searchParams.get("error") };
}

/** A multipart form post (a file upload, as a browser's form or script sends it), without following redirects. */
export async function postMultipart(
  session: Session,
  url: string,
  multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return answer(
    await resending(() => session.api.post(url, { multipart, headers, maxRedirects: 0, failOnStatusCode: false })),
  );
}

/** A form as the browser sends it; an array value becomes repeated fields. */
export function formData(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) form.append(k, value);
  return form;
}

/** Row 0 of an action's Flight answer points at its return value: `0:{"a":"$@1",…}` then `1:{"status":…}`. */
export function decodeActionState(body: string, contentType: string): ActionState | null {
  if (!contentType.startsWith("text/x-component")) return null;
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (m) rows.set(m[1], m[2]);
  }
  try {
    const root = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
    const ref = root?.a?.startsWith("$@") ? root.a.slice(2) : null;
    if (!ref || !rows.has(ref)) return null;
    return JSON.parse(rows.get(ref)!) as ActionState;
  } catch {
    return null;
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}
