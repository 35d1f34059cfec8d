import { z } from "zod";
import { int32, safeInt } from "../validation/numbers.js";
import { safeText } from "../validation/text.js";

/**
 * The replicated entities: the row shapes a pull delivers and a client replica stores. Every row has an
 * `id` and the practice `version` at which it last changed. Dates travel as ISO strings.
 */
const base = { id: z.uuid(), version: safeInt().nonnegative() };

export const locationRow = z.object({
  ...base,
  parentId: z.uuid().nullable(),
  name: safeText(),
  archived: z.boolean(),
});

export const itemRow = z.object({
  ...base,
  productId: z.uuid().nullable(),
  gtin: safeText().nullable(),
  name: safeText(),
  sku: safeText().nullable(),
  unit: safeText(),
  packSize: int32(),
  reorderPoint: int32().nullable(),
  reorderQuantity: int32().nullable(),
  defaultSupplierId: z.uuid().nullable(),
  batchTracked: z.boolean(),
  archived: z.boolean(),
  /** Free grouping for lists and CSVs ("Vaccines", "Consumables"). */
  category: safeText().nullable(),
  notes: safeText().nullable(),
});

/**
 * A practice's supplier (its account with a vendor). `globalSupplierId` links it to the shared directory
 * when the practice picked the vendor from there; the practice's own fields are never shared.
 */
export const supplierRow = z.object({
  ...base,
  globalSupplierId: z.uuid().nullable(),
  name: safeText(),
  accountNumber: safeText().nullable(),
  orderEmail: safeText().nullable(),
  phone: safeText().nullable(),
  notes: safeText().nullable(),
  archived: z.boolean(),
});

/** What one supplier charges for one item. `unitPrice` is decimal text with four decimals ("12.3400"), never a float. */
export const supplierItemRow = z.object({
  ...base,
  supplierId: z.uuid(),
  itemId: z.uuid(),
  supplierSku: safeText().nullable(),
  unitPrice: safeText(),
  currency: safeText(),
  packSize: int32(),
  minimumOrder: int32(),
  leadTimeDays: int32().nullable(),
});

export const batchRow = z.object({
  ...base,
  itemId: z.uuid(),
  lot: safeText(),
  expiryDate: safeText().nullable(),
});

export const inventoryRow = z.object({
  ...base,
  locationId: z.uuid(),
  itemId: z.uuid(),
  batchId: z.uuid().nullable(),
  quantity: int32(),
});

export const ENTITY_SCHEMAS = {
  location: locationRow,
  item: itemRow,
  batch: batchRow,
  inventory: inventoryRow,
  supplier: supplierRow,
  supplierItem: supplierItemRow,
} as const;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];

export type LocationRow = z.infer<typeof locationRow>;
export type ItemRow = z.infer<typeof itemRow>;
export type BatchRow = z.infer<typeof batchRow>;
export type InventoryRow = z.infer<typeof inventoryRow>;
export type SupplierRow = z.infer<typeof supplierRow>;
export type SupplierItemRow = z.infer<typeof supplierItemRow>;

export interface EntityRows {
  location: LocationRow;
  item: ItemRow;
  batch: BatchRow;
  inventory: InventoryRow;
  supplier: SupplierRow;
  supplierItem: SupplierItemRow;
}
export type EntityRow<E extends EntityName> = EntityRows[E];
