import { readFileSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * Prisma's schema engine compiled to WebAssembly (npm: @prisma/schema-engine-wasm). It does what
 * `prisma migrate deploy` and `prisma migrate diff` do, without the native engine download that is not
 * possible offline. Migrations stay standard Prisma migrations in prisma/migrations.
 */
type WasmEngine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

const require = createRequire(import.meta.url);
export const migrationsDir = path.resolve("prisma/migrations");
export const schemaFile = path.resolve("prisma/schema.prisma");
const noFilters = { externalTables: [], externalEnums: [] };

type EngineModule = { SchemaEngine: { new: (o: unknown, cb: () => void, a: object) => Promise<WasmEngine> } };
// wasm-bindgen's glue (schema_engine_bg.js): the engine's classes, the functions the wasm imports, and its setter.
type EngineBindings = EngineModule &
  WebAssembly.ModuleImports & { __wbg_set_wasm: (exports: WebAssembly.Exports) => void };
let engineModule: Promise<EngineModule> | undefined;

// The wasm module may be instantiated once per process; panics are reported through this registry.
function loadEngineModule(): Promise<EngineModule> {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => console.error("[schema-engine] panic:", m) };
  engineModule ??= instantiateEngineModule();
  return engineModule;
}

async function instantiateEngineModule(): Promise<EngineModule> {
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  // By its path, which has no types: the package's entry imports the .wasm as an ES module (--experimental-wasm-modules).
  const bindings = (await import(path.join(pkgDir, "schema_engine_bg.js"))) as EngineBindings;
  const bytes = readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bindings;
}

/**
 * PrismaPg runs a migration script by splitting it on ";", which breaks dollar-quoted PL/pgSQL (our RLS and
 * role set-up). PostgreSQL's simple-query protocol runs a multi-statement script as one implicit
 * transaction, which is what the native engine does: send it whole.
 */
function wholeScriptAdapter(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const internals = adapter as unknown as {
      client: { query: (sql: string) => Promise<unknown> };
      onError: (error: unknown) => never;
    };
    adapter.executeScript = async (script: string) => {
      await internals.client.query(script).catch((error) => internals.onError(error));
    };
    return adapter;
  };
  return factory;
}

async function withEngine<T>(connectionString: string, datamodel: string, fn: (e: WasmEngine) => Promise<T>) {
  const { SchemaEngine } = await loadEngineModule();
  const adapter = bindMigrationAwareSqlAdapterFactory(wholeScriptAdapter(new PrismaPg({ connectionString })));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => undefined, adapter);
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

function migrationList() {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok", value: readFileSync(file, "utf8") }
            : { tag: "error", value: `missing ${file}` },
        },
      };
    }),
  };
}

/** Applies every migration not yet recorded in _prisma_migrations, as `prisma migrate deploy` does. */
export async function applyMigrations(adminUrl: string): Promise<string[]> {
  const schema = readFileSync(schemaFile, "utf8");
  return withEngine(adminUrl, schema, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: migrationList(), filters: noFilters });
    return result.appliedMigrationNames;
  });
}

/** The SQL that takes a database from schema `from` (null: empty) to schema `to`. */
export async function diffSchemas(adminUrl: string, from: string | null, to: string): Promise<string> {
  return withEngine(adminUrl, to, async (engine) => {
    const target = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
    const result = await engine.diff({
      from: from === null ? { tag: "empty" } : target(from),
      to: target(to),
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return result.stdout ?? "";
  });
}
