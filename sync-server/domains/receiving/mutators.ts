/**
 * Server side of `receipt.post`: one mutation, one transaction (the push's). The receipt is judged on the
 * order's CURRENT received quantities (shared judgeReceipt): beyond the tolerance it is refused and
 * nothing is written; over what was ordered only because another device received meanwhile, it is applied
 * and answered as a conflict. Accepted packs go into stock through the ledger (RECEIPT movements, batches
 * created as needed); damaged packs are recorded on the line only.
 */
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import {
  assertLinesMatchOrder,
  assertOrderLinesKnown,
  lineBatchId,
  receiptInput,
  receiptLineRow,
  type ReceiptLineArgs,
} from "../../../shared/receiving/mutations.js";
import { assertReceiptApplies } from "../../../shared/receiving/judge-receipt.js";
import { DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT } from "../../../shared/receiving/tolerance.js";
import { parseExpiry } from "../../../shared/stock/expiry.js";
import { assertBatchChoice } from "../../../shared/stock/rules.js";
import type { MutatorContext, MutatorResult, ServerMutators } from "../../sync/mutator-context.js";
import { locationsRepo } from "../locations/repository.js";
import { ordersRepo } from "../orders/repository.js";
import { applyStockMovement } from "../stock/ledger.js";

/** The line's batch: the (item, lot) one when recorded (its first expiry stands), else created now. */
async function ensureBatch(ctx: MutatorContext, line: ReceiptLineArgs): Promise<string | null> {
  const derived = await lineBatchId(line);
  if (!derived || !line.lot) return null;
  const existing = await ctx.tx.batch.findFirst({
    where: { practiceId: ctx.practiceId, itemId: line.itemId, lot: line.lot },
    select: { id: true },
  });
  if (existing) return existing.id;
  const expiry = line.expiry === null ? null : parseExpiry(line.expiry);
  await ctx.tx.batch.create({
    data: {
      id: derived,
      practiceId: ctx.practiceId,
      itemId: line.itemId,
      lot: line.lot,
      expiryDate: expiry ? new Date(`${expiry.iso}T00:00:00Z`) : null,
      expiryRaw: expiry?.raw ?? null,
      version: ctx.version,
    },
  });
  await ctx.audit("batch.create", "batch", derived, {
    itemId: line.itemId,
    lot: line.lot,
    expiry: expiry?.raw ?? null,
    receiptLineId: line.id,
  });
  return derived;
}

async function tolerancePercent(ctx: MutatorContext): Promise<number> {
  const settings = await ctx.tx.stockSettings.findUnique({
    where: { practiceId: ctx.practiceId },
    select: { overReceiptTolerancePercent: true },
  });
  return settings?.overReceiptTolerancePercent ?? DEFAULT_OVER_RECEIPT_TOLERANCE_PERCENT;
}

export async function postReceipt(ctx: MutatorContext, args: MutationArgs<"receipt.post">): Promise<MutatorResult> {
  const { tx, practiceId } = ctx;
  assertLinesMatchOrder(args);
  await locationsRepo(tx).getActive(practiceId, args.locationId);
  const orders = ordersRepo(tx);
  // Locked: the receipt is judged on the figures no other writer can change before this one commits.
  const order = args.orderId ? await orders.get(practiceId, args.orderId) : null;
  const orderLines = order ? await orders.lines(practiceId, order.id) : [];
  assertOrderLinesKnown(args, orderLines);
  const judged = assertReceiptApplies(
    receiptInput(args, order && { status: order.status, lines: orderLines }, await tolerancePercent(ctx)),
  );

  const items = await orders.activeItems(
    practiceId,
    args.lines.map((l) => l.itemId),
  );
  const packSizes = new Map(orderLines.map((l) => [l.id, l.packSize]));
  const now = new Date();
  await tx.goodsReceipt.create({
    data: {
      id: args.id,
      practiceId,
      orderId: args.orderId,
      locationId: args.locationId,
      status: "POSTED",
      notes: args.notes,
      receivedById: ctx.userId,
      postedAt: now,
      overReceiptReason: judged.overReceiptReason,
      conflictReason: judged.conflictReason,
      version: ctx.version,
    },
  });
  const stocked = [];
  for (const [index, line] of args.lines.entries()) {
    const item = assertItemActive(items[index]);
    const batchId = line.accepted > 0 || line.lot ? await ensureBatch(ctx, line) : null;
    const packSize = line.orderItemId ? (packSizes.get(line.orderItemId) ?? 1) : line.packSize;
    const row = receiptLineRow(args, line, packSize, batchId);
    await tx.goodsReceiptLine.create({
      data: {
        ...row,
        practiceId,
        expiryDate: row.expiryDate ? new Date(`${row.expiryDate}T00:00:00Z`) : null,
        version: ctx.version,
      },
    });
    if (line.accepted === 0) continue;
    assertBatchChoice(item, batchId);
    const moved = await applyStockMovement(tx, {
      practiceId,
      locationId: args.locationId,
      itemId: line.itemId,
      batchId,
      kind: "RECEIPT",
      delta: line.accepted * packSize,
      reason: "RECEIPT",
      reference: args.id,
      actorId: ctx.userId,
      mutationId: ctx.mutationId,
      version: ctx.version,
    });
    stocked.push({ itemId: line.itemId, batchId, units: line.accepted * packSize, quantity: { from: moved.before, to: moved.after } });
  }

  if (order) {
    for (const l of judged.lines) {
      if (l.accepted === 0) continue;
      await tx.orderItem.updateMany({
        where: { practiceId, id: l.orderItemId },
        data: { receivedQuantity: l.receivedAfter, version: ctx.version },
      });
    }
    const status = judged.status ?? order.status;
    await tx.order.updateMany({
      where: { practiceId, id: order.id },
      data: { status, version: ctx.version, ...(status === "RECEIVED" && order.status !== "RECEIVED" && { receivedAt: now }) },
    });
  }
  await ctx.audit("receipt.post", "goodsReceipt", args.id, {
    orderId: args.orderId,
    locationId: args.locationId,
    outcome: judged.outcome,
    status: order ? { from: order.status, to: judged.status ?? order.status } : null,
    stocked,
    damaged: judged.damagedLines.map((l) => ({ itemId: l.itemId, orderItemId: l.orderItemId, packs: l.damaged })),
    overReceiptReason: judged.overReceiptReason,
    conflictReason: judged.conflictReason,
  });
  if (judged.outcome === "CONFLICT")
    return { conflict: { code: "CONFLICT", message: `Received with another device at the same time: ${judged.conflictReason}` } };
}

export const RECEIVING_MUTATORS = { "receipt.post": postReceipt } satisfies Partial<ServerMutators>;
