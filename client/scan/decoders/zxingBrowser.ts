/**
 * @zxing/browser (the product owner's original choice), kept behind the same Decoder interface as the
 * fallback for browsers where WebAssembly cannot run. Measured slower and weaker on small DataMatrix
 * (bench/scan-decoders.ts). The GS1 hint is essential: without ASSUME_GS1 its Code 128 reader drops the
 * FNC1 separators and a lot swallows the expiry after it.
 */
import { BrowserMultiFormatReader } from "@zxing/browser";
import { BarcodeFormat, DecodeHintType, NotFoundException, ChecksumException, FormatException } from "@zxing/library";
import type { Decoded, Decoder } from "../types.js";

const FORMATS = [
  BarcodeFormat.DATA_MATRIX,
  BarcodeFormat.CODE_128,
  BarcodeFormat.EAN_13,
  BarcodeFormat.EAN_8,
  BarcodeFormat.UPC_A,
  BarcodeFormat.UPC_E,
  BarcodeFormat.QR_CODE,
  BarcodeFormat.RSS_14,
  BarcodeFormat.RSS_EXPANDED,
  BarcodeFormat.ITF,
  BarcodeFormat.CODE_39,
];

export function createZxingBrowserDecoder(): Decoder {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, FORMATS],
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  // BrowserMultiFormatReader decodes with decodeWithState, which keeps these hints for every frame.
  const reader = new BrowserMultiFormatReader(hints);
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) throw new Error("no 2D canvas context");
  return {
    name: "zxing-browser",
    async decode(frame: ImageData): Promise<Decoded | null> {
      if (canvas.width !== frame.width || canvas.height !== frame.height) {
        canvas.width = frame.width;
        canvas.height = frame.height;
      }
      context.putImageData(frame, 0, 0);
      try {
        const result = reader.decodeFromCanvas(canvas);
        return { text: result.getText(), format: BarcodeFormat[result.getBarcodeFormat()] ?? "unknown" };
      } catch (e) {
        // "Nothing (readable) in this frame" is the normal case of a scan loop.
        if (e instanceof NotFoundException || e instanceof ChecksumException || e instanceof FormatException) return null;
        throw e;
      }
    },
  };
}
