/**
 * Checks each (AI, value) pair against the AI table and assembles the GS1 result. Every input form
 * (element string, bracketed, Digital Link) ends here, so the rules are applied the same way.
 */
import { aiEntry, fitsCharset, maxDataLength, minDataLength } from "./ai.js";
import type { AiEntry } from "./ai-types.js";
import { isValidHhmi, parseYymmdd, parseYyyymmdd, type ScanDate } from "./dates.js";
import { hasValidCheckDigit } from "./gtin.js";
import type { Gs1Field, Gs1Scan, ScanIssue } from "./types.js";

export interface AiPair {
  ai: string;
  value: string;
}

/** Either the field, or why the value does not fit its AI. */
export function checkPair(pair: AiPair, today: Date): Gs1Field | ScanIssue {
  const { ai, value } = pair;
  const entry = aiEntry(ai);
  if (!entry) return { code: "unknown-ai", ai, value, reason: `AI (${ai}) is not in the GS1 syntax dictionary` };
  const issue = (code: ScanIssue["code"], reason: string): ScanIssue => ({ code, ai, value, reason: `(${ai}) ${reason}` });

  if (value === "") return issue("empty", "has no data");
  const min = minDataLength(entry);
  const max = maxDataLength(entry);
  if (value.length < min) return issue("too-short", `needs ${lengthText(min, max)}, got ${value.length}`);
  if (value.length > max) {
    const hint = entry.predefinedLength ? "" : " (a missing GS separator joins the next field to this one)";
    return issue("too-long", `allows ${lengthText(min, max)}, got ${value.length}${hint}`);
  }

  let date: ScanDate | undefined;
  let at = 0;
  for (const component of entry.components) {
    if (at >= value.length && component.optional) break;
    const part = component.min === component.max ? value.slice(at, at + component.max) : value.slice(at);
    if (part.length < component.min) return issue("too-short", `is cut short: ${value.length} characters`);
    if (!fitsCharset(component.charset, part)) return issue("bad-charset", charsetText(component.charset, part));
    for (const linter of component.linters) {
      const result = lint(linter, part, today);
      if (typeof result === "string")
        return issue(linter === "csum" ? "bad-check-digit" : linter === "hhmi" ? "bad-time" : "bad-date", result);
      if (result && !date) date = result;
    }
    at += part.length;
  }
  return { ai, value, title: entry.title, ...(date ? { date } : {}) };
}

/**
 * The linters we enforce: check digits and dates, which decide whether a scan is trusted. The
 * dictionary's other linters (country codes, GCP position, coupon syntax...) stay listed in the
 * table but are not applied: they never change what a clinic's stock screen does with a scan.
 */
function lint(linter: string, part: string, today: Date): ScanDate | string | undefined {
  switch (linter) {
    case "csum":
      return hasValidCheckDigit(part) ? undefined : `check digit is wrong in ${part}`;
    case "yymmd0":
      return parseYymmdd(part, true, today);
    case "yymmdd":
      return parseYymmdd(part, false, today);
    case "yyyymmdd":
      return parseYyyymmdd(part);
    case "hhmi":
      return isValidHhmi(part) ? undefined : `time ${part} is not HHMM`;
    default:
      return undefined;
  }
}

function lengthText(min: number, max: number): string {
  return min === max ? `${min} characters` : `${min} to ${max} characters`;
}

function charsetText(charset: AiEntry["components"][number]["charset"], part: string): string {
  const names = { N: "digits only", X: "GS1 character set 82", Y: "GS1 character set 39", Z: "base64url" };
  return `"${part}" is not ${names[charset]}`;
}

/** Checks the pairs and lifts out GTIN, lot, serial and expiry. Structural issues come in from the reader. */
export function buildGs1Result(
  form: Gs1Scan["form"],
  pairs: readonly AiPair[],
  readIssues: readonly ScanIssue[],
  today: Date,
  symbology?: string,
): Gs1Scan {
  const fields: Gs1Field[] = [];
  const errors: ScanIssue[] = [...readIssues];
  for (const pair of pairs) {
    const checked = checkPair(pair, today);
    if ("code" in checked) {
      errors.push(checked);
      continue;
    }
    const earlier = fields.find((f) => f.ai === checked.ai);
    if (earlier) {
      // The same AI twice with the same data is harmless; with different data we cannot choose.
      if (earlier.value !== checked.value) {
        errors.push({
          code: "duplicate-ai",
          ai: checked.ai,
          value: checked.value,
          reason: `(${checked.ai}) appears twice with different data (${earlier.value} first)`,
        });
      }
      continue;
    }
    fields.push(checked);
  }
  const value = (ai: string) => fields.find((f) => f.ai === ai);
  const result: Gs1Scan = { kind: "gs1", form, fields, errors };
  if (symbology) result.symbology = symbology;
  const gtin = value("01")?.value;
  if (gtin) result.gtin = gtin;
  const lot = value("10")?.value;
  if (lot !== undefined) result.lot = lot;
  const serial = value("21")?.value;
  if (serial !== undefined) result.serial = serial;
  const expiry = value("17")?.date;
  if (expiry) result.expiry = expiry;
  return result;
}
