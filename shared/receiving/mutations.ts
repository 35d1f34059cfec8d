/**
 * Posting a goods receipt: one mutation (works offline; the tablet chooses the receipt's and lines' ids).
 * On the tablet it is judged against the replica's order (`judgeReceipt`), on the server again against
 * the order's current received quantities, so two devices receiving one order never push it past the
 * practice's tolerance (the later one is applied as a conflict or refused, see judge-receipt.ts).
 *
 * Quantities are packs: an order line's packs are of its supplier's pack size (the line's snapshot), a
 * line without an order names its own `packSize` (1 = item units). Accepted packs go into stock at the
 * receipt's location (× pack size units); damaged or rejected packs are recorded only.
 */
import { z } from "zod";
import { safeText } from "../validation/text.js";
import { int32 } from "../validation/numbers.js";
import { assertItemActive, PACK_SIZE_MAX } from "../catalogue/rules.js";
import { assertLocationActive } from "../locations/rules.js";
import { DomainError } from "../errors.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";
import { MAX_ORDER_LINES, MAX_ORDER_PACKS } from "../orders/lines.js";
import type { GoodsReceiptLineRow, OrderItemRow, OrderRow } from "../protocol/entities.js";
import { batchIdFor, normaliseLot } from "../stock/batch-id.js";
import { isValidExpiry, parseExpiry } from "../stock/expiry.js";
import { assertBatchChoice, quantityAfter } from "../stock/rules.js";
import { assertReceiptApplies, type ReceiptInput } from "./judge-receipt.js";
import { DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT } from "./tolerance.js";

const packCount = int32().min(0, "Packs cannot be negative").max(MAX_ORDER_PACKS, "Quantity is too large");

export const receiptLineArgs = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  /** The order line it fills; null for an item nobody ordered. */
  orderItemId: z.uuid().nullable().default(null),
  accepted: packCount,
  damaged: packCount.default(0),
  damageReason: safeText().trim().max(500).nullable().default(null),
  /** Item units per pack for a line without an order line (an order line's own snapshot counts otherwise). */
  packSize: int32().min(1).max(PACK_SIZE_MAX).default(1),
  lot: safeText().trim().max(64).transform(normaliseLot).nullable().default(null),
  /** As scanned or typed: YYYY-MM-DD, day 00 = the month's last day (kept raw on the batch). */
  expiry: safeText()
    .trim()
    .refine(isValidExpiry, "Expiry must be a date (YYYY-MM-DD; day 00 means the month's last day)")
    .nullable()
    .default(null),
});
export type ReceiptLineArgs = z.output<typeof receiptLineArgs>;

export const receiptPostArgs = z.object({
  id: z.uuid(),
  orderId: z.uuid().nullable().default(null),
  locationId: z.uuid(),
  notes: safeText().trim().max(2000).nullable().default(null),
  /** Asked by the device when it showed an over-receipt within the tolerance. */
  overReceiptReason: safeText().trim().max(500).nullable().default(null),
  /** Per order line, the received packs the device saw when it received (its replica), for the concurrency judgement. */
  seenReceived: z.record(z.uuid(), int32().min(0)).default({}),
  lines: z.array(receiptLineArgs).min(1, "Receive at least one pack").max(MAX_ORDER_LINES),
});
export type ReceiptPostArgs = z.output<typeof receiptPostArgs>;

/** The judge's input from the mutation's arguments and the order as this side holds it. */
export function receiptInput(
  args: ReceiptPostArgs,
  order: { status: OrderRow["status"]; lines: readonly Pick<OrderItemRow, "id" | "itemId" | "quantity" | "receivedQuantity">[] } | null,
  tolerancePercent: number,
): ReceiptInput {
  return {
    order,
    lines: args.lines.map((l) => ({ orderItemId: l.orderItemId, itemId: l.itemId, accepted: l.accepted, damaged: l.damaged })),
    tolerancePercent,
    overReceiptReason: args.overReceiptReason,
    seenReceived: args.seenReceived,
  };
}

/** Lines with an order line must name the receipt's order; without an order no line names one. */
export function assertLinesMatchOrder(args: ReceiptPostArgs): void {
  if (args.orderId === null && args.lines.some((l) => l.orderItemId !== null))
    throw new DomainError("VALIDATION_FAILED", "A receipt without an order has no order lines.", { field: "orderItemId" });
}

/** Each named order line is one of the order's (another order's line, or another practice's, is "not found"). */
export function assertOrderLinesKnown(args: ReceiptPostArgs, orderLines: readonly { id: string }[]): void {
  const known = new Set(orderLines.map((l) => l.id));
  for (const line of args.lines)
    if (line.orderItemId !== null && !known.has(line.orderItemId))
      throw new DomainError("NOT_FOUND", "Order line not found on this order.");
}

