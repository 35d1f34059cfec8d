/**
 * Reads GS1 element strings: AI + data, fields ended by GS (ASCII 29, what decoders deliver for FNC1)
 * unless the AI has a predefined length. Also reads the bracketed human-readable form.
 *
 * A field without a predefined length runs to the next GS or the end, never shorter: "10D9T" after
 * (10) is a lot, not (10) "D9T"... or anything else a guess might make of it. If a separator was lost,
 * the field comes out too long and is reported, rather than split where it might have been.
 */
import { aiEntry, aiLengthForPrefix, fixedDataLength, matchAi } from "./ai.js";
import type { AiPair } from "./fields.js";
import type { ScanIssue } from "./types.js";

export const GS = "\u001d";

export interface ReadPairs {
  pairs: AiPair[];
  issues: ScanIssue[];
}

/** Element string with GS separators; leading GS (FNC1 in first position) already allowed. */
export function readElementString(data: string): ReadPairs {
  const pairs: AiPair[] = [];
  const issues: ScanIssue[] = [];
  let at = 0;
  while (at < data.length) {
    if (data[at] === GS) {
      at++; // leading FNC1, or a separator after a predefined-length field (allowed, not needed)
      continue;
    }
    const nextGs = (from: number) => {
      const found = data.indexOf(GS, from);
      return found < 0 ? data.length : found;
    };
    const ai = matchAi(data, at);
    if (!ai) {
      const end = nextGs(at);
      const prefix = data.slice(at, at + 2);
      const length = /^\d\d$/.test(prefix) ? aiLengthForPrefix(prefix) : undefined;
      if (/^\d\d/.test(data.slice(at))) {
        const guessed = data.slice(at, at + (length ?? 2));
        const lost = end === data.length ? "; the data after it cannot be read since its length is unknown" : "";
        issues.push({
          code: "unknown-ai",
          ai: length ? guessed : undefined,
          value: data.slice(at, end),
          reason: `unknown AI ${length ? `(${guessed})` : `starting "${prefix}"`}: skipped to the next separator${lost}`,
        });
      } else {
        issues.push({ code: "not-an-ai", value: data.slice(at, end), reason: `expected an AI (digits) at "${data.slice(at, at + 8)}"` });
      }
      at = end;
      continue;
    }
    const entry = aiEntry(ai)!;
    const start = at + ai.length;
    let end = entry.predefinedLength ? Math.min(start + fixedDataLength(entry), data.length) : nextGs(start);
    // A GS inside a predefined-length field ends it early; the value is then reported as too short.
    const gsInside = data.indexOf(GS, start);
    if (gsInside >= 0 && gsInside < end) end = gsInside;
    pairs.push({ ai, value: data.slice(start, end) });
    at = end;
  }
  return { pairs, issues };
}

const BRACKETED_START = /^\s*\(\d{2,4}\)/;
const AI_MARK = /\((\d{2,4})\)/y;

export function looksBracketed(text: string): boolean {
  return BRACKETED_START.test(text);
}

/**
 * `(01)09506000134352(17)260300(10)ABC`. A value runs to the next "(digits)" mark; "\(" stands for a
 * literal parenthesis (the GS1 syntax engine's escape), so a lot may still contain "(12)".
 */
export function readBracketed(text: string): ReadPairs {
  const pairs: AiPair[] = [];
  const issues: ScanIssue[] = [];
  let current: AiPair | undefined;
  let at = text.indexOf("(");
  while (at < text.length) {
    AI_MARK.lastIndex = at;
    const mark = text[at] === "(" ? AI_MARK.exec(text) : null;
    if (mark) {
      if (current) pairs.push(finish(current));
      current = { ai: mark[1]!, value: "" };
      at += mark[0].length;
      continue;
    }
    const escaped = text[at] === "\\" && text[at + 1] === "(";
    if (current) current.value += escaped ? "(" : text[at];
    at += escaped ? 2 : 1;
  }
  if (current) pairs.push(finish(current));
  return { pairs, issues };
}

// Spaces are not in GS1's character sets; in printed text they only space out the fields.
const finish = (pair: AiPair): AiPair => ({ ai: pair.ai, value: pair.value.trim() });
