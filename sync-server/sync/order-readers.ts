/**
 * Readers of the ordering and receiving entities (issue 13): orders and their lines, templates, goods
 * receipts and their lines. Decimal prices travel as their exact four-decimal text, dates as ISO text.
 */
import type { EntityReader, VersionRange } from "./entity-readers.js";

const where = (r: VersionRange) => ({ practiceId: r.practiceId, version: { gt: r.after, lte: r.upTo } });
const orderBy = { version: "asc" } as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export const ORDER_READERS: EntityReader[] = [
  {
    entity: "order",
    async read(tx, r) {
      const rows = await tx.order.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          practiceSupplierId: true,
          deliveryLocationId: true,
          number: true,
          currency: true,
          status: true,
          notes: true,
          createdById: true,
          sentById: true,
          sentAt: true,
          sentManually: true,
          emailOutboxId: true,
          receivedAt: true,
          cancelledAt: true,
          cancelReason: true,
          closedAt: true,
          closeReason: true,
          createdAt: true,
          version: true,
        },
      });
      return rows.map(({ practiceSupplierId, emailOutboxId, ...o }) => ({
        ...o,
        supplierId: practiceSupplierId,
        emailed: emailOutboxId !== null,
        sentAt: iso(o.sentAt),
        receivedAt: iso(o.receivedAt),
        cancelledAt: iso(o.cancelledAt),
        closedAt: iso(o.closedAt),
        createdAt: o.createdAt.toISOString(),
        version: Number(o.version),
      }));
    },
  },
  {
    entity: "orderItem",
    async read(tx, r) {
      const rows = await tx.orderItem.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          orderId: true,
          itemId: true,
          quantity: true,
          receivedQuantity: true,
          unitPrice: true,
          supplierSku: true,
          packSize: true,
          version: true,
        },
      });
      return rows.map((l) => ({ ...l, unitPrice: l.unitPrice === null ? null : l.unitPrice.toFixed(4), version: Number(l.version) }));
    },
  },
  {
    entity: "orderTemplate",
    async read(tx, r) {
      const rows = await tx.orderTemplate.findMany({
        where: where(r),
        orderBy,
        select: { id: true, practiceSupplierId: true, name: true, version: true },
      });
      return rows.map(({ practiceSupplierId, ...t }) => ({ ...t, supplierId: practiceSupplierId, version: Number(t.version) }));
    },
  },
  {
    entity: "orderTemplateItem",
    async read(tx, r) {
      const rows = await tx.orderTemplateItem.findMany({
        where: where(r),
        orderBy,
        select: { id: true, templateId: true, itemId: true, quantity: true, version: true },
      });
      return rows.map((l) => ({ ...l, version: Number(l.version) }));
    },
  },
  {
    entity: "goodsReceipt",
    async read(tx, r) {
      const rows = await tx.goodsReceipt.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          orderId: true,
          locationId: true,
          status: true,
          notes: true,
          receivedById: true,
          postedAt: true,
          overReceiptReason: true,
          conflictReason: true,
          createdAt: true,
          version: true,
        },
      });
      return rows.map((g) => ({ ...g, postedAt: iso(g.postedAt), createdAt: g.createdAt.toISOString(), version: Number(g.version) }));
    },
  },
  {
    entity: "goodsReceiptLine",
    async read(tx, r) {
      const rows = await tx.goodsReceiptLine.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true,
          receiptId: true,
          itemId: true,
          orderItemId: true,
          locationId: true,
          batchId: true,
          lot: true,
          expiryDate: true,
          expiryRaw: true,
          quantity: true,
          packSize: true,
          damagedQuantity: true,
          damageReason: true,
          version: true,
        },
      });
      return rows.map((l) => ({ ...l, expiryDate: day(l.expiryDate), version: Number(l.version) }));
    },
  },
];
