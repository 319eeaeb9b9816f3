// vitest resolves "server-only" here (vitest.config.ts): the tests run server modules on the server, where
// Next.js resolves the marker to an empty module too.
export {};
