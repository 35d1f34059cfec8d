import type { Decoder } from "../types.js";

export type DecoderName = Decoder["name"];

/**
 * The scanner's decoder: zxing-wasm, or @zxing/browser when WebAssembly cannot be loaded or compiled.
 * Each is its own dynamic import, so a browser only downloads the one it runs.
 */
export async function createDecoder(preferred: DecoderName = "zxing-wasm"): Promise<Decoder> {
  if (preferred === "zxing-wasm") {
    try {
      const { createZxingWasmDecoder } = await import("./zxingWasm.js");
      return await createZxingWasmDecoder();
    } catch (e) {
      console.warn("zxing-wasm unavailable, falling back to @zxing/browser", e);
    }
  }
  const { createZxingBrowserDecoder } = await import("./zxingBrowser.js");
  return createZxingBrowserDecoder();
}
