import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What the request line records that only the app learns while it answers: the signed-in user's id. */
export type RequestContext = { requestId: string; userId?: string };

const key = Symbol.for("samspill.requestContext");
const store = globalThis as unknown as { [key]?: AsyncLocalStorage<RequestContext> };

export function requestContextStorage(): AsyncLocalStorage<RequestContext> {
  store[key] ??= new AsyncLocalStorage<RequestContext>();
  return store[key];
}

/** Records the signed-in user's id (an opaque id, not personal data) on the current request's log line. */
export function noteRequestUser(userId: string): void {
  const context = requestContextStorage().getStore();
  if (context) context.userId = userId;
}

/** The current request's id (the `x-request-id` header), for log lines written while answering it. */
export function currentRequestId(): string | undefined {
  return requestContextStorage().getStore()?.requestId;
}
