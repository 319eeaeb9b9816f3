// Loaded with `tsx --import ./scripts/server-only.mjs` (package.json): the scripts run the app's server modules
// outside Next.js, where they are on the server by definition, so "server-only" (which throws unless Next.js
// resolves it for a server bundle) resolves to an empty module here, as Next.js resolves it for server code.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return { url: "data:text/javascript,", format: "module", shortCircuit: true };
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
