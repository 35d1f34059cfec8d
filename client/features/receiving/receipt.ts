/**
 * A receipt being taken at the door, before it is posted: its lines and what one more scan does to them.
 * Pure (no replica, no React), so the rules are unit-tested: a second scan of the same pack type (item and
 * lot) adds one pack; a scan of a serial already scanned is the same pack again and adds nothing; a code
 * with only a lot and expiry (the second code on a pack) completes the pack scanned just before.
 */
import { normaliseLot } from "../../../shared/stock/batch-id.js";

export interface DraftLine {
  /** The receipt line's id (chosen here, so a retried push cannot create it twice). */
  id: string;
  itemId: string;
  /** The order line it fills; null for an item not on the order (or a receipt without an order). */
  orderItemId: string | null;
  /** "" while unknown. */
  lot: string;
  /** YYYY-MM-DD (DD = 00: the month's last day) or "" while unknown. */
  expiry: string;
  /** Packs accepted into stock. */
  accepted: number;
  /** Packs damaged or rejected at the door: recorded, never stocked. */
  damaged: number;
  damageReason: string;
  /** Serial numbers scanned into this line (a pack scanned twice is still one pack). */
  serials: string[];
}

/** What a scan says about a pack once its GTIN was looked up (itemId null: the code named no product). */
export interface ScannedPack {
  itemId: string | null;
  lot?: string | undefined;
  expiry?: string | undefined;
  serial?: string | undefined;
}

export type ScanOutcome =
  | { kind: "added"; lineId: string }
  | { kind: "new-line"; lineId: string }
  | { kind: "completed"; lineId: string }
  | { kind: "same-pack"; lineId: string }
  | { kind: "no-product" };

export interface ScanContext {
  /** The order line of an item on the order received against, else null. */
  orderItemFor: (itemId: string) => string | null;
  newId: () => string;
  /** The line the last scan went to: a lot-only code completes it. */
  lastLineId: string | null;
}

const lotOf = (lot: string | undefined) => (lot ? normaliseLot(lot) : "");

function replace(lines: readonly DraftLine[], line: DraftLine): DraftLine[] {
  return lines.map((l) => (l.id === line.id ? line : l));
}

/** A new line of one pack. */
export function newLine(
  itemId: string,
  ctx: Pick<ScanContext, "orderItemFor" | "newId">,
  pack: Omit<ScannedPack, "itemId"> = {},
): DraftLine {
  return {
    id: ctx.newId(),
    itemId,
    orderItemId: ctx.orderItemFor(itemId),
    lot: lotOf(pack.lot),
    expiry: pack.expiry ?? "",
    accepted: 1,
    damaged: 0,
    damageReason: "",
    serials: pack.serial ? [pack.serial] : [],
  };
}

/** A lot-only code (no product): it completes the pack scanned just before, splitting it off when that line holds several. */
function complete(lines: readonly DraftLine[], pack: ScannedPack, ctx: ScanContext): { lines: DraftLine[]; outcome: ScanOutcome } {
  const last = lines.find((l) => l.id === ctx.lastLineId);
  const lot = lotOf(pack.lot);
  if (!last || (!lot && !pack.expiry)) return { lines: [...lines], outcome: { kind: "no-product" } };
  if (last.lot === lot || !lot) {
    const filled = { ...last, expiry: last.expiry || (pack.expiry ?? "") };
    return { lines: replace(lines, filled), outcome: { kind: "completed", lineId: last.id } };
  }
  if (last.lot) return { lines: [...lines], outcome: { kind: "no-product" } };
  if (last.accepted <= 1) {
    const filled = { ...last, lot, expiry: last.expiry || (pack.expiry ?? "") };
    return { lines: replace(lines, filled), outcome: { kind: "completed", lineId: last.id } };
  }
  // The last line holds several packs without a lot: only the one just scanned gets this lot.
  const split = { ...newLine(last.itemId, ctx, pack), orderItemId: last.orderItemId };
  return { lines: [...replace(lines, { ...last, accepted: last.accepted - 1 }), split], outcome: { kind: "completed", lineId: split.id } };
}

/**
 * The lines after one more scan. A pack with a lot joins the line of the same item and lot; a pack
 * without a lot (or +1 tapped on an order line) joins the item's line scanned just before, else its line
 * without a lot, else its only line; otherwise it starts a line. A serial already on the line is the same pack scanned again.
 */
export function applyScan(lines: readonly DraftLine[], pack: ScannedPack, ctx: ScanContext): { lines: DraftLine[]; outcome: ScanOutcome } {
  if (pack.itemId === null) return complete(lines, pack, ctx);
  const itemId = pack.itemId;
  const lot = lotOf(pack.lot);
  const ofItem = lines.filter((l) => l.itemId === itemId);
  const last = ofItem.find((l) => l.id === ctx.lastLineId);
  // A pack without a lot: the item's line scanned just before, its line without a lot, or its only line.
  const match = lot
    ? ofItem.find((l) => l.lot === lot)
    : (last ?? ofItem.find((l) => l.lot === "") ?? (ofItem.length === 1 ? ofItem[0] : undefined));
  if (!match) {
    const line = newLine(itemId, ctx, pack);
    return { lines: [...lines, line], outcome: { kind: "new-line", lineId: line.id } };
  }
  if (pack.serial && match.serials.includes(pack.serial)) return { lines: [...lines], outcome: { kind: "same-pack", lineId: match.id } };
  const added: DraftLine = {
    ...match,
    accepted: match.accepted + 1,
    expiry: match.expiry || (pack.expiry ?? ""),
    serials: pack.serial ? [...match.serials, pack.serial] : match.serials,
  };
  return { lines: replace(lines, added), outcome: { kind: "added", lineId: match.id } };
}

/** Lines that receive or reject something (a line taken down to nothing is left out of the receipt). */
export function linesToPost(lines: readonly DraftLine[]): DraftLine[] {
  return lines.filter((l) => l.accepted > 0 || l.damaged > 0);
}
