/**
 * zxing-cpp compiled to WebAssembly: the decoder the scanner uses. Its `.wasm` comes from our own origin
 * (imported with Vite's `?url`, so it is a hashed build asset the service worker precaches): left to
 * itself the package fetches it from a CDN, which would break scanning offline and the CSP.
 */
import wasmUrl from "zxing-wasm/reader/zxing_reader.wasm?url";
import { prepareZXingModule, readBarcodes, type ReaderOptions } from "zxing-wasm/reader";
import type { Decoded, Decoder } from "../types.js";

// The symbols found on medical packs and shelf labels: GS1 DataMatrix, GS1-128 / Code 128, EAN/UPC,
// QR (GS1 Digital Link), DataBar, ITF-14 on cartons, Code 39 (HIBC linear).
const FORMATS: ReaderOptions["formats"] = [
  "DataMatrix",
  "Code128",
  "EAN13",
  "EAN8",
  "UPCA",
  "UPCE",
  "QRCode",
  "DataBar",
  "DataBarExp",
  "ITF14",
  "Code39",
];

const OPTIONS: ReaderOptions = {
  formats: FORMATS,
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  // "Plain": GS1 separators arrive as GS (what the parser reads); the AIM identifier comes separately.
  textMode: "Plain",
  maxNumberOfSymbols: 1,
};

let ready: Promise<unknown> | undefined;

/** Loads and compiles the module once; rejects when WebAssembly cannot run (e.g. a CSP without 'wasm-unsafe-eval'). */
export function loadZxingWasm(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? wasmUrl : prefix + path) },
    fireImmediately: true,
  }).catch((e: unknown) => {
    ready = undefined; // a later attempt may succeed (e.g. the asset was still being precached)
    throw e;
  });
  return ready;
}

export async function createZxingWasmDecoder(): Promise<Decoder> {
  await loadZxingWasm();
  return {
    name: "zxing-wasm",
    async decode(frame: ImageData): Promise<Decoded | null> {
      const [hit] = await readBarcodes(frame, OPTIONS);
      if (!hit || !hit.isValid) return null;
      return {
        text: hit.text,
        format: hit.format,
        symbologyIdentifier: hit.symbologyIdentifier || undefined,
        contentType: hit.contentType,
      };
    },
  };
}
