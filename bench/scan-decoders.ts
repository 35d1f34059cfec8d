/**
 * `npm run bench:scan`: the two barcode decoders on the same camera frames, in headless Chromium, and
 * the scanner's download size.
 *
 * Frames: 1280×720 luminance pictures of real symbols (bwip-js, test/scan-frames.ts), 20 per symbol,
 * each slightly moved and with its own sensor noise. Each frame goes into the page as ImageData and
 * through the app's own Decoder implementations (client/scan/decoders), served by Vite's dev server.
 * A read counts only when the parsed result has the expected GTIN, lot and expiry (a GS1-128 read that
 * lost its separators is a wrong read, not a read). Time is per frame, read or not.
 *
 *   tsx bench/scan-decoders.ts              decoders and sizes
 *   tsx bench/scan-decoders.ts --no-size    decoders only (skips the production build)
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { createServer, type Plugin } from "vite";
import { parseScan } from "../shared/gs1/index.js";
import { composeFrame, renderSymbol, type Placement, type SymbolSpec } from "../test/scan-frames.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FRAMES = 20;

interface BenchSymbol {
  name: string;
  spec: SymbolSpec;
  place: Placement;
  expect: { gtin?: string; lot?: string; expiry?: string; kind: string };
}

const SYMBOLS: BenchSymbol[] = [
  {
    name: "GS1 DataMatrix, large",
    spec: { bcid: "gs1datamatrix", text: "(01)05060000010060(17)270600(10)L2605A(21)SN001", scale: 9 },
    place: {},
    expect: { kind: "gs1", gtin: "05060000010060", lot: "L2605A", expiry: "2027-06-30" },
  },
  {
    name: "GS1 DataMatrix, small, tilted, blurred",
    spec: { bcid: "gs1datamatrix", text: "(01)05060000010060(17)270600(10)L2605A(21)SN001", scale: 4 },
    place: { angle: 12, blur: 1 },
    expect: { kind: "gs1", gtin: "05060000010060", lot: "L2605A", expiry: "2027-06-30" },
  },
  {
    name: "GS1-128",
    spec: { bcid: "gs1-128", text: "(01)05060000010176(17)271231(10)10D9T", scale: 2 },
    place: { angle: 2 },
    expect: { kind: "gs1", gtin: "05060000010176", lot: "10D9T", expiry: "2027-12-31" },
  },
  {
    name: "EAN-13",
    spec: { bcid: "ean13", text: "5060000010015", scale: 3 },
    place: { angle: 2 },
    expect: { kind: "gtin", gtin: "05060000010015" },
  },
  {
    name: "HIBC DataMatrix",
    spec: { bcid: "hibcdatamatrix", text: "A123BJC5D6E71/$$3280131HB77", scale: 8 },
    place: { angle: 5 },
    expect: { kind: "hibc", lot: "HB77", expiry: "2028-01-31" },
  },
  {
    name: "GS1 Digital Link QR",
    spec: { bcid: "qrcode", text: "https://id.gs1.org/01/05060000010206/10/DL%2F42?17=281100", scale: 5 },
    place: { angle: 3 },
    expect: { kind: "gs1", gtin: "05060000010206", lot: "DL/42", expiry: "2028-11-30" },
  },
];

/** A blank page the benchmark drives; the decoders come in as modules through Vite. */
function benchPage(): Plugin {
  return {
    name: "venzory:scan-bench-page",
    configureServer(server) {
      server.middlewares.use("/__scan-bench", (_req, res) => {
        res.setHeader("content-type", "text/html");
        res.end("<!doctype html><meta charset=utf-8><title>scan bench</title>");
      });
    },
  };
}

function correct(text: string | null, expect: BenchSymbol["expect"]): boolean {
  if (text === null) return false;
  const r = parseScan(text);
  if (r.kind !== expect.kind) return false;
  const got =
    r.kind === "gs1"
      ? { gtin: r.gtin, lot: r.lot, expiry: r.expiry?.iso }
      : r.kind === "gtin"
        ? { gtin: r.gtin }
        : r.kind === "hibc"
          ? { lot: r.lot, expiry: r.expiry?.iso }
          : {};
  return Object.entries(expect).every(([k, v]) => k === "kind" || (got as Record<string, string | undefined>)[k] === v);
}