/** The batch a line's accepted packs go into: derived from (item, lot), or none. */
export async function lineBatchId(line: Pick<ReceiptLineArgs, "itemId" | "lot">): Promise<string | null> {
  return line.lot ? batchIdFor(line.itemId, line.lot) : null;
}

/** The receipt line row both sides write (the server adds nothing but the version). */
export function receiptLineRow(
  args: ReceiptPostArgs,
  line: ReceiptLineArgs,
  packSize: number,
  batchId: string | null,
): Omit<GoodsReceiptLineRow, "version"> {
  const expiry = line.expiry === null ? null : parseExpiry(line.expiry);
  return {
    id: line.id,
    receiptId: args.id,
    itemId: line.itemId,
    orderItemId: line.orderItemId,
    locationId: args.locationId,
    batchId,
    lot: line.lot,
    expiryDate: expiry?.iso ?? null,
    expiryRaw: expiry?.raw ?? null,
    quantity: line.accepted,
    packSize,
    damagedQuantity: line.damaged,
    damageReason: line.damageReason,
  };
}

async function moveOnReplica(tx: ReplicaTx, locationId: string, itemId: string, batchId: string | null, delta: number) {
  const row = (await tx.where("inventory", { locationId, itemId, batchId }))[0] ?? {
    id: tx.newId(),
    locationId,
    itemId,
    batchId,
    quantity: 0,
    version: 0,
  };
  // A quantity a blind count withholds (null) stays unknown here: the server books the receipt on its figure.
  await tx.put("inventory", { ...row, quantity: quantityAfter(row.quantity, delta) });
}

export const receiptPost = defineMutation({
  name: "receipt.post",
  permission: "orders.receive",
  args: receiptPostArgs,
  async applyClient(tx, args) {
    assertLinesMatchOrder(args);
    assertLocationActive(await tx.get("location", args.locationId));
    const order = args.orderId ? await tx.get("order", args.orderId) : undefined;
    const orderLines = order ? await tx.where("orderItem", { orderId: order.id }) : [];
    if (order) assertOrderLinesKnown(args, orderLines);
    const settings = (await tx.all("stockSettings"))[0];
    const tolerance = settings?.overReceiptTolerancePercent ?? DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT;
    // An order not in the replica (yet): the server judges the receipt; the tablet records it as typed.
    const judged =
      order || args.orderId === null
        ? assertReceiptApplies(receiptInput(args, order ? { status: order.status, lines: orderLines } : null, tolerance))
        : null;
    const packSizes = new Map(orderLines.map((l) => [l.id, l.packSize]));
    for (const line of args.lines) {
      const item = assertItemActive(await tx.get("item", line.itemId));
      const batchId = await lineBatchId(line);
      if (line.accepted > 0) assertBatchChoice(item, batchId);
      const packSize = line.orderItemId ? (packSizes.get(line.orderItemId) ?? line.packSize) : line.packSize;
      const row = receiptLineRow(args, line, packSize, batchId);
      if (batchId && !(await tx.get("batch", batchId)))
        await tx.put("batch", {
          id: batchId,
          itemId: line.itemId,
          lot: row.lot!,
          expiryDate: row.expiryDate,
          expiryRaw: row.expiryRaw,
          version: 0,
        });
      await tx.put("goodsReceiptLine", { ...row, version: 0 });
      if (line.accepted > 0) await moveOnReplica(tx, args.locationId, line.itemId, batchId, line.accepted * packSize);
    }
    const now = new Date().toISOString();
    await tx.put("goodsReceipt", {
      id: args.id,
      version: 0,
      orderId: args.orderId,
      locationId: args.locationId,
      status: "POSTED",
      notes: args.notes,
      receivedById: null,
      postedAt: now,
      overReceiptReason: judged ? judged.overReceiptReason : args.overReceiptReason,
      conflictReason: judged?.conflictReason ?? null,
      createdAt: now,
    });
    if (!order || !judged) return;
    const after = new Map(judged.lines.map((l) => [l.orderItemId, l.receivedAfter]));
    for (const l of orderLines) await tx.put("orderItem", { ...l, receivedQuantity: after.get(l.id) ?? l.receivedQuantity });
    if (judged.status)
      await tx.put("order", { ...order, status: judged.status, receivedAt: judged.status === "RECEIVED" ? now : order.receivedAt });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const RECEIVING_MUTATIONS = { [receiptPost.name]: receiptPost };
