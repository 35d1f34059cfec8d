/** Tenant-scoped access to a practice's orders, their lines and templates. Another practice's ids read as "not found". */
import { DomainError } from "../../../shared/errors.js";
import type { OrderStatus } from "../../../shared/orders/rules.js";
import type { Tx } from "../../db/prisma.js";

const orderSelect = {
  id: true,
  practiceSupplierId: true,
  deliveryLocationId: true,
  number: true,
  currency: true,
  status: true,
  notes: true,
  emailOutboxId: true,
  sentManually: true,
  createdById: true,
} as const;

export function ordersRepo(tx: Tx) {
  return {
    /**
     * The order, locked for this transaction (FOR UPDATE), or NOT_FOUND. Push already serialises a
     * practice's writers through its version lock; the row lock keeps that true for any other caller.
     */
    async get(practiceId: string, id: string) {
      const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "Order" WHERE "practiceId" = ${practiceId}::uuid AND "id" = ${id}::uuid FOR UPDATE`;
      if (locked.length === 0) throw new DomainError("NOT_FOUND", "Order not found.");
      const order = await tx.order.findFirstOrThrow({ where: { practiceId, id }, select: orderSelect });
      return { ...order, status: order.status as OrderStatus };
    },

    async lines(practiceId: string, orderId: string) {
      return tx.orderItem.findMany({
        where: { practiceId, orderId },
        select: { id: true, itemId: true, quantity: true, receivedQuantity: true, packSize: true, unitPrice: true, supplierSku: true },
        orderBy: { id: "asc" },
      });
    },

    /** The supplier's terms for these items (the line snapshot's source). */
    async terms(practiceId: string, supplierId: string, itemIds: string[]) {
      const rows = await tx.practiceSupplierItem.findMany({
        where: { practiceId, practiceSupplierId: supplierId, itemId: { in: itemIds } },
        select: { itemId: true, unitPrice: true, currency: true, supplierSku: true, packSize: true },
      });
      return new Map(rows.map((r) => [r.itemId, { ...r, unitPrice: r.unitPrice.toFixed(4) }]));
    },

    /** Each item active (and this practice's), in one read; the first missing or archived one refuses. */
    async activeItems(practiceId: string, itemIds: string[]) {
      const rows = await tx.item.findMany({
        where: { practiceId, id: { in: itemIds } },
        select: { id: true, name: true, archived: true, batchTracked: true },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return itemIds.map((id) => byId.get(id) ?? null);
    },

    /** Deletes rows and leaves their tombstones, so replicas that pull later drop them too. */
    async deleteLines(practiceId: string, ids: string[], version: bigint) {
      if (ids.length === 0) return;
      await tx.orderItem.deleteMany({ where: { practiceId, id: { in: ids } } });
      await tx.tombstone.createMany({ data: ids.map((entityId) => ({ practiceId, entity: "orderItem", entityId, version })) });
    },

    async deleteOrder(practiceId: string, id: string, version: bigint) {
      await tx.order.deleteMany({ where: { practiceId, id } });
      await tx.tombstone.create({ data: { practiceId, entity: "order", entityId: id, version } });
    },
  };
}
