/**
 * Differential test: random GS1 data built from the AI table with known components, written out in
 * every input form by a serialiser that shares no code with the readers, then parsed and compared
 * with what was built. Dates are chosen as calendar days first and written as YYMMDD afterwards, with
 * their own month-length table, so the expected ISO date does not come from the parser's date code.
 */
import { describe, expect, it } from "vitest";
import { AI_ENTRIES } from "./ai-table.js";
import type { AiComponent, AiEntry } from "./ai-types.js";
import { parseScan, type ScanResult } from "./index.js";

const GS = "\u001d";
const TODAY = new Date("2026-05-01T00:00:00Z");
const VECTORS = 120; // element-string data sets; each is checked in 8 forms
const LINKS = 60; // Digital Link data sets

// Small deterministic PRNG (mulberry32) so a failure reproduces.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20260501);
const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;

const CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
const CSET39 = "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const CSET64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const chars = (set: string, n: number) => Array.from({ length: n }, () => pick([...set])).join("");

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const lastDay = (y: number, m: number) => (m === 2 && leap(y) ? 29 : MONTH_DAYS[m - 1]!);
const two = (n: number) => String(n).padStart(2, "0");

// Mod-10 written out again here on purpose (the parser uses gtin.ts).
function withCheckDigit(body: string): string {
  let sum = 0;
  [...body].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return body + ((10 - (sum % 10)) % 10);
}

interface Built {
  value: string;
  iso?: string;
}

function buildComponent(component: AiComponent, built: Built): string {
  const length = int(component.min, component.max);
  const { linters } = component;
  if (linters.includes("yymmd0") || linters.includes("yymmdd")) {
    // 1977..2075 is the window a reader in 2026 resolves to (GS1 GS 7.12).
    const year = int(1977, 2075);
    const month = int(1, 12);
    const zero = linters.includes("yymmd0") && random() < 0.3;
    const day = zero ? 0 : int(1, lastDay(year, month));
    built.iso ??= `${year}-${two(month)}-${two(zero ? lastDay(year, month) : day)}`;
    return two(year % 100) + two(month) + two(day);
  }
  if (linters.includes("yyyymmdd")) {
    const year = int(1900, 2100);
    const month = int(1, 12);
    const day = int(1, lastDay(year, month));
    built.iso ??= `${year}-${two(month)}-${two(day)}`;
    return String(year) + two(month) + two(day);
  }
  if (linters.includes("hhmi")) return two(int(0, 23)) + two(int(0, 59));
  if (linters.includes("csum")) return withCheckDigit(chars("0123456789", length - 1));
  const set = { N: "0123456789", X: CSET82, Y: CSET39, Z: CSET64 }[component.charset];
  return chars(set, length);
}

function buildValue(entry: AiEntry): Built {
  const built: Built = { value: "" };
  for (const component of entry.components) {
    if (component.optional && random() < 0.5) break;
    built.value += buildComponent(component, built);
  }
  return built;
}

// Every AI of the table, ranges expanded, written out independently of ai.ts.
const ALL = AI_ENTRIES.flatMap((entry) => {
  const out: [string, AiEntry][] = [];
  for (let n = Number(entry.ai); n <= Number(entry.last ?? entry.ai); n++) out.push([String(n).padStart(entry.ai.length, "0"), entry]);
  return out;
});

interface Vector {
  fields: { ai: string; value: string; iso?: string }[];
}

function vector(keys: [string, AiEntry][]): Vector {
  return { fields: keys.map(([ai, entry]) => ({ ai, ...buildValue(entry) })) };
}

function elementString(v: Vector): string {
  const byAi = new Map(ALL);
  return v.fields.map((f, i) => f.ai + f.value + (byAi.get(f.ai)!.predefinedLength || i === v.fields.length - 1 ? "" : GS)).join("");
}
const bracketed = (v: Vector) => v.fields.map((f) => `(${f.ai})${f.value.replaceAll("(", "\\(")}`).join("");

function expectFields(result: ScanResult, v: Vector) {
  expect(result.kind).toBe("gs1");
  if (result.kind !== "gs1") return;
  expect(result.errors).toEqual([]);
  expect(result.fields.map((f) => ({ ai: f.ai, value: f.value, ...(f.date ? { iso: f.date.iso } : {}) }))).toEqual(
    v.fields.map((f) => ({ ai: f.ai, value: f.value, ...(f.iso ? { iso: f.iso } : {}) })),
  );
  const get = (ai: string) => v.fields.find((f) => f.ai === ai);
  expect(result.gtin).toBe(get("01")?.value);
  expect(result.lot).toBe(get("10")?.value);
  expect(result.serial).toBe(get("21")?.value);
  expect(result.expiry?.iso).toBe(get("17")?.iso);
}

