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
  /**
   * Practice-wide maximum (low-stock lists say how many reach it); null or absent = not set. Optional so
   * an optimistic item row written without it (a new item) is still a valid row.
   */
  maxStock: int32().nullable().optional(),
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
  /** The calendar day the stock expires (YYYY-MM-DD). */
  expiryDate: safeText().nullable(),
  /** The expiry as given; differs from expiryDate when its day was 00 ("end of that month"). */
  expiryRaw: safeText().nullable(),
});

export const inventoryRow = z.object({
  ...base,
  locationId: z.uuid(),
  itemId: z.uuid(),
  batchId: z.uuid().nullable(),
  /** null: withheld from this role while a blind count covers the row (its on-hand is the count's expected quantity). */
  quantity: int32().nullable(),
});

/** Par levels of one item at one location; null = not set. */
export const parLevelRow = z.object({
  ...base,
  itemId: z.uuid(),
  locationId: z.uuid(),
  minQuantity: int32().nullable(),
  maxQuantity: int32().nullable(),
});

/** The practice's stock settings (at most one row; none = the defaults). */
export const stockSettingsRow = z.object({
  ...base,
  expiryHorizonDays: int32(),
  /** Whole percent an order line may be over-received by (with a reason); absent on an optimistic row = the default. */
  overReceiptTolerancePercent: int32().optional(),
  /** Weeks of ledger history suggested orders average usage over; absent = the default. */
  usageWindowWeeks: int32().optional(),
});

const orderStatus = z.enum(["DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CANCELLED"]);

/**
 * An order to one practice supplier. `number` is null until the server numbers it at push (shown as
 * "draft"). The supplier email's state is not replicated (the worker changes it outside any push): read
 * it from GET /api/orders/:orderId/email. `emailed` says the order went out through the outbox.
 */
export const orderRow = z.object({
  ...base,
  supplierId: z.uuid(),
  deliveryLocationId: z.uuid().nullable(),
  number: int32().nullable(),
  currency: safeText(),
  status: orderStatus,
  notes: safeText().nullable(),
  createdById: z.uuid().nullable(),
  sentById: z.uuid().nullable(),
  sentAt: safeText().nullable(),
  sentManually: z.boolean(),
  emailed: z.boolean(),
  receivedAt: safeText().nullable(),
  cancelledAt: safeText().nullable(),
  cancelReason: safeText().nullable(),
  closedAt: safeText().nullable(),
  closeReason: safeText().nullable(),
  createdAt: safeText(),
});

/**
 * One order line: packs of the supplier's pack size. `unitPrice` (per pack, the order's currency, four
 * decimals as text), `supplierSku` and `packSize` are the supplier's terms when the line was set.
 */
export const orderItemRow = z.object({
  ...base,
  orderId: z.uuid(),
  itemId: z.uuid(),
  quantity: int32(),
  receivedQuantity: int32(),
  unitPrice: safeText().nullable(),
  supplierSku: safeText().nullable(),
  packSize: int32(),
});

/** A recurring order list of one practice supplier. */
export const orderTemplateRow = z.object({
  ...base,
  supplierId: z.uuid().nullable(),
  name: safeText(),
});

export const orderTemplateItemRow = z.object({
  ...base,
  templateId: z.uuid(),
  itemId: z.uuid(),
  quantity: int32(),
});

/** A posted delivery, against an order or none. `conflictReason` is set when another device received part of the order meanwhile. */
export const goodsReceiptRow = z.object({
  ...base,
  orderId: z.uuid().nullable(),
  locationId: z.uuid(),
  status: z.enum(["DRAFT", "POSTED", "CANCELLED"]),
  notes: safeText().nullable(),
  receivedById: z.uuid().nullable(),
  postedAt: safeText().nullable(),
  overReceiptReason: safeText().nullable(),
  conflictReason: safeText().nullable(),
  createdAt: safeText(),
});

/** One received line: `quantity` packs accepted (× packSize units stocked), `damagedQuantity` packs recorded only. */
export const goodsReceiptLineRow = z.object({
  ...base,
  receiptId: z.uuid(),
  itemId: z.uuid(),
  orderItemId: z.uuid().nullable(),
  locationId: z.uuid(),
  batchId: z.uuid().nullable(),
  lot: safeText().nullable(),
  expiryDate: safeText().nullable(),
  expiryRaw: safeText().nullable(),
  quantity: int32(),
  packSize: int32(),
  damagedQuantity: int32(),
  damageReason: safeText().nullable(),
});

/**
 * A count session. `itemIds` is its item scope (empty = every item at the location); the scope never
 * changes after start, so it travels inside the session row.
 */
