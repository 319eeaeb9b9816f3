// Generates the Prisma client (lib/db/generated, git-ignored) at install time. `prisma generate` does not need
// the native schema engine, but tries to download it unless PRISMA_SCHEMA_ENGINE_BINARY names a file; offline
// that download fails, so point it at a harmless existing file. Migrations use the WebAssembly engine.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