// Element-string vectors: GTIN first (as on medical packs), then 1-4 other AIs, all different.
const GTIN_ENTRY = ALL.find(([ai]) => ai === "01")!;
const elementVectors = Array.from({ length: VECTORS }, (_, i) => {
  const others = new Map<string, AiEntry>();
  // Every 4th vector favours the AIs on medical packs, the rest draw from the whole table.
  const pool = i % 4 === 0 ? ALL.filter(([ai]) => ["10", "11", "17", "21", "30", "7003", "710", "714"].includes(ai)) : ALL;
  const count = int(1, 4);
  while (others.size < count) {
    const [ai, entry] = pick(pool);
    if (ai !== "01") others.set(ai, entry);
  }
  return vector([GTIN_ENTRY, ...others]);
});

describe(`differential: ${VECTORS} element-string vectors x 8 forms`, () => {
  const substitute = "^]";
  const forms: [string, (v: Vector) => string, object?][] = [
    ["raw + GS", elementString],
    ["]d2", (v) => "]d2" + elementString(v)],
    ["]C1", (v) => "]C1" + elementString(v)],
    ["]Q3", (v) => "]Q3" + elementString(v)],
    ["]e0", (v) => "]e0" + elementString(v)],
    ["leading GS", (v) => GS + elementString(v)],
    ["wedge ^] substitute", (v) => "]d2" + elementString(v).replaceAll(GS, substitute), { gsSubstitute: substitute }],
    ["bracketed", bracketed],
  ];
  for (const [name, write, options] of forms) {
    it(name, () => {
      for (const v of elementVectors) expectFields(parseScan(write(v), { today: TODAY, ...options }), v);
    });
  }
});

// Digital Link vectors: 01 in the path with a qualifier subset in dictionary order, attributes in the query.
const GTIN_QUALIFIERS = ["22", "10", "21"];
const ATTRIBUTES = ALL.filter(([ai, entry]) => entry.dlAttribute && !entry.dlPrimaryKey && !GTIN_QUALIFIERS.includes(ai));
const linkVectors = Array.from({ length: LINKS }, () => {
  const path = GTIN_QUALIFIERS.filter(() => random() < 0.5).map((ai) => ALL.find(([a]) => a === ai)!);
  const query = new Map<string, AiEntry>();
  const count = int(0, 3);
  while (query.size < count) {
    const [ai, entry] = pick(ATTRIBUTES);
    query.set(ai, entry);
  }
  return { path: vector([GTIN_ENTRY, ...path]), query: vector([...query]) };
});

describe(`differential: ${LINKS} Digital Link vectors`, () => {
  it("path keys and query attributes, percent-encoded", () => {
    for (const { path, query } of linkVectors) {
      const host = pick(["https://id.gs1.org", "https://example.com/dl", "http://scan.example"]);
      const uri =
        host +
        path.fields.map((f) => `/${f.ai}/${encodeURIComponent(f.value)}`).join("") +
        (query.fields.length ? "?" + query.fields.map((f) => `${f.ai}=${encodeURIComponent(f.value)}`).join("&") : "");
      expectFields(parseScan(uri, { today: TODAY }), { fields: [...path.fields, ...query.fields] });
    }
  });
});

describe("differential: corrupted GTIN check digits are always caught", () => {
  it("every wrong last digit of (01) is reported and the other fields survive", () => {
    for (const v of elementVectors.slice(0, 30)) {
      const gtin = v.fields[0]!.value;
      const wrong = gtin.slice(0, 13) + ((Number(gtin[13]) + int(1, 9)) % 10);
      const text = "]d2" + elementString({ fields: [{ ai: "01", value: wrong }, ...v.fields.slice(1)] });
      const result = parseScan(text, { today: TODAY });
      expect(result.kind === "gs1" && result.errors.map((e) => [e.code, e.ai])).toEqual([["bad-check-digit", "01"]]);
      expect(result.kind === "gs1" && result.fields.length).toBe(v.fields.length - 1);
    }
  });
});