export const countSessionRow = z.object({
  ...base,
  locationId: z.uuid().nullable(),
  includeSubLocations: z.boolean(),
  itemIds: z.array(z.uuid()),
  status: z.enum(["IN_PROGRESS", "COMPLETED", "CANCELLED"]),
  blind: z.boolean(),
  recountThresholdUnits: int32().nullable(),
  recountThresholdPct: int32().nullable(),
  name: safeText().nullable(),
  note: safeText().nullable(),
  startedById: z.uuid().nullable(),
  completedById: z.uuid().nullable(),
  completedAt: safeText().nullable(),
  cancelledAt: safeText().nullable(),
  zeroedUncounted: z.boolean(),
  createdAt: safeText(),
});

/**
 * One count line (an appended intent). `clientId`/`userId` are null only on this device's own optimistic
 * rows until the server's copy arrives. In a blind session a non-admin receives `seenQuantity`,
 * `onHandAtPush` and `movementSinceSeen` as null: they would give the expected quantity away.
 */
export const countLineRow = z.object({
  ...base,
  sessionId: z.uuid(),
  clientId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  itemId: z.uuid(),
  locationId: z.uuid(),
  batchId: z.uuid().nullable(),
  countedQuantity: int32(),
  seenVersion: safeInt().nullable(),
  seenQuantity: int32().nullable(),
  onHandAtPush: int32().nullable(),
  movementSinceSeen: int32().nullable(),
  needsRecount: z.boolean(),
  supersededById: z.uuid().nullable(),
  createdAt: safeText(),
});

/**
 * A key's conflict in a session: DOUBLE_COUNT (two devices' standing counts differ) or STOCK_MOVED (the
 * stock moved after the device last saw it). `resolution` null = open. `details` holds the counts behind
 * it (quantities stripped for non-admins in blind sessions) and, once resolved, the chosen line.
 */
export const countConflictRow = z.object({
  ...base,
  sessionId: z.uuid(),
  itemId: z.uuid(),
  locationId: z.uuid(),
  batchId: z.uuid().nullable(),
  kind: z.enum(["DOUBLE_COUNT", "STOCK_MOVED"]),
  details: z.record(z.string(), z.unknown()),
  resolution: z.enum(["USE_COUNTED", "USE_COUNTED_PLUS_MOVEMENTS"]).nullable(),
  resolvedById: z.uuid().nullable(),
  resolvedAt: safeText().nullable(),
  createdAt: safeText(),
});

export const ENTITY_SCHEMAS = {
  location: locationRow,
  item: itemRow,
  batch: batchRow,
  inventory: inventoryRow,
  supplier: supplierRow,
  supplierItem: supplierItemRow,
  parLevel: parLevelRow,
  stockSettings: stockSettingsRow,
  countSession: countSessionRow,
  countLine: countLineRow,
  countConflict: countConflictRow,
  order: orderRow,
  orderItem: orderItemRow,
  orderTemplate: orderTemplateRow,
  orderTemplateItem: orderTemplateItemRow,
  goodsReceipt: goodsReceiptRow,
  goodsReceiptLine: goodsReceiptLineRow,
} as const;

export type EntityName = keyof typeof ENTITY_SCHEMAS;
export const ENTITY_NAMES = Object.keys(ENTITY_SCHEMAS) as EntityName[];

export type LocationRow = z.infer<typeof locationRow>;
export type ItemRow = z.infer<typeof itemRow>;
export type BatchRow = z.infer<typeof batchRow>;
export type InventoryRow = z.infer<typeof inventoryRow>;
export type SupplierRow = z.infer<typeof supplierRow>;
export type SupplierItemRow = z.infer<typeof supplierItemRow>;
export type ParLevelRow = z.infer<typeof parLevelRow>;
export type StockSettingsRow = z.infer<typeof stockSettingsRow>;
export type CountSessionRow = z.infer<typeof countSessionRow>;
export type CountLineRow = z.infer<typeof countLineRow>;
export type CountConflictRow = z.infer<typeof countConflictRow>;
export type OrderRow = z.infer<typeof orderRow>;
export type OrderItemRow = z.infer<typeof orderItemRow>;
export type OrderTemplateRow = z.infer<typeof orderTemplateRow>;
export type OrderTemplateItemRow = z.infer<typeof orderTemplateItemRow>;
export type GoodsReceiptRow = z.infer<typeof goodsReceiptRow>;
export type GoodsReceiptLineRow = z.infer<typeof goodsReceiptLineRow>;

export interface EntityRows {
  location: LocationRow;
  item: ItemRow;
  batch: BatchRow;
  inventory: InventoryRow;
  supplier: SupplierRow;
  supplierItem: SupplierItemRow;
  parLevel: ParLevelRow;
  stockSettings: StockSettingsRow;
  countSession: CountSessionRow;
  countLine: CountLineRow;
  countConflict: CountConflictRow;
  order: OrderRow;
  orderItem: OrderItemRow;
  orderTemplate: OrderTemplateRow;
  orderTemplateItem: OrderTemplateItemRow;
  goodsReceipt: GoodsReceiptRow;
  goodsReceiptLine: GoodsReceiptLineRow;
}
export type EntityRow<E extends EntityName> = EntityRows[E];
