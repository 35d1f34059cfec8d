/**
 * Orders to suppliers. A manager drafts an order (offline too: the client chooses its id and its lines'
 * ids; the server numbers it at push), edits and deletes it while it is a draft, then sends it by email
 * (an outbox row in the same transaction) or marks it sent by hand (phoned in), cancels it with a reason
 * or closes a partly received one. Every status change asks the one machine (status-machine.ts), here
 * against the replica and again on the server.
 */
import { z } from "zod";
import { safeText } from "../validation/text.js";
import { assertItemActive } from "../catalogue/rules.js";
import { assertLocationActive } from "../locations/rules.js";
import { assertSupplierActive } from "../suppliers/rules.js";
import { CURRENCY_PATTERN, DEFAULT_CURRENCY } from "../suppliers/money.js";
import { DomainError } from "../errors.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";
import type { OrderRow } from "../protocol/entities.js";
import { assertDistinctItems, lineSnapshot, MAX_ORDER_LINES, ORDER_REASON_MAX, orderLineArgs } from "./lines.js";
import { nextStatus } from "./status-machine.js";
import { ORDER_TEMPLATE_MUTATIONS } from "./template-mutations.js";

export const orderNotes = safeText().trim().max(2000).nullable();
export const orderReason = safeText().trim().min(1, "Say why").max(ORDER_REASON_MAX);

/** The order on the replica, when there; absent = not pulled yet, the server decides. */
async function replicaOrder(tx: ReplicaTx, orderId: string): Promise<OrderRow | undefined> {
  return tx.get("order", orderId);
}

/** Writes the line with the supplier's terms as the replica holds them. */
async function putLine(tx: ReplicaTx, order: OrderRow, line: z.output<typeof orderLineArgs>) {
  assertItemActive(await tx.get("item", line.itemId));
  const terms = (await tx.where("supplierItem", { supplierId: order.supplierId, itemId: line.itemId }))[0];
  const existing = (await tx.where("orderItem", { orderId: order.id, itemId: line.itemId }))[0];
  await tx.put("orderItem", {
    id: existing?.id ?? line.id,
    version: existing?.version ?? 0,
    orderId: order.id,
    itemId: line.itemId,
    quantity: line.quantity,
    receivedQuantity: 0,
    ...lineSnapshot(terms, order.currency),
  });
}

async function editableOrder(tx: ReplicaTx, orderId: string) {
  const order = await replicaOrder(tx, orderId);
  if (order) nextStatus(order.status, "EDIT");
  return order;
}

export const orderCreate = defineMutation({
  name: "order.create",
  permission: "orders.manage",
  args: z.object({
    id: z.uuid(),
    supplierId: z.uuid(),
    deliveryLocationId: z.uuid().nullable().default(null),
    currency: safeText().trim().toUpperCase().regex(CURRENCY_PATTERN, "A currency is a three-letter code").default(DEFAULT_CURRENCY),
    notes: orderNotes.default(null),
    lines: z.array(orderLineArgs).max(MAX_ORDER_LINES).default([]),
    /** The template or suggestion it was drafted from (recorded in the audit entry). */
    source: z.object({ kind: z.enum(["template", "suggestion", "manual"]), templateId: z.uuid().nullable().default(null) }).optional(),
  }),
  async applyClient(tx, args) {
    assertSupplierActive(await tx.get("supplier", args.supplierId));
    if (args.deliveryLocationId) assertLocationActive(await tx.get("location", args.deliveryLocationId));
    assertDistinctItems(args.lines);
    const order: OrderRow = {
      id: args.id,
      version: 0,
      supplierId: args.supplierId,
      deliveryLocationId: args.deliveryLocationId,
      number: null,
      currency: args.currency,
      status: "DRAFT",
      notes: args.notes,
      createdById: null,
      sentById: null,
      sentAt: null,
      sentManually: false,
      emailed: false,
      receivedAt: null,
      cancelledAt: null,
      cancelReason: null,
      closedAt: null,
      closeReason: null,
      createdAt: new Date().toISOString(),
    };
    await tx.put("order", order);
    for (const line of args.lines) await putLine(tx, order, line);
  },
});

