/**
 * Loads Prisma's schema engine compiled to WebAssembly. The Prisma CLI downloads a native engine at run
 * time, which offline machines cannot do; the WebAssembly build ships inside an npm package, so `diff`
 * (the SQL of a new migration) and the drift test work anywhere. The WebAssembly module is instantiated
 * by hand because Node 20 cannot import `.wasm` files without an experimental flag.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

type Engine = {
  diff(params: unknown): Promise<{ exitCode: number; stdout?: string }>;
  free(): void;
};

async function loadEngineClass(): Promise<{ SchemaEngine: { new: (o: unknown, cb: (m: string) => void, a: object) => Promise<Engine> } }> {
  const require = createRequire(import.meta.url);
  // The package exports only its entry (which imports the .wasm directly), so resolve the glue file.
  const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const dir = path.dirname(glue);
  const bg = await import(pathToFileURL(glue).href);
  const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  return bg;
}

/** The SQL that takes a database from the schema `fromSchema` (or empty) to `toSchema`. */
export async function diffSchemas(fromSchema: string | null, toSchema: string, databaseUrl: string): Promise<string> {
  const { SchemaEngine } = await loadEngineClass();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const engine = await SchemaEngine.new({ datamodels: [["schema.prisma", toSchema]] }, () => {}, adapter);
  try {
    const target = (content: string) => ({ tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] });
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : target(fromSchema),
      to: target(toSchema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
