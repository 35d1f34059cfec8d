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
} as const;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];

export type LocationRow = z.infer<typeof locationRow>;
export type ItemRow = z.infer<typeof itemRow>;
export type BatchRow = z.infer<typeof batchRow>;
export type InventoryRow = z.infer<typeof inventoryRow>;

export interface EntityRows {
  location: LocationRow;
  item: ItemRow;
  batch: BatchRow;
  inventory: InventoryRow;
}
export type EntityRow<E extends EntityName> = EntityRows[E];
