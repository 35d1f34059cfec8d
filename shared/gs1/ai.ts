/**
 * Look-ups over the generated AI table: which AI starts a string, and whether a value fits its AI.
 */
import { AI_ENTRIES } from "./ai-table.js";
import type { AiCharset, AiEntry } from "./ai-types.js";

const BY_AI = new Map<string, AiEntry>();
for (const entry of AI_ENTRIES) {
  const width = entry.ai.length;
  const last = Number(entry.last ?? entry.ai);
  for (let n = Number(entry.ai); n <= last; n++) BY_AI.set(String(n).padStart(width, "0"), entry);
}

// GS1 fixes an AI's length by its first two digits (General Specifications, figure 3.2-1 idea); the
// table tells us that length for every prefix in use, which lets an unknown AI be named correctly.
const LENGTH_BY_PREFIX = new Map<string, number>();
for (const ai of BY_AI.keys()) LENGTH_BY_PREFIX.set(ai.slice(0, 2), ai.length);

/** Every AI the table knows, ranges expanded (3100, 3101, ... 3105). */
export function knownAis(): string[] {
  return [...BY_AI.keys()];
}

export function aiEntry(ai: string): AiEntry | undefined {
  return BY_AI.get(ai);
}

/** The known AI that starts `text` at `at`, if any. The table is prefix-free, so at most one fits. */
export function matchAi(text: string, at: number): string | undefined {
  for (let length = 2; length <= 4; length++) {
    const ai = text.slice(at, at + length);
    if (ai.length === length && BY_AI.has(ai)) return ai;
  }
  return undefined;
}

/** Length of the AI starting with these two digits, when the table uses that prefix. */
export function aiLengthForPrefix(prefix: string): number | undefined {
  return LENGTH_BY_PREFIX.get(prefix);
}

/** Total data length of a predefined-length AI (all its components are fixed). */
export function fixedDataLength(entry: AiEntry): number {
  return entry.components.reduce((sum, c) => sum + c.max, 0);
}

export function minDataLength(entry: AiEntry): number {
  return entry.components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0);
}

export function maxDataLength(entry: AiEntry): number {
  return entry.components.reduce((sum, c) => sum + c.max, 0);
}

const CHARSETS: Record<AiCharset, RegExp> = {
  N: /^[0-9]*$/,
  // GS1 AI encodable character set 82 (General Specifications figure 7.11-1).
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  // Character set 39.
  Y: /^[#\-/0-9A-Z]*$/,
  // Character set 64 (base64url, with = padding).
  Z: /^[A-Za-z0-9\-_=]*$/,
};

export function fitsCharset(charset: AiCharset, value: string): boolean {
  return CHARSETS[charset].test(value);
}
