/**
 * Server side of the draft and status mutations of orders: create (numbered now, at push), edit, lines,
 * delete, cancel, close. Statuses change only through the shared machine; line snapshots through the
 * shared `lineSnapshot`, from the supplier terms the server holds now.
 */
import { assertItemActive } from "../../../shared/catalogue/rules.js";
import { DomainError } from "../../../shared/errors.js";
import type { MutationArgs } from "../../../shared/mutations/index.js";
import { assertDistinctItems, lineSnapshot } from "../../../shared/orders/lines.js";
import { nextStatus } from "../../../shared/orders/status-machine.js";
import { assertSupplierActive } from "../../../shared/suppliers/rules.js";
import type { MutatorContext } from "../../sync/mutator-context.js";
import { locationsRepo } from "../locations/repository.js";
import { suppliersRepo } from "../suppliers/repository.js";
import { assignOrderNumber } from "./order-numbers.js";
import { ordersRepo } from "./repository.js";

interface LineInput {
  id: string;
  itemId: string;
  quantity: number;
}

/** Writes lines (insert, or update the item's existing line) with the supplier's current terms. */
async function setLines(ctx: MutatorContext, order: { id: string; practiceSupplierId: string; currency: string }, lines: LineInput[]) {
  if (lines.length === 0) return [];
  const repo = ordersRepo(ctx.tx);
  const itemIds = lines.map((l) => l.itemId);
  (await repo.activeItems(ctx.practiceId, itemIds)).forEach((item) => assertItemActive(item));
  const terms = await repo.terms(ctx.practiceId, order.practiceSupplierId, itemIds);
  const written = [];
  for (const line of lines) {
    const snapshot = lineSnapshot(terms.get(line.itemId), order.currency);
    const data = { quantity: line.quantity, ...snapshot, version: ctx.version };
    const row = await ctx.tx.orderItem.upsert({
      where: { practiceId_orderId_itemId: { practiceId: ctx.practiceId, orderId: order.id, itemId: line.itemId } },
      create: { id: line.id, practiceId: ctx.practiceId, orderId: order.id, itemId: line.itemId, ...data },
      update: data,
      select: { id: true },
    });
    written.push({ id: row.id, itemId: line.itemId, quantity: line.quantity, unitPrice: snapshot.unitPrice });
  }
  return written;
}

export async function createOrder(ctx: MutatorContext, args: MutationArgs<"order.create">) {
  const { tx, practiceId } = ctx;
  assertSupplierActive(await suppliersRepo(tx).get(practiceId, args.supplierId));
  if (args.deliveryLocationId) await locationsRepo(tx).getActive(practiceId, args.deliveryLocationId);
  assertDistinctItems(args.lines);
  // A taken id (here or in another practice) is refused by the primary key, alike for both (db-errors.ts).
  await tx.order.create({
    data: {
      id: args.id,
      practiceId,
      practiceSupplierId: args.supplierId,
      deliveryLocationId: args.deliveryLocationId,
      currency: args.currency,
      notes: args.notes,
      createdById: ctx.userId,
      version: ctx.version,
    },
  });
  const lines = await setLines(ctx, { id: args.id, practiceSupplierId: args.supplierId, currency: args.currency }, args.lines);
  // Numbered the moment it reaches the server, so a draft made offline gets its number at its first push.
  const number = await assignOrderNumber(tx, practiceId, args.id);
  await ctx.audit("order.create", "order", args.id, {
    number,
    supplierId: args.supplierId,
    currency: args.currency,
    lines,
    source: args.source ?? null,
  });
}

async function draft(ctx: MutatorContext, orderId: string) {
  const order = await ordersRepo(ctx.tx).get(ctx.practiceId, orderId);
  nextStatus(order.status, "EDIT");
  return order;
}

