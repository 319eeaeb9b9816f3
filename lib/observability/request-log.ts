import "server-only";
import diagnostics from "node:diagnostics_channel";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "./logger.ts";
import { metrics } from "./metrics.ts";
import { requestContextStorage, type RequestContext } from "./request-context.ts";
import { routePattern, tenantSlugOf } from "./route.ts";

/**
 * One log line and one duration observation per HTTP request, from Node's own http server events
 * (diagnostics_channel), so every request is covered — pages, actions, route handlers, static files, and
 * the ones Next.js answers before any app code runs. Installed once by instrumentation.ts.
 *
 * The request id is the caller's `x-request-id` when it looks like one (a load balancer's), else a new UUID;
 * it is set on the incoming headers (the app and proxy.ts see it) and sent back as the response's
 * `x-request-id`. The line holds the route pattern, never the URL or its query (tokens travel in some).
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const started = new WeakMap<IncomingMessage, { at: bigint; context: RequestContext }>();
const installed = Symbol.for("samspill.requestLogInstalled");

type RequestEvent = { request: IncomingMessage; response: ServerResponse };

function onRequestStart(message: unknown) {
  const { request, response } = message as RequestEvent;
  const given = request.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  request.headers["x-request-id"] = requestId;
  response.setHeader("x-request-id", requestId);
  const context: RequestContext = { requestId };
  started.set(request, { at: process.hrtime.bigint(), context });
  // The rest of this request's handling (emitted synchronously after this event) runs in this context, so
  // the app can add the signed-in user's id to it (noteRequestUser).
  requestContextStorage().enterWith(context);
}

function onResponseFinish(message: unknown) {
  const { request, response } = message as RequestEvent;
  const start = started.get(request);
  if (!start) return;
  started.delete(request);
  const seconds = Number(process.hrtime.bigint() - start.at) / 1e9;
  const pathname = (request.url ?? "/").split("?")[0];
  const route = routePattern(pathname);
  const status = response.statusCode;
  metrics().httpDuration.observe({ method: request.method ?? "GET", route, status: String(status) }, seconds);
  if (route === "/_next/static" || route === "static-file") return; // assets: counted, not logged
  const line = {
    requestId: start.context.requestId,
    method: request.method,
    route,
    tenant: tenantSlugOf(pathname),
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    userId: start.context.userId,
    action: request.headers["next-action"] ? true : undefined,
  };
  const log = logger();
  if (status >= 500) log.error(line, "request");
  else log.info(line, "request");
}

export function installRequestLog(): void {
  const g = globalThis as unknown as { [installed]?: boolean };
  if (g[installed]) return;
  g[installed] = true;
  metrics(); // registers the cache listener before the first look-up
  diagnostics.subscribe("http.server.request.start", onRequestStart);
  diagnostics.subscribe("http.server.response.finish", onResponseFinish);
}
