/**
 * A pack as the scans describe it. A pack may carry two codes (the GTIN on one, lot and expiry on
 * another, or HIBC primary and secondary symbols): a later scan adds what it knows and never blanks a
 * value an earlier scan found. A scan that contradicts the pack (another GTIN, another lot) is another
 * pack.
 */
import type { ScanDate, ScanResult } from "../../../shared/gs1/index.js";

export interface Pack {
  /** Identity for look-up and merging: `gtin:<14 digits>`, `hibc:<LIC>/<product>`, `code:<text>`, or "" when a scan named no product. */
  key: string;
  kind: ScanResult["kind"];
  gtin?: string;
  hibc?: { lic: string; product: string };
  /** Internal (non-GS1) code, or the refused ICCBBA code. */
  code?: string;
  lot?: string;
  serial?: string;
  expiry?: ScanDate;
  /** What the parser could not read, and other notes, for the user. */
  issues: string[];
  /** How many scans make up this pack. */
  scans: number;
  /** The texts scanned, oldest first. */
  texts: string[];
  /** Symbology and content type of the last camera read (e.g. "]d2 · GS1"). */
  symbol?: string;
}

type Fields = Pick<Pack, "gtin" | "lot" | "serial" | "expiry">;
const FIELDS = ["gtin", "lot", "serial", "expiry"] as const satisfies readonly (keyof Fields)[];

/** The pack one scan describes on its own. */
export function packFromScan(result: ScanResult, text: string, symbol?: string): Pack {
  const base = { issues: [] as string[], scans: 1, texts: [text], ...(symbol ? { symbol } : {}) };
  switch (result.kind) {
    case "gs1":
      return {
        ...base,
        kind: "gs1",
        key: result.gtin ? `gtin:${result.gtin}` : "",
        ...defined({ gtin: result.gtin, lot: result.lot, serial: result.serial, expiry: result.expiry }),
        issues: result.errors.map((e) => (e.ai ? `(${e.ai}) ${e.reason}` : e.reason)),
      };
    case "gtin":
      return { ...base, kind: "gtin", key: `gtin:${result.gtin}`, gtin: result.gtin };
    case "hibc": {
      const hibc = result.lic && result.product ? { lic: result.lic, product: result.product } : undefined;
      return {
        ...base,
        kind: "hibc",
        key: hibc ? `hibc:${hibc.lic}/${hibc.product}` : "",
        ...(hibc ? { hibc } : {}),
        ...defined({ lot: result.lot, serial: result.serial, expiry: result.expiry }),
        issues: result.errors.map((e) => e.reason),
      };
    }
    case "iccbba":
      return { ...base, kind: "iccbba", key: `code:${result.code}`, code: result.code, issues: [result.reason] };
    case "internal":
      return { ...base, kind: "internal", key: `code:${result.code}`, code: result.code, issues: result.note ? [result.note] : [] };
  }
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const same = (a: Fields[keyof Fields], b: Fields[keyof Fields]) =>
  typeof a === "object" && typeof b === "object" ? a.iso === b.iso && a.raw === b.raw : a === b;

/** GS1 and plain GTIN scans describe the same kind of pack; HIBC scans only combine with HIBC scans. */
const family = (kind: Pack["kind"]) => (kind === "gs1" || kind === "gtin" ? "gs1" : kind);

/**
 * `next` merged into `pack`, or null when they are not the same pack: another product, another
 * standard, or a field both have with different values. Fields `next` lacks keep the pack's value.
 */
export function mergePack(pack: Pack, next: Pack): Pack | null {
  if (family(pack.kind) !== family(next.kind) || pack.kind === "internal" || pack.kind === "iccbba") {
    return pack.kind === next.kind && pack.key === next.key
      ? { ...pack, scans: pack.scans + 1, texts: [...pack.texts, ...next.texts] }
      : null;
  }
  // A scan naming no product (lot/expiry only, HIBC secondary) belongs to the pack before it.
  if (next.key && pack.key && next.key !== pack.key) return null;
  for (const f of FIELDS) {
    const a = pack[f];
    const b = next[f];
    if (a !== undefined && b !== undefined && !same(a, b)) return null;
  }
  const merged: Pack = {
    ...pack,
    key: pack.key || next.key,
    // The richer description wins the kind: a GS1 element string over a bare GTIN.
    kind: pack.kind === "gtin" ? next.kind : pack.kind,
    scans: pack.scans + 1,
    texts: [...pack.texts, ...next.texts],
    issues: [...new Set([...pack.issues, ...next.issues])],
  };
  for (const f of FIELDS) {
    const value = pack[f] ?? next[f];
    if (value !== undefined) Object.assign(merged, { [f]: value });
  }
  if (!merged.hibc && next.hibc) merged.hibc = next.hibc;
  if (next.symbol) merged.symbol = next.symbol;
  return merged;
}

/**
 * The list of recent packs after one more scan, newest first: merged into the newest pack when it
 * belongs to it, else into the most recent pack it matches (moved to the top), else added on top.
 * A scan naming no product only ever joins the newest pack.
 */
export function addScan(packs: readonly Pack[], next: Pack, limit = 20): Pack[] {
  const candidates = next.key ? packs.map((p, i) => [p, i] as const) : packs.slice(0, 1).map((p, i) => [p, i] as const);
  for (const [pack, index] of candidates) {
    if (index > 0 && pack.key !== next.key) continue;
    const merged = mergePack(pack, next);
    if (merged) return [merged, ...packs.slice(0, index), ...packs.slice(index + 1)].slice(0, limit);
  }
  return [next, ...packs].slice(0, limit);
}
