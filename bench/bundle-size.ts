/**
 * `npm run bench:bundle`: how much JavaScript a first visit downloads, in gzip bytes (level 9, as the
 * build's .gz copies) and brotli. Builds the client into a temporary folder (dist/client is left alone),
 * then reads index.html: the entry script and the chunks it preloads are what every first load fetches
 * before anything shows. Also printed: what a signed-in user's first screen adds on top (the lazy
 * chunks of the shell and "/" with their own imports), from the build's manifest.
 *
 *   tsx bench/bundle-size.ts            build, then measure
 *   tsx bench/bundle-size.ts <dir>      measure an existing build (needs .vite/manifest.json for the second part)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The budget for the JavaScript of the first load. */
const TARGET_GZIP = 120_000;

interface ManifestChunk {
  file: string;
  name?: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

async function buildInto(dir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: path.join(ROOT, "vite.config.ts"),
    mode: "production",
    logLevel: "warn",
    build: { outDir: dir, emptyOutDir: true, manifest: true },
  });
}

function sizes(dir: string, files: Iterable<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(dir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

// Decimal kilobytes, as the issue and Vite report them.
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

/** The scripts index.html loads: the module entry and its modulepreload links. */
function initialScripts(dir: string): string[] {
  const html = readFileSync(path.join(dir, "index.html"), "utf8");
  const found = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+\.js)"/g),
  ].map((m) => m[1]!);
  return [...new Set(found)];
}

/** A manifest key's file plus every chunk it imports statically, transitively. */
function withStaticImports(manifest: Record<string, ManifestChunk>, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) withStaticImports(manifest, dep, into);
  return into;
}

async function main() {
  const given = process.argv[2];
  // A folder of its own: the build writes source maps beside the output folder (vite.config.ts).
  const scratch = given ? undefined : mkdtempSync(path.join(os.tmpdir(), "venzory-bundle-"));
  const dir = given ? path.resolve(given) : path.join(scratch!, "client");
  try {
    if (!given) await buildInto(dir);
    const initial = initialScripts(dir);
    const first = sizes(dir, initial);
    console.log(`Initial JS (index.html: ${initial.length} script(s): ${initial.join(", ")})`);
    console.log(
      `  raw ${kB(first.raw)}  gzip ${kB(first.gzip)} (${first.gzip} B)  brotli ${kB(first.brotli)}  target gzip ≤ ${kB(TARGET_GZIP)}: ${first.gzip <= TARGET_GZIP ? "met" : "NOT met"}`,
    );

    const manifestFile = path.join(dir, ".vite", "manifest.json");
    if (existsSync(manifestFile)) {
      const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, ManifestChunk>;
      const loaded = new Set(initial);
      const lazy = (name: string) => Object.keys(manifest).find((k) => manifest[k]!.src?.endsWith(name));
      // What opening "/" signed in adds: the shell (replica, sync) and the location list.
      const signedIn = new Set<string>();
      for (const src of ["app/SignedIn.tsx", "app/pages/LocationsPage.tsx"]) {
        const key = lazy(src);
        if (key) for (const f of withStaticImports(manifest, key)) if (!loaded.has(f)) signedIn.add(f);
      }
      const extra = sizes(dir, signedIn);
      console.log(
        `Signed-in "/" adds ${signedIn.size} lazy chunk(s): gzip ${kB(extra.gzip)} (total to the first signed-in screen: gzip ${kB(first.gzip + extra.gzip)})`,
      );
      const screens = Object.values(manifest).filter((c) => c.src?.includes("app/pages/"));
      for (const c of screens) {
        const own = sizes(dir, [c.file]);
        console.log(`  lazy ${path.basename(c.src!).padEnd(22)} ${c.file.padEnd(40)} gzip ${kB(own.gzip)}`);
      }
    }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
