import { z } from "zod";
import { safeText } from "../validation/text.js";
import { defineMutation, type ReplicaRead, type ReplicaTx } from "../mutations/define.js";
import { DomainError } from "../errors.js";
import {
  assertCanArchiveItem,
  assertCanChangeBatchTracking,
  assertCanUnarchiveItem,
  assertItemActive,
  assertUniqueCodes,
  normalizeGtin,
  ITEM_CATEGORY_MAX,
  ITEM_NAME_MAX,
  ITEM_NOTES_MAX,
  ITEM_SKU_MAX,
  ITEM_UNIT_MAX,
  PACK_SIZE_MAX,
  type ItemStock,
} from "./rules.js";

/** Optional text: blank means "none" (null), so a cleared field is stored as null, not "". */
const optionalText = (max: number) =>
  safeText()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v === null || v === "" ? null : v));

const itemName = safeText().trim().min(1, "Name is required").max(ITEM_NAME_MAX);
const unit = safeText().trim().min(1, "Unit is required").max(ITEM_UNIT_MAX);
const packSize = z.number().int("Pack size must be a whole number").min(1, "Pack size is at least 1").max(PACK_SIZE_MAX);
/** Digits only; the check digit is verified by normalizeGtin in both applies (a DomainError names the field). */
const gtin = safeText()
  .trim()
  .max(14)
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v === null || v === "" ? null : v));

/** The editable fields of an item; `gtin` links it to the global product of that GTIN (created on first use). */
export const itemFields = {
  name: itemName,
  sku: optionalText(ITEM_SKU_MAX),
  gtin,
  unit: unit.optional(),
  packSize: packSize.optional(),
  category: optionalText(ITEM_CATEGORY_MAX),
  notes: optionalText(ITEM_NOTES_MAX),
  batchTracked: z.boolean().optional(),
};

/** The practice's items holding this SKU or GTIN (indexed look-ups: the replica may hold 10,000 items). */
async function itemsWithCodes(tx: ReplicaTx, sku: string | null, gtin: string | null) {
  return [...(sku ? await tx.where("item", { sku }) : []), ...(gtin ? await tx.where("item", { gtin }) : [])];
}

/** The reads itemsWithCodes makes. */
function codeReads(sku: string | null, gtin: string | null): ReplicaRead[] {
  return [...(sku ? [{ entity: "item" as const, match: { sku } }] : []), ...(gtin ? [{ entity: "item" as const, match: { gtin } }] : [])];
}

async function stockOf(tx: ReplicaTx, itemId: string): Promise<ItemStock> {
  const stock = { batched: 0, unbatched: 0 };
  for (const row of await tx.where("inventory", { itemId })) {
    // A quantity withheld by a blind count is unknown here; the server applies the rule with the real one.
    if (row.batchId) stock.batched += row.quantity ?? 0;
    else stock.unbatched += row.quantity ?? 0;
  }
  return stock;
}

/** What item.create takes (item.createWithPrices adds the prices). */
export const newItemArgs = z.object({ id: z.uuid(), ...itemFields });
type NewItem = z.output<typeof newItemArgs>;

export const itemCreate = defineMutation({
  name: "item.create",
  permission: "catalogue.manage",
  args: newItemArgs,
  reads: (args) => createItemReads(args),
  applyClient: (tx, args) => createItemRow(tx, args),
});

/** The reads createItemRow makes. */
export function createItemReads(args: NewItem): ReplicaRead[] {
  return codeReads(args.sku ?? null, args.gtin ? normalizeGtin(args.gtin) : null);
}

/**
 * item.create's rule and row, for the mutations that create an item: item.create, and
 * item.createWithPrices, which names the preferred supplier of the prices it adds in the same change.
 */
export async function createItemRow(tx: ReplicaTx, args: NewItem, defaultSupplierId: string | null = null): Promise<void> {
  const code = args.gtin ? normalizeGtin(args.gtin) : null;
  assertUniqueCodes(await itemsWithCodes(tx, args.sku ?? null, code), { id: args.id, sku: args.sku ?? null, gtin: code });
  await tx.put("item", {
    id: args.id,
    version: 0,
    // The server links the global product; until the pull brings it, the replica knows the GTIN only.
    productId: null,
    gtin: code,
    name: args.name,
    sku: args.sku ?? null,
    unit: args.unit ?? "each",
    packSize: args.packSize ?? 1,
    category: args.category ?? null,
    notes: args.notes ?? null,
    batchTracked: args.batchTracked ?? false,
    reorderPoint: null,
    reorderQuantity: null,
    maxStock: null,
    defaultSupplierId,
    archived: false,
  });
}

/** Changes the given fields only (undefined = unchanged; null clears an optional one). */
export const itemUpdate = defineMutation({
  name: "item.update",
  permission: "catalogue.manage",
  args: z
    .object({ id: z.uuid(), ...itemFields, name: itemName.optional() })
    .refine((a) => Object.entries(a).some(([k, v]) => k !== "id" && v !== undefined), "Nothing to change"),
  async applyClient(tx, args) {
    const item = assertItemActive(await tx.get("item", args.id));
    const code = args.gtin === undefined ? item.gtin : args.gtin === null ? null : normalizeGtin(args.gtin);
    const sku = args.sku === undefined ? item.sku : args.sku;
    assertUniqueCodes(await itemsWithCodes(tx, sku, code), { id: item.id, sku, gtin: code });
    if (args.batchTracked !== undefined) assertCanChangeBatchTracking(item.batchTracked, args.batchTracked, await stockOf(tx, item.id));
    await tx.put("item", {
      ...item,
      productId: code === item.gtin ? item.productId : null,
      gtin: code,
      name: args.name ?? item.name,
      sku: args.sku === undefined ? item.sku : args.sku,
      unit: args.unit ?? item.unit,
      packSize: args.packSize ?? item.packSize,
      category: args.category === undefined ? item.category : args.category,
      notes: args.notes === undefined ? item.notes : args.notes,
      batchTracked: args.batchTracked ?? item.batchTracked,
    });
  },
});

export const itemArchive = defineMutation({
  name: "item.archive",
  permission: "catalogue.archive",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const item = await tx.get("item", args.id);
    if (!item) throw new DomainError("NOT_FOUND", "Item not found.");
    const stock = await stockOf(tx, item.id);
    assertCanArchiveItem(item, stock.batched + stock.unbatched);
    await tx.put("item", { ...item, archived: true });
  },
});

export const itemUnarchive = defineMutation({
  name: "item.unarchive",
  permission: "catalogue.archive",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const item = await tx.get("item", args.id);
    if (!item) throw new DomainError("NOT_FOUND", "Item not found.");
    assertCanUnarchiveItem(item);
    await tx.put("item", { ...item, archived: false });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const CATALOGUE_MUTATIONS = {
  [itemCreate.name]: itemCreate,
  [itemUpdate.name]: itemUpdate,
  [itemArchive.name]: itemArchive,
  [itemUnarchive.name]: itemUnarchive,
};