export async function updateOrder(ctx: MutatorContext, args: MutationArgs<"order.update">) {
  const order = await draft(ctx, args.orderId);
  if (args.deliveryLocationId) await locationsRepo(ctx.tx).getActive(ctx.practiceId, args.deliveryLocationId);
  const data = {
    ...(args.deliveryLocationId !== undefined && { deliveryLocationId: args.deliveryLocationId }),
    ...(args.notes !== undefined && { notes: args.notes }),
  };
  await ctx.tx.order.updateMany({ where: { practiceId: ctx.practiceId, id: order.id }, data: { ...data, version: ctx.version } });
  await ctx.audit("order.update", "order", order.id, {
    ...(args.deliveryLocationId !== undefined && { deliveryLocationId: { from: order.deliveryLocationId, to: args.deliveryLocationId } }),
    ...(args.notes !== undefined && { notes: { from: order.notes, to: args.notes } }),
  });
}

export async function setOrderLine(ctx: MutatorContext, args: MutationArgs<"order.setLine">) {
  const order = await draft(ctx, args.orderId);
  const before = (await ordersRepo(ctx.tx).lines(ctx.practiceId, order.id)).find((l) => l.itemId === args.itemId);
  const [line] = await setLines(ctx, order, [args]);
  await ctx.tx.order.updateMany({ where: { practiceId: ctx.practiceId, id: order.id }, data: { version: ctx.version } });
  await ctx.audit("order.setLine", "order", order.id, { ...line, quantity: { from: before?.quantity ?? 0, to: args.quantity } });
}

export async function removeOrderLine(ctx: MutatorContext, args: MutationArgs<"order.removeLine">) {
  const order = await draft(ctx, args.orderId);
  const repo = ordersRepo(ctx.tx);
  const lines = (await repo.lines(ctx.practiceId, order.id)).filter((l) => l.itemId === args.itemId);
  if (lines.length === 0) throw new DomainError("NOT_FOUND", "This item is not on the order.");
  await repo.deleteLines(
    ctx.practiceId,
    lines.map((l) => l.id),
    ctx.version,
  );
  await ctx.audit("order.removeLine", "order", order.id, { itemId: args.itemId, quantity: lines[0]!.quantity });
}

export async function deleteOrder(ctx: MutatorContext, args: MutationArgs<"order.delete">) {
  const repo = ordersRepo(ctx.tx);
  const order = await repo.get(ctx.practiceId, args.orderId);
  nextStatus(order.status, "DELETE");
  const lines = await repo.lines(ctx.practiceId, order.id);
  await repo.deleteLines(
    ctx.practiceId,
    lines.map((l) => l.id),
    ctx.version,
  );
  await repo.deleteOrder(ctx.practiceId, order.id, ctx.version);
  await ctx.audit("order.delete", "order", order.id, { number: order.number, lines: lines.length });
}

export async function cancelOrder(ctx: MutatorContext, args: MutationArgs<"order.cancel">) {
  const order = await ordersRepo(ctx.tx).get(ctx.practiceId, args.orderId);
  const status = nextStatus(order.status, "CANCEL", { reason: args.reason });
  await ctx.tx.order.updateMany({
    where: { practiceId: ctx.practiceId, id: order.id },
    data: { status, cancelledAt: new Date(), cancelReason: args.reason, version: ctx.version },
  });
  await ctx.audit("order.cancel", "order", order.id, { status: { from: order.status, to: status }, reason: args.reason });
}

export async function closeOrder(ctx: MutatorContext, args: MutationArgs<"order.close">) {
  const order = await ordersRepo(ctx.tx).get(ctx.practiceId, args.orderId);
  const status = nextStatus(order.status, "CLOSE", { reason: args.reason });
  const now = new Date();
  await ctx.tx.order.updateMany({
    where: { practiceId: ctx.practiceId, id: order.id },
    data: { status, closedAt: now, receivedAt: now, closeReason: args.reason, version: ctx.version },
  });
  const lines = await ordersRepo(ctx.tx).lines(ctx.practiceId, order.id);
  await ctx.audit("order.close", "order", order.id, {
    status: { from: order.status, to: status },
    reason: args.reason,
    short: lines
      .filter((l) => l.receivedQuantity < l.quantity)
      .map((l) => ({ itemId: l.itemId, ordered: l.quantity, received: l.receivedQuantity })),
  });
}