export const orderUpdate = defineMutation({
  name: "order.update",
  permission: "orders.manage",
  args: z.object({
    orderId: z.uuid(),
    /** Omitted = unchanged; null = the practice address. */
    deliveryLocationId: z.uuid().nullable().optional(),
    notes: orderNotes.optional(),
  }),
  async applyClient(tx, args) {
    const order = await editableOrder(tx, args.orderId);
    if (args.deliveryLocationId) assertLocationActive(await tx.get("location", args.deliveryLocationId));
    if (order)
      await tx.put("order", {
        ...order,
        ...(args.deliveryLocationId !== undefined && { deliveryLocationId: args.deliveryLocationId }),
        ...(args.notes !== undefined && { notes: args.notes }),
      });
  },
});

/** Sets an item's quantity on a draft (adds the line when the item is not on it yet). */
export const orderSetLine = defineMutation({
  name: "order.setLine",
  permission: "orders.manage",
  args: orderLineArgs.extend({ orderId: z.uuid() }),
  async applyClient(tx, args) {
    const order = await editableOrder(tx, args.orderId);
    if (order) await putLine(tx, order, args);
  },
});

export const orderRemoveLine = defineMutation({
  name: "order.removeLine",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid(), itemId: z.uuid() }),
  async applyClient(tx, args) {
    await editableOrder(tx, args.orderId);
    for (const line of await tx.where("orderItem", { orderId: args.orderId, itemId: args.itemId })) await tx.delete("orderItem", line.id);
  },
});

export const orderDelete = defineMutation({
  name: "order.delete",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid() }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (order) nextStatus(order.status, "DELETE");
    for (const line of await tx.where("orderItem", { orderId: args.orderId })) await tx.delete("orderItem", line.id);
    await tx.delete("order", args.orderId);
  },
});

/** What sending needs from the replica: the order's lines with a quantity and whether the supplier takes email. */
async function sendContext(tx: ReplicaTx, order: OrderRow) {
  const supplier = assertSupplierActive(await tx.get("supplier", order.supplierId));
  const lines = await tx.where("orderItem", { orderId: order.id });
  return { supplierHasOrderEmail: Boolean(supplier.orderEmail?.trim()), lineCount: lines.filter((l) => l.quantity > 0).length };
}

/** Sends the order to the supplier's order email (the server writes the email in the same transaction). */
export const orderSend = defineMutation({
  name: "order.send",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid() }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (!order) return;
    const status = nextStatus(order.status, "SEND", await sendContext(tx, order));
    await tx.put("order", { ...order, status, sentAt: new Date().toISOString(), emailed: true });
  },
});

/** The order was phoned in (a supplier without an order email): SENT, and it says so. */
export const orderMarkSentManually = defineMutation({
  name: "order.markSentManually",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid(), note: safeText().trim().max(500).nullable().default(null) }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (!order) return;
    const status = nextStatus(order.status, "MARK_SENT_MANUALLY", await sendContext(tx, order));
    await tx.put("order", { ...order, status, sentAt: new Date().toISOString(), sentManually: true });
  },
});

export const orderCancel = defineMutation({
  name: "order.cancel",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid(), reason: orderReason }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (!order) return;
    const status = nextStatus(order.status, "CANCEL", { reason: args.reason });
    await tx.put("order", { ...order, status, cancelledAt: new Date().toISOString(), cancelReason: args.reason });
  },
});

/** Closes a partly received order: the rest is not coming (RECEIVED, closed short). */
export const orderClose = defineMutation({
  name: "order.close",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid(), reason: orderReason }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (!order) return;
    const status = nextStatus(order.status, "CLOSE", { reason: args.reason });
    const now = new Date().toISOString();
    await tx.put("order", { ...order, status, closedAt: now, receivedAt: now, closeReason: args.reason });
  },
});

/** An admin sends an order's failed (dead-lettered) email again. Server-only: email state is not replicated. */
export const orderRetryEmail = defineMutation({
  name: "order.retryEmail",
  permission: "orders.manage",
  args: z.object({ orderId: z.uuid() }),
  async applyClient(tx, args) {
    const order = await replicaOrder(tx, args.orderId);
    if (order && !order.emailed) throw new DomainError("CONFLICT", "This order was not sent by email.");
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const ORDER_MUTATIONS = {
  [orderCreate.name]: orderCreate,
  [orderUpdate.name]: orderUpdate,
  [orderSetLine.name]: orderSetLine,
  [orderRemoveLine.name]: orderRemoveLine,
  [orderDelete.name]: orderDelete,
  [orderSend.name]: orderSend,
  [orderMarkSentManually.name]: orderMarkSentManually,
  [orderCancel.name]: orderCancel,
  [orderClose.name]: orderClose,
  [orderRetryEmail.name]: orderRetryEmail,
  ...ORDER_TEMPLATE_MUTATIONS,
};
