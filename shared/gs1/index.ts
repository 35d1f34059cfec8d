/** GS1 / HIBC / ICCBBA scan parsing, shared by the client scanner and the server. */
export { parseScan, type ParseOptions } from "./parse.js";
export type {
  Gs1Field,
  Gs1Scan,
  GtinScan,
  HibcScan,
  IccbbaScan,
  InternalScan,
  ScanDate,
  ScanIssue,
  ScanIssueCode,
  ScanResult,
} from "./types.js";
export { gtinCheckDigit, hasValidCheckDigit, isValidGtin, toGtin14 } from "./gtin.js";
export { hibcCheckCharacter } from "./hibc.js";
export { AI_DICTIONARY_RELEASE } from "./ai-table.js";
export { aiEntry } from "./ai.js";
export { GS } from "./element-string.js";
export type { AiComponent, AiEntry } from "./ai-types.js";