async function benchDecoders() {
  const server = await createServer({
    configFile: false,
    root: path.join(ROOT, "client"),
    plugins: [benchPage()],
    logLevel: "warn",
    server: { port: 0, host: "127.0.0.1" },
  });
  await server.listen();
  const address = server.httpServer?.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}/__scan-bench`);
    // Module paths as Vite serves them from client/ (given as arguments: the page resolves them, not tsc).
    await page.evaluate(
      async ([wasmModule, fallbackModule]) => {
        const wasm = await import(/* @vite-ignore */ wasmModule);
        const fallback = await import(/* @vite-ignore */ fallbackModule);
        const w = window as unknown as Record<string, unknown>;
        w.decoders = { "zxing-wasm": await wasm.createZxingWasmDecoder(), "zxing-browser": fallback.createZxingBrowserDecoder() };
        w.decodeFrame = async (name: string, b64: string) => {
          const luma = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const rgba = new Uint8ClampedArray(luma.length * 4);
          for (let i = 0; i < luma.length; i++) rgba.set([luma[i]!, luma[i]!, luma[i]!, 255], i * 4);
          const frame = new ImageData(rgba, 1280, 720);
          const decoder = (
            w.decoders as Record<string, { decode(f: ImageData): Promise<{ text: string; symbologyIdentifier?: string } | null> }>
          )[name]!;
          const start = performance.now();
          const hit = await decoder.decode(frame);
          const ms = performance.now() - start;
          const text = hit
            ? hit.text.startsWith(hit.symbologyIdentifier ?? "")
              ? hit.text
              : (hit.symbologyIdentifier ?? "") + hit.text
            : null;
          return { ms, text };
        };
      },
      ["/scan/decoders/zxingWasm.ts", "/scan/decoders/zxingBrowser.ts"] as const,
    );
    // @zxing/library logs every missed frame; keep the output readable.
    page.on("console", () => undefined);

    console.log(`Decoders on ${FRAMES} frames (1280×720) per symbol, headless Chromium; reads = correct GTIN/lot/expiry after parsing`);
    console.log(`${"symbol".padEnd(40)} ${"zxing-wasm".padEnd(26)} @zxing/browser (ASSUME_GS1)`);
    const results = [];
    for (const symbol of SYMBOLS) {
      const rendered = await renderSymbol(symbol.spec);
      const frames = Array.from({ length: FRAMES }, (_, f) =>
        Buffer.from(
          composeFrame(rendered, { ...symbol.place, dx: (f % 5) * 7 - 14, dy: (f % 4) * 5 - 8, noise: 5, seed: f + 1 }).data,
        ).toString("base64"),
      );
      const row: Record<string, { reads: number; meanMs: number; medianMs: number; sample: string | null }> = {};
      for (const name of ["zxing-wasm", "zxing-browser"]) {
        const times: number[] = [];
        let reads = 0;
        let sample: string | null = null;
        for (const b64 of frames) {
          const { ms, text } = await page.evaluate(
            ([n, data]) =>
              (window as unknown as { decodeFrame(n: string, d: string): Promise<{ ms: number; text: string | null }> }).decodeFrame(
                n,
                data,
              ),
            [name, b64] as const,
          );
          times.push(ms);
          if (correct(text, symbol.expect)) reads++;
          sample ??= text;
        }
        const sorted = [...times].sort((a, b) => a - b);
        row[name] = { reads, meanMs: times.reduce((a, b) => a + b, 0) / times.length, medianMs: sorted[sorted.length >> 1]!, sample };
      }
      // bwip-js padding is in modules (× scale): 10 each side.
      const size = `${rendered.width - 20 * symbol.spec.scale}px`;
      const cell = (r: (typeof row)[string]) =>
        `${String(r.reads).padStart(2)}/${FRAMES}  ${r.medianMs.toFixed(0).padStart(4)} ms median`.padEnd(26);
      console.log(`${`${symbol.name} (${size})`.padEnd(40)} ${cell(row["zxing-wasm"]!)} ${cell(row["zxing-browser"]!)}`);
      results.push({ symbol: symbol.name, ...row });
    }
    for (const r of results) {
      const b = (r as Record<string, unknown>)["zxing-browser"] as { reads: number; sample: string | null };
      if (b.reads < FRAMES && b.sample) console.log(`  @zxing/browser on ${r.symbol}: first text ${JSON.stringify(b.sample)}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

interface ManifestChunk {
  file: string;
  src?: string;
  imports?: string[];
  dynamicImports?: string[];
  assets?: string[];
}

async function benchSizes() {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "venzory-scan-size-"));
  const dir = path.join(scratch, "client");
  try {
    const { build } = await import("vite");
    await build({
      configFile: path.join(ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir: dir, emptyOutDir: true, manifest: true },
    });
    const manifest = JSON.parse(readFileSync(path.join(dir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
    const gz = (file: string) => gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length;
    const key = (src: string) => Object.keys(manifest).find((k) => manifest[k]!.src?.endsWith(src) || k.endsWith(src));
    // What opening the scan screen loads beyond the signed-in shell: the screen, the scanner chunk and the
    // decoder it picks, each with the chunks only they import.
    const shared = new Set<string>();
    const closure = (k: string | undefined, into: Set<string>) => {
      const c = k ? manifest[k] : undefined;
      if (!c || into.has(c.file)) return into;
      into.add(c.file);
      for (const dep of c.imports ?? []) closure(dep, into);
      return into;
    };
    for (const src of ["main.tsx", "app/SignedIn.tsx"]) closure(key(src), shared);
    const own = (src: string) => [...closure(key(src), new Set())].filter((f) => !shared.has(f));
    const line = (label: string, files: string[]) => {
      const total = files.reduce((sum, f) => sum + gz(f), 0);
      console.log(
        `  ${label.padEnd(34)} gzip ${(total / 1000).toFixed(1).padStart(6)} kB (${total} B)  ${files.map((f) => path.basename(f)).join(", ")}`,
      );
      return total;
    };
    console.log("Scanner download (gzip level 9, beyond the signed-in shell):");
    const screen = line("scan screen (features/scan)", own("features/scan/ScanScreen.tsx"));
    const screenFiles = new Set(own("features/scan/ScanScreen.tsx"));
    const scanner = line(
      "scanner chunk (client/scan)",
      own("scan/index.ts").filter((f) => !screenFiles.has(f)),
    );
    const decoder = line("zxing-wasm decoder JS", own("scan/decoders/zxingWasm.ts"));
    const wasmFile = Object.values(manifest)
      .flatMap((c) => c.assets ?? [])
      .find((a) => a.endsWith(".wasm"));
    const wasm = wasmFile ? line("zxing-wasm .wasm (precached)", [wasmFile]) : 0;
    line("@zxing/browser fallback (not loaded when wasm runs)", own("scan/decoders/zxingBrowser.ts"));
    console.log(`  first scan loads: gzip ${((screen + scanner + decoder + wasm) / 1000).toFixed(1)} kB in total`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await benchDecoders();
if (!process.argv.includes("--no-size")) await benchSizes();
