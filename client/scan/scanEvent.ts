import { parseScan, type ScanResult } from "../../shared/gs1/index.js";
import { gsSubstitute } from "./settings.js";
import type { Decoded } from "./types.js";

/** One read, from whichever input, already parsed. */
export interface ScanEvent {
  /** What arrived, symbology identifier included (camera) or as typed (scanner, keyboard). */
  text: string;
  result: ScanResult;
  source: "camera" | "scanner" | "typed";
  /** Camera reads: what the decoder said about the symbol. */
  decoded?: Omit<Decoded, "text">;
}

/** Every input goes through the one parser; the device's GS substitute applies to typed input only. */
export function toScanEvent(text: string, source: ScanEvent["source"], decoded?: Decoded): ScanEvent {
  // A camera decoder delivers real GS characters: a substitute character there would be data.
  const substitute = source === "camera" ? "" : gsSubstitute.get();
  const result = parseScan(text, substitute ? { gsSubstitute: substitute } : {});
  if (!decoded) return { text, result, source };
  const { text: _text, ...about } = decoded;
  return { text, result, source, decoded: about };
}
