/**
 * How each replicated entity is read for a pull and shaped for the wire (shared/protocol/entities.ts).
 * Adding a replicated entity = a schema in shared/, a reader here, and its table in REPLICATED_TABLES.
 */
import type { EntityName } from "../../shared/protocol/entities.js";
import type { Tx } from "../db/prisma.js";

export interface VersionRange {
  practiceId: string;
  after: bigint;
  upTo: bigint;
}

interface EntityReader {
  entity: EntityName;
  read(tx: Tx, range: VersionRange): Promise<Record<string, unknown>[]>;
}

const where = (r: VersionRange) => ({ practiceId: r.practiceId, version: { gt: r.after, lte: r.upTo } });
const orderBy = { version: "asc" } as const;

export const REPLICATED_TABLES = ["Location", "Item", "Batch", "Inventory", "ParLevel", "StockSettings", "PracticeSupplier", "PracticeSupplierItem"] as const;

export const ENTITY_READERS: EntityReader[] = [
  {
    entity: "location",
    async read(tx, r) {
      const rows = await tx.location.findMany({ where: where(r), orderBy, select: { id: true, parentId: true, name: true, archived: true, version: true } });
      return rows.map((l) => ({ ...l, version: Number(l.version) }));
    },
  },
  {
    entity: "item",
    async read(tx, r) {
      const rows = await tx.item.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true, productId: true, name: true, sku: true, unit: true, packSize: true, reorderPoint: true, reorderQuantity: true, maxStock: true,
          defaultSupplierId: true, batchTracked: true, archived: true, category: true, notes: true, version: true, product: { select: { gtin: true } },
        },
      });
      return rows.map(({ product, ...i }) => ({ ...i, gtin: product?.gtin ?? null, version: Number(i.version) }));
    },
  },
  {
    entity: "batch",
    async read(tx, r) {
      const rows = await tx.batch.findMany({ where: where(r), orderBy, select: { id: true, itemId: true, lot: true, expiryDate: true, expiryRaw: true, version: true } });
      return rows.map((b) => ({ ...b, expiryDate: b.expiryDate ? b.expiryDate.toISOString().slice(0, 10) : null, version: Number(b.version) }));
    },
  },
  {
    entity: "inventory",
    async read(tx, r) {
      const rows = await tx.inventory.findMany({ where: where(r), orderBy, select: { id: true, locationId: true, itemId: true, batchId: true, quantity: true, version: true } });
      return rows.map((i) => ({ ...i, version: Number(i.version) }));
    },
  },
  {
    entity: "parLevel",
    async read(tx, r) {
      const rows = await tx.parLevel.findMany({ where: where(r), orderBy, select: { id: true, itemId: true, locationId: true, minQuantity: true, maxQuantity: true, version: true } });
      return rows.map((p) => ({ ...p, version: Number(p.version) }));
    },
  },
  {
    entity: "stockSettings",
    async read(tx, r) {
      const rows = await tx.stockSettings.findMany({ where: where(r), orderBy, select: { id: true, expiryHorizonDays: true, version: true } });
      return rows.map((s) => ({ ...s, version: Number(s.version) }));
    },
  },
  {
    entity: "supplier",
    async read(tx, r) {
      const rows = await tx.practiceSupplier.findMany({
        where: where(r),
        orderBy,
        select: { id: true, globalSupplierId: true, name: true, accountNumber: true, orderEmail: true, phone: true, notes: true, archived: true, version: true },
      });
      return rows.map((s) => ({ ...s, version: Number(s.version) }));
    },
  },
  {
    entity: "supplierItem",
    async read(tx, r) {
      const rows = await tx.practiceSupplierItem.findMany({
        where: where(r),
        orderBy,
        select: {
          id: true, practiceSupplierId: true, itemId: true, supplierSku: true, unitPrice: true, currency: true, packSize: true, minimumOrder: true,
          leadTimeDays: true, version: true,
        },
      });
      // Decimal → its exact text with the column's four decimals ("12.3400"): money never becomes a float.
      return rows.map(({ practiceSupplierId, unitPrice, ...q }) => ({ ...q, supplierId: practiceSupplierId, unitPrice: unitPrice.toFixed(4), version: Number(q.version) }));
    },
  },
];
