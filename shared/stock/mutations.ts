import { z } from "zod";
import { safeText } from "../validation/text.js";
import { ADJUSTMENT_REASONS, MAX_STOCK_DELTA, assertBatchChoice, assertDistinctLocations, assertLevels, quantityAfter } from "./rules.js";
import { isValidExpiry, parseExpiry } from "./expiry.js";
import { batchIdFor, normaliseLot } from "./batch-id.js";
import { assertLocationActive } from "../locations/rules.js";
import { assertItemActive } from "../catalogue/rules.js";
import { DomainError } from "../errors.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";

const note = safeText().trim().max(500).optional();
const positiveQuantity = z
  .number()
  .int("Quantity must be a whole number")
  .positive("Quantity must be more than 0")
  .max(MAX_STOCK_DELTA, "Quantity is too large");
const level = z.number().int("Levels are whole numbers").min(0, "Levels cannot be negative").max(MAX_STOCK_DELTA).nullable();

/** Adds `delta` to the replica's row for (location, item, batch), creating it at 0 when absent. */
async function moveOnReplica(tx: ReplicaTx, locationId: string, itemId: string, batchId: string | null, delta: number) {
  const rows = await tx.where("inventory", { locationId, itemId, batchId });
  const row = rows[0] ?? { id: tx.newId(), locationId, itemId, batchId, quantity: 0, version: 0 };
  await tx.put("inventory", { ...row, quantity: quantityAfter(row.quantity, delta) });
}

/** The item, active, with the batch rule applied to the movement's batch (and the batch being its own). */
async function itemForMovement(tx: ReplicaTx, itemId: string, batchId: string | null) {
  const item = assertItemActive(await tx.get("item", itemId));
  assertBatchChoice(item, batchId);
  if (batchId) {
    const batch = await tx.get("batch", batchId);
    if (!batch || batch.itemId !== itemId) throw new DomainError("NOT_FOUND", "Batch not found for this item.");
  }
  return item;
}

export const stockAdjust = defineMutation({
  name: "stock.adjust",
  permission: "stock.adjust",
  args: z.object({
    /** The adjustment's own id, chosen by the client so a retried push cannot adjust twice. */
    id: z.uuid(),
    locationId: z.uuid(),
    itemId: z.uuid(),
    batchId: z.uuid().nullable().default(null),
    quantity: z
      .number()
      .int("Quantity must be a whole number")
      .refine((q) => q !== 0, "Quantity cannot be zero")
      .refine((q) => Math.abs(q) <= MAX_STOCK_DELTA, "Quantity is too large"),
    reason: z.enum(ADJUSTMENT_REASONS),
    note,
  }),
  async applyClient(tx, args) {
    assertLocationActive(await tx.get("location", args.locationId));
    await itemForMovement(tx, args.itemId, args.batchId);
    await moveOnReplica(tx, args.locationId, args.itemId, args.batchId, args.quantity);
  },
});

/**
 * Records a lot of an item as stock first arrives in it (offline too). The id is derived from (item,
 * lot) — see batch-id.ts — so the same lot received on two tablets is one batch. Creating an existing
 * batch again changes nothing; the first expiry recorded is kept.
 */
export const batchCreate = defineMutation({
  name: "batch.create",
  permission: "stock.adjust",
  args: z.object({
    id: z.uuid(),
    itemId: z.uuid(),
    lot: safeText().trim().min(1, "Lot is required").max(64).transform(normaliseLot),
    /** As given: YYYY-MM-DD, where day 00 means the month's last day (as printed on many packs). */
    expiry: safeText().trim().refine(isValidExpiry, "Expiry must be a date (YYYY-MM-DD; day 00 means the month's last day)").nullable(),
  }),
  async applyClient(tx, args) {
    assertItemActive(await tx.get("item", args.itemId));
    if (args.id !== (await batchIdFor(args.itemId, args.lot)))
      throw new DomainError("VALIDATION_FAILED", "Batch id does not match its item and lot.");
    if (await tx.get("batch", args.id)) return;
    const expiry = args.expiry === null ? null : parseExpiry(args.expiry);
    await tx.put("batch", {
      id: args.id,
      itemId: args.itemId,
      lot: args.lot,
      expiryDate: expiry?.iso ?? null,
      expiryRaw: expiry?.raw ?? null,
      version: 0,
    });
  },
});

