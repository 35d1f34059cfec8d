/** Tenant-scoped access to practice items and their batches. */
import { DomainError } from "../../../shared/errors.js";
import { assertItemActive, type ItemStock } from "../../../shared/catalogue/rules.js";
import type { Tx } from "../../db/prisma.js";

const itemSelect = {
  id: true,
  name: true,
  sku: true,
  unit: true,
  packSize: true,
  category: true,
  notes: true,
  batchTracked: true,
  archived: true,
  productId: true,
  defaultSupplierId: true,
  product: { select: { gtin: true } },
} as const;

/** An item as the uniqueness rule (assertUniqueCodes) compares it. */
export interface ItemIdentity {
  id: string;
  name: string;
  sku: string | null;
  gtin: string | null;
}

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

/** The batch check's verdict, shared by getBatch and the one-statement movement checks (stock/movement-targets.ts). */
export function assertBatchFound(found: boolean): void {
  if (!found) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
}

export function itemsRepo(tx: Tx) {
  return {
    /** The item if new work may use it (shared rule: NOT_FOUND or ITEM_ARCHIVED otherwise). */
    async getActive(practiceId: string, id: string) {
      return assertItemActive(
        await tx.item.findFirst({ where: { practiceId, id }, select: { id: true, name: true, archived: true, batchTracked: true } }),
      );
    },

    async getBatch(practiceId: string, itemId: string, batchId: string) {
      const batch = await tx.batch.findFirst({ where: { practiceId, id: batchId, itemId }, select: { id: true } });
      assertBatchFound(batch !== null);
      return batch as { id: string };
    },

    /** The item with its GTIN, or NOT_FOUND (also for another practice's id). */
    async get(practiceId: string, id: string) {
      const row = await tx.item.findFirst({ where: { practiceId, id }, select: itemSelect });
      if (!row) throw new DomainError("NOT_FOUND", "Item not found.");
      const { product, ...item } = row;
      return { ...item, gtin: product?.gtin ?? null };
    },

    /**
     * The global product already holding this GTIN (if any) and the practice's items holding this SKU or
     * linked to that product: the candidates for a uniqueness clash. One statement (it ran as three ORM
     * queries: product, items, their products' GTINs; item.create is most of a CSV import's mutations).
     */
    async codesInUse(
      practiceId: string,
      sku: string | null,
      gtin: string | null,
    ): Promise<{ productId: string | null; items: ItemIdentity[] }> {
      if (!sku && !gtin) return { productId: null, items: [] };
      const rows = await tx.$queryRaw<
        { productId: string | null; id: string | null; name: string | null; sku: string | null; gtin: string | null }[]
      >`
        WITH product AS (SELECT "id" FROM "Product" WHERE ${gtin}::text IS NOT NULL AND "gtin" = ${gtin}::text)
        SELECT (SELECT "id" FROM product)::text AS "productId", i."id"::text AS "id", i."name", i."sku", p."gtin"
        FROM (SELECT 1) AS one
        LEFT JOIN "Item" i ON i."practiceId" = ${practiceId}::uuid
          AND (i."sku" = ${sku}::text OR i."productId" = (SELECT "id" FROM product))
        LEFT JOIN "Product" p ON p."id" = i."productId"`;
      const items = rows.flatMap((r) => (r.id === null ? [] : [{ id: r.id, name: r.name ?? "", sku: r.sku, gtin: r.gtin }]));
      return { productId: rows[0]?.productId ?? null, items };
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
      // Raw: the ORM's create answers the whole row back, and this runs once per imported CSV row.
      await tx.$executeRaw`
        INSERT INTO "Item" ("id", "practiceId", "productId", "name", "sku", "unit", "packSize", "category", "notes", "batchTracked", "version", "updatedAt")
        VALUES (${id}::uuid, ${practiceId}::uuid, ${data.productId}::uuid, ${data.name}, ${data.sku}, ${data.unit}, ${data.packSize}::int,
                ${data.category}, ${data.notes}, ${data.batchTracked}, ${data.version}, now())`;
    },

    async update(practiceId: string, id: string, data: ItemWrite) {
      const { count } = await tx.item.updateMany({ where: { practiceId, id }, data });
      if (count !== 1) throw new DomainError("NOT_FOUND", "Item not found.");
    },
  };
}
