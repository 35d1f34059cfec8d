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
import { applyStockMovements } from "../stock/ledger.js";

/**
 * Each line's batch, in two statements however many lines: the recorded (item, lot) batches read at once
 * (a lot's first expiry stands), the missing ones created at once with the id derived from (item, lot).
 */
async function ensureBatches(ctx: MutatorContext, lines: readonly ReceiptLineArgs[]): Promise<(string | null)[]> {
  const derived = await Promise.all(lines.map((l) => lineBatchId(l)));
  const wanted = lines.filter((l) => l.lot !== null);
  if (wanted.length === 0) return lines.map(() => null);
  const key = (itemId: string, lot: string) => `${itemId}|${lot}`;
  const recorded = await ctx.tx.batch.findMany({
    where: { practiceId: ctx.practiceId, OR: wanted.map((l) => ({ itemId: l.itemId, lot: l.lot! })) },
    select: { id: true, itemId: true, lot: true },
  });
  const ids = new Map(recorded.map((b) => [key(b.itemId, b.lot), b.id]));
  const created: { id: string; line: ReceiptLineArgs; expiry: ReturnType<typeof parseExpiry> | null }[] = [];
  lines.forEach((line, i) => {
    if (line.lot === null || ids.has(key(line.itemId, line.lot))) return;
    ids.set(key(line.itemId, line.lot), derived[i]!);
    created.push({ id: derived[i]!, line, expiry: line.expiry === null ? null : parseExpiry(line.expiry) });
  });
  if (created.length) {
    await ctx.tx.batch.createMany({
      data: created.map(({ id, line, expiry }) => ({
        id,
        practiceId: ctx.practiceId,
        itemId: line.itemId,
        lot: line.lot!,
        expiryDate: expiry ? new Date(`${expiry.iso}T00:00:00Z`) : null,
        expiryRaw: expiry?.raw ?? null,
        version: ctx.version,
      })),
    });
    for (const { id, line, expiry } of created)
      await ctx.audit("batch.create", "batch", id, {
        itemId: line.itemId,
        lot: line.lot,
        expiry: expiry?.raw ?? null,
        receiptLineId: line.id,
      });
  }
  return lines.map((l) => (l.lot === null ? null : ids.get(key(l.itemId, l.lot))!));
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
  // Set-based: the batches, the lines and the ledger movements are a few statements for the whole receipt.
  const lineItems = args.lines.map((_, index) => assertItemActive(items[index]));
  const batchIds = await ensureBatches(ctx, args.lines);
  const packSizeOf = (line: ReceiptLineArgs) => (line.orderItemId ? (packSizes.get(line.orderItemId) ?? 1) : line.packSize);
  args.lines.forEach((line, i) => line.accepted > 0 && assertBatchChoice(lineItems[i]!, batchIds[i]!));
  await tx.goodsReceiptLine.createMany({
    data: args.lines.map((line, i) => {
      const row = receiptLineRow(args, line, packSizeOf(line), batchIds[i]!);
      return { ...row, practiceId, expiryDate: row.expiryDate ? new Date(`${row.expiryDate}T00:00:00Z`) : null, version: ctx.version };
    }),
  });
  const stockLines = args.lines
    .map((line, i) => ({ line, batchId: batchIds[i]!, units: line.accepted * packSizeOf(line) }))
    .filter((l) => l.units > 0);
  const moved = await applyStockMovements(
    tx,
    stockLines.map(({ line, batchId, units }) => ({
      practiceId,
      locationId: args.locationId,
      itemId: line.itemId,
      batchId,
      kind: "RECEIPT" as const,
      delta: units,
      reason: "RECEIPT",
      reference: args.id,
      actorId: ctx.userId,
      mutationId: ctx.mutationId,
      version: ctx.version,
    })),
  );
  const stocked = stockLines.map(({ line, batchId, units }, i) => ({
    itemId: line.itemId,
    batchId,
    units,
    quantity: { from: moved[i]!.before, to: moved[i]!.after },
  }));

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
