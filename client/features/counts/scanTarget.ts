import { toGtin14 } from "../../../shared/gs1/index.js";
import type { BatchRow, ItemRow } from "../../../shared/protocol/entities.js";
import { batchIdFor, normaliseLot } from "../../../shared/stock/batch-id.js";
import type { ScanEvent } from "../../scan/index.js";
import { errorMessage } from "../../ui/format.js";
import type { SessionData } from "./data.js";
import { expiryForBatch } from "./parts.js";

/**
 * The item a scanned or typed code names: by GTIN (any length, as GTIN-14), else by SKU (case-insensitive)
 * or the GTIN as typed. Active items before archived ones.
 */
export function findItem(items: ReadonlyMap<string, ItemRow>, gtin: string | undefined, code: string | undefined): ItemRow | undefined {
  const all = [...items.values()].sort((a, b) => Number(a.archived) - Number(b.archived));
  if (gtin) {
    const found = all.find((i) => i.gtin && safeGtin14(i.gtin) === gtin);
    if (found) return found;
  }
  if (!code) return undefined;
  const c = code.trim().toLowerCase();
  return (
    all.find((i) => i.sku?.toLowerCase() === c) ?? all.find((i) => i.gtin && (i.gtin === code || safeGtin14(i.gtin) === safeGtin14(code)))
  );
}

function safeGtin14(code: string): string | null {
  return /^\d{8,14}$/.test(code) ? toGtin14(code) : null;
}

/** The lots of an item the replica knows. */
export function batchesOf(data: SessionData, itemId: string) {
  return [...data.batches.values()].filter((b) => b.itemId === itemId);
}

/** What a scan names on the count screen: the item and its lot, or why it cannot be counted here. */
export async function scanTarget(
  scan: ScanEvent,
  data: SessionData,
  locationId: string,
  ensureBatch: (itemId: string, lot: string, expiry: string | null, known: readonly BatchRow[]) => Promise<string>,
): Promise<{ item: ItemRow; batchId: string | null } | { error: string }> {
  const session = data.session!;
  const r = scan.result;
  const gtin = r.kind === "gs1" ? r.gtin : r.kind === "gtin" ? r.gtin : undefined;
  const code = r.kind === "internal" ? r.code : r.kind === "hibc" ? r.product : undefined;
  const item = findItem(data.items, gtin, code ?? scan.text.trim());
  if (!item) {
    return { error: `No item of this practice has the code ${gtin ?? code ?? scan.text}.` };
  }
  if (session.itemIds.length && !session.itemIds.includes(item.id)) {
    return { error: `${item.name} is not part of this count.` };
  }
  const lot = r.kind === "gs1" || r.kind === "hibc" ? r.lot : undefined;
  let batchId: string | null = null;
  if (item.batchTracked && lot) {
    try {
      batchId = await ensureBatch(
        item.id,
        lot,
        expiryForBatch(r.kind === "gs1" || r.kind === "hibc" ? r.expiry : undefined),
        batchesOf(data, item.id),
      );
    } catch (err) {
      // A counter without stock rights cannot record a new lot; the derived id still names the same batch.
      batchId = await batchIdFor(item.id, normaliseLot(lot));
      if (!data.batches.has(batchId)) return { error: errorMessage(err) };
    }
  } else if (item.batchTracked) {
    const held = [...data.stock.values()].filter((s) => s.itemId === item.id && s.locationId === locationId && s.batchId);
    batchId = held.length === 1 ? held[0]!.batchId : null;
  }
  return { item, batchId };
}
