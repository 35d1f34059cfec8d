/**
 * One entry point for every scan: camera decoder output, a hardware scanner typing into a field, or
 * text typed by hand. Decides which standard the data follows, then hands it to that reader.
 */
import { readDigitalLink, looksLikeUri } from "./digital-link.js";
import { GS, looksBracketed, readBracketed, readElementString } from "./element-string.js";
import { buildGs1Result } from "./fields.js";
import { hasValidCheckDigit } from "./gtin.js";
import { looksLikeHibc, parseHibc } from "./hibc.js";
import type { GtinScan, ScanResult } from "./types.js";

export interface ParseOptions {
  /**
   * What a keyboard-wedge scanner types for GS (FNC1), e.g. "^]", "~" or "|". Each occurrence is read
   * as GS. Only set it when the scanner is configured so: the character can then never be data.
   */
  gsSubstitute?: string | readonly string[];
  /** "Today" for the two-digit-year century window; defaults to now. */
  today?: Date;
}

// AIM symbology identifiers that mark GS1 data: DataMatrix, GS1-128, QR, DataBar, DotCode.
const GS1_SYMBOLOGIES = new Set(["]d2", "]C1", "]Q3", "]e0", "]J1"]);

export function parseScan(input: string, options: ParseOptions = {}): ScanResult {
  const today = options.today ?? new Date();
  let text = input.replace(/^[\r\n\t\0]+|[\r\n\t\0]+$/g, ""); // wedge terminators (Enter, Tab)
  for (const substitute of [options.gsSubstitute ?? []].flat()) {
    if (substitute) text = text.split(substitute).join(GS);
  }
  const aim = /^\][A-Za-z][0-9A-Za-z]/.exec(text)?.[0];
  if (aim) text = text.slice(aim.length);
  const symbology = aim ? { symbology: aim } : {};

  if (looksLikeUri(text)) {
    const read = readDigitalLink(text);
    if (read) return buildGs1Result("digital-link", read.pairs, read.issues, today, aim);
    return { kind: "internal", code: text, note: "a web address without a GS1 Digital Link key", ...symbology };
  }
  if (text.startsWith(GS) || (aim && GS1_SYMBOLOGIES.has(aim)) || looksLikeBareElementString(text)) {
    const read = readElementString(text);
    return buildGs1Result("element-string", read.pairs, read.issues, today, aim);
  }
  if (looksBracketed(text)) {
    const read = readBracketed(text);
    return buildGs1Result("bracketed", read.pairs, read.issues, today, aim);
  }
  if (looksLikeHibc(text)) return { ...parseHibc(text, today), ...symbology };
  if (/^[=&]./.test(text)) {
    return { kind: "iccbba", code: text, reason: "ISBT 128 (ICCBBA) code for blood, cells or tissue: not handled here" };
  }
  if (/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(text)) {
    if (hasValidCheckDigit(text)) return plainGtin(text, aim);
    return { kind: "internal", code: text, note: "looks like a GTIN but its check digit is wrong", ...symbology };
  }
  return { kind: "internal", code: text, ...symbology };
}

/**
 * A scanner set up without AIM identifiers sends DataMatrix/GS1-128 data with no prefix and no
 * leading FNC1. Such data is taken as GS1 when it holds a GS, or starts with (01) or (00) and a valid
 * check digit and is longer than a bare GTIN-14 (which is read as a plain GTIN instead).
 */
function looksLikeBareElementString(text: string): boolean {
  if (text.includes(GS)) return true;
  if (/^01\d{14}/.test(text) && text.length >= 16) return hasValidCheckDigit(text.slice(2, 16));
  if (/^00\d{18}/.test(text)) return hasValidCheckDigit(text.slice(2, 20));
  return false;
}

function plainGtin(code: string, symbology?: string): GtinScan {
  const format = ({ 8: "EAN-8", 12: "UPC-A", 13: "EAN-13", 14: "GTIN-14" } as const)[code.length as 8 | 12 | 13 | 14];
  return { kind: "gtin", gtin: code.padStart(14, "0"), format, ...(symbology ? { symbology } : {}) };
}