/** Moves stock of one item (and batch) from one location to another: two ledger lines, one mutation. */
export const stockTransfer = defineMutation({
  name: "stock.transfer",
  permission: "stock.adjust",
  args: z.object({
    id: z.uuid(),
    itemId: z.uuid(),
    batchId: z.uuid().nullable().default(null),
    fromLocationId: z.uuid(),
    toLocationId: z.uuid(),
    quantity: positiveQuantity,
    note,
  }),
  async applyClient(tx, args) {
    assertDistinctLocations(args.fromLocationId, args.toLocationId);
    assertLocationActive(await tx.get("location", args.fromLocationId));
    assertLocationActive(await tx.get("location", args.toLocationId));
    await itemForMovement(tx, args.itemId, args.batchId);
    await moveOnReplica(tx, args.fromLocationId, args.itemId, args.batchId, -args.quantity);
    await moveOnReplica(tx, args.toLocationId, args.itemId, args.batchId, args.quantity);
  },
});

/** Stock used up (at a clinic session, on a patient): leaves the location, never negative. */
export const stockConsume = defineMutation({
  name: "stock.consume",
  permission: "stock.adjust",
  args: z.object({
    id: z.uuid(),
    locationId: z.uuid(),
    itemId: z.uuid(),
    batchId: z.uuid().nullable().default(null),
    quantity: positiveQuantity,
    note,
  }),
  async applyClient(tx, args) {
    assertLocationActive(await tx.get("location", args.locationId));
    await itemForMovement(tx, args.itemId, args.batchId);
    await moveOnReplica(tx, args.locationId, args.itemId, args.batchId, -args.quantity);
  },
});

/**
 * Sets (or clears, with nulls) the par levels of an item at a location. One row per (item, location):
 * the server keeps its own row id, so two tablets setting the same pair converge on one row.
 */
export const parLevelSet = defineMutation({
  name: "parLevel.set",
  permission: "catalogue.manage",
  args: z
    .object({ itemId: z.uuid(), locationId: z.uuid(), minQuantity: level, maxQuantity: level })
    .refine(
      (a) => a.minQuantity === null || a.maxQuantity === null || a.minQuantity <= a.maxQuantity,
      "The minimum cannot be above the maximum",
    ),
  async applyClient(tx, args) {
    assertItemActive(await tx.get("item", args.itemId));
    assertLocationActive(await tx.get("location", args.locationId));
    assertLevels(args.minQuantity, args.maxQuantity);
    const existing = (await tx.where("parLevel", { itemId: args.itemId, locationId: args.locationId }))[0];
    const row = existing ?? {
      id: tx.newId(),
      itemId: args.itemId,
      locationId: args.locationId,
      minQuantity: null,
      maxQuantity: null,
      version: 0,
    };
    await tx.put("parLevel", { ...row, minQuantity: args.minQuantity, maxQuantity: args.maxQuantity });
  },
});

/** Practice-wide reorder point and maximum of an item (over all its locations). */
export const stockSetItemLevels = defineMutation({
  name: "stock.setItemLevels",
  permission: "catalogue.manage",
  args: z
    .object({ itemId: z.uuid(), reorderPoint: level, maxStock: level })
    .refine(
      (a) => a.reorderPoint === null || a.maxStock === null || a.reorderPoint <= a.maxStock,
      "The reorder point cannot be above the maximum",
    ),
  async applyClient(tx, args) {
    const item = assertItemActive(await tx.get("item", args.itemId));
    assertLevels(args.reorderPoint, args.maxStock);
    await tx.put("item", { ...item, reorderPoint: args.reorderPoint, maxStock: args.maxStock });
  },
});

export const EXPIRY_HORIZON_DEFAULT = 90;
export const EXPIRY_HORIZON_MAX = 730;

/** How far ahead the practice's "expiring soon" list looks. */
export const stockSetExpiryHorizon = defineMutation({
  name: "stock.setExpiryHorizon",
  permission: "practice.manage",
  args: z.object({
    days: z.number().int("Whole days").min(1, "At least 1 day").max(EXPIRY_HORIZON_MAX, `At most ${EXPIRY_HORIZON_MAX} days`),
  }),
  async applyClient(tx, args) {
    const current = (await tx.all("stockSettings"))[0];
    await tx.put("stockSettings", {
      ...current,
      id: current?.id ?? tx.newId(),
      expiryHorizonDays: args.days,
      version: current?.version ?? 0,
    });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const STOCK_MUTATIONS = {
  [stockAdjust.name]: stockAdjust,
  [batchCreate.name]: batchCreate,
  [stockTransfer.name]: stockTransfer,
  [stockConsume.name]: stockConsume,
  [parLevelSet.name]: parLevelSet,
  [stockSetItemLevels.name]: stockSetItemLevels,
  [stockSetExpiryHorizon.name]: stockSetExpiryHorizon,
};
