/** Tenant-scoped access to practice items and their batches. */
import { DomainError } from "../../../shared/errors.js";
import { assertItemActive, type ItemStock } from "../../../shared/catalogue/rules.js";
import type { Tx } from "../../db/prisma.js";

const itemSelect = {
  id: true, name: true, sku: true, unit: true, packSize: true, category: true, notes: true, batchTracked: true, archived: true,
  productId: true, defaultSupplierId: true, product: { select: { gtin: true } },
} as const;

export interface ItemWrite {
  name?: string;
  sku?: string | null;
  productId?: string | null;
  unit?: string;
  packSize?: number;
  category?: string | null;
  notes?: string | null;
  batchTracked?: boolean;
  archived?: boolean;
  defaultSupplierId?: string | null;
  version: bigint;
}

export function itemsRepo(tx: Tx) {
  return {
    /** The item if new work may use it (shared rule: NOT_FOUND or ITEM_ARCHIVED otherwise). */
    async getActive(practiceId: string, id: string) {
      return assertItemActive(await tx.item.findFirst({ where: { practiceId, id }, select: { id: true, name: true, archived: true, batchTracked: true } }));
    },

    async getBatch(practiceId: string, itemId: string, batchId: string) {
      const batch = await tx.batch.findFirst({ where: { practiceId, id: batchId, itemId }, select: { id: true } });
      if (!batch) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
      return batch;
    },

    /** The item with its GTIN, or NOT_FOUND (also for another practice's id). */
    async get(practiceId: string, id: string) {
      const row = await tx.item.findFirst({ where: { practiceId, id }, select: itemSelect });
      if (!row) throw new DomainError("NOT_FOUND", "Item not found.");
      const { product, ...item } = row;
      return { ...item, gtin: product?.gtin ?? null };
    },

    /** The practice's items holding this SKU or linked to this product: the candidates for a uniqueness clash. */
    async withCodes(practiceId: string, sku: string | null, productId: string | null) {
      const or = [...(sku ? [{ sku }] : []), ...(productId ? [{ productId }] : [])];
      if (or.length === 0) return [];
      const rows = await tx.item.findMany({ where: { practiceId, OR: or }, select: { id: true, name: true, sku: true, product: { select: { gtin: true } } } });
      return rows.map(({ product, ...r }) => ({ ...r, gtin: product?.gtin ?? null }));
    },

    async stock(practiceId: string, itemId: string): Promise<ItemStock> {
      const groups = await tx.inventory.groupBy({ by: ["batchId"], where: { practiceId, itemId }, _sum: { quantity: true } });
      const stock = { batched: 0, unbatched: 0 };
      for (const g of groups) {
        if (g.batchId) stock.batched += g._sum.quantity ?? 0;
        else stock.unbatched += g._sum.quantity ?? 0;
      }
      return stock;
    },

    async create(practiceId: string, id: string, data: Required<Omit<ItemWrite, "archived" | "defaultSupplierId">>) {
      await tx.item.create({ data: { ...data, id, practiceId } });
    },

    async update(practiceId: string, id: string, data: ItemWrite) {
      const { count } = await tx.item.updateMany({ where: { practiceId, id }, data });
      if (count !== 1) throw new DomainError("NOT_FOUND", "Item not found.");
    },
  };
}
