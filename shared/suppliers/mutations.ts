import { z } from "zod";
import { safeText } from "../validation/text.js";
import { defineMutation, type ReplicaTx } from "../mutations/define.js";
import { DomainError } from "../errors.js";
import { assertItemActive } from "../catalogue/rules.js";
import { createItemReads, createItemRow, newItemArgs } from "../catalogue/mutations.js";
import type { SupplierItemRow } from "../protocol/entities.js";
import { PACK_SIZE_MAX } from "../catalogue/rules.js";
import { canonicalPrice, CURRENCY_PATTERN, DEFAULT_CURRENCY, PRICE_PATTERN } from "./money.js";
import {
  assertCanUnarchiveSupplier,
  assertQuotesItem,
  assertSupplierActive,
  assertUniqueSupplierName,
  LEAD_TIME_DAYS_MAX,
  MINIMUM_ORDER_MAX,
  SUPPLIER_NAME_MAX,
} from "./rules.js";

const optionalText = (max: number) =>
  safeText()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v === null || v === "" ? null : v));

const supplierName = safeText().trim().min(1, "Name is required").max(SUPPLIER_NAME_MAX);
const orderEmail = safeText()
  .trim()
  .max(254)
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v === null || v === "" ? null : v))
  .pipe(z.email("That is not an email address").nullable().optional());

export const supplierFields = {
  name: supplierName,
  accountNumber: optionalText(64),
  orderEmail,
  phone: optionalText(40),
  notes: optionalText(2000),
};

export const supplierCreate = defineMutation({
  name: "supplier.create",
  permission: "suppliers.manage",
  args: z.object({
    id: z.uuid(),
    /** The directory entry this account is with, if the practice picked one (GET /api/suppliers/directory). */
    globalSupplierId: z.uuid().nullable().default(null),
    ...supplierFields,
  }),
  reads: (args) => [{ entity: "supplier", match: { name: args.name } }],
  async applyClient(tx, args) {
    assertUniqueSupplierName(await tx.where("supplier", { name: args.name }), args);
    await tx.put("supplier", {
      id: args.id,
      version: 0,
      globalSupplierId: args.globalSupplierId,
      name: args.name,
      accountNumber: args.accountNumber ?? null,
      orderEmail: args.orderEmail ?? null,
      phone: args.phone ?? null,
      notes: args.notes ?? null,
      archived: false,
    });
  },
});

export const supplierUpdate = defineMutation({
  name: "supplier.update",
  permission: "suppliers.manage",
  args: z
    .object({ id: z.uuid(), ...supplierFields, name: supplierName.optional() })
    .refine((a) => Object.entries(a).some(([k, v]) => k !== "id" && v !== undefined), "Nothing to change"),
  async applyClient(tx, args) {
    const supplier = assertSupplierActive(await tx.get("supplier", args.id));
    if (args.name !== undefined)
      assertUniqueSupplierName(await tx.where("supplier", { name: args.name }), { id: args.id, name: args.name });
    await tx.put("supplier", {
      ...supplier,
      name: args.name ?? supplier.name,
      accountNumber: args.accountNumber === undefined ? supplier.accountNumber : args.accountNumber,
      orderEmail: args.orderEmail === undefined ? supplier.orderEmail : args.orderEmail,
      phone: args.phone === undefined ? supplier.phone : args.phone,
      notes: args.notes === undefined ? supplier.notes : args.notes,
    });
  },
});

/**
 * Archiving a supplier also stops it being any item's preferred supplier: an archived supplier takes no
 * orders, so its price must not keep steering them. Its prices stay, for history and a later restore.
 */
export const supplierArchive = defineMutation({
  name: "supplier.archive",
  permission: "suppliers.manage",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const supplier = assertSupplierActive(await tx.get("supplier", args.id));
    for (const item of await tx.where("item", { defaultSupplierId: args.id })) await tx.put("item", { ...item, defaultSupplierId: null });
    await tx.put("supplier", { ...supplier, archived: true });
  },
});

export const supplierUnarchive = defineMutation({
  name: "supplier.unarchive",
  permission: "suppliers.manage",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const supplier = await tx.get("supplier", args.id);
    if (!supplier) throw new DomainError("NOT_FOUND", "Supplier not found.");
    assertCanUnarchiveSupplier(supplier);
    await tx.put("supplier", { ...supplier, archived: false });
  },
});

async function quoteFor(tx: ReplicaTx, supplierId: string, itemId: string) {
  return (await tx.where("supplierItem", { itemId, supplierId }))[0];
}

/** Money as decimal text, checked by pattern (never parsed to a float); stored and replicated with four decimals. */
export const unitPrice = safeText().trim().regex(PRICE_PATTERN, "A price is a number like 12.50 (up to 8 digits and 4 decimals)");

/**
 * Sets what `supplierId` charges for `itemId`: creates the quote (with `id`) or updates the one that
 * exists for that pair (one quote per supplier and item), so a re-import or a retry never duplicates.
 * `preferred: true` makes the supplier the item's preferred one; `false` stops it being so.
 */
export const supplierItemSet = defineMutation({
  name: "supplierItem.set",
  permission: "suppliers.manage",
  args: z.object({
    id: z.uuid(),
    supplierId: z.uuid(),
    itemId: z.uuid(),
    supplierSku: optionalText(64),
    unitPrice,
    currency: safeText()
      .trim()
      .toUpperCase()
      .regex(CURRENCY_PATTERN, "A currency is a three-letter code such as GBP or EUR")
      .default(DEFAULT_CURRENCY),
    packSize: z.number().int().min(1, "Pack size is at least 1").max(PACK_SIZE_MAX).default(1),
    minimumOrder: z.number().int().min(1, "Minimum order is at least 1").max(MINIMUM_ORDER_MAX).default(1),
    leadTimeDays: z.number().int().min(0).max(LEAD_TIME_DAYS_MAX).nullable().default(null),
    preferred: z.boolean().optional(),
  }),
  reads: (args) => [
    { entity: "supplier", id: args.supplierId },
    { entity: "item", id: args.itemId },
    { entity: "supplierItem", match: { itemId: args.itemId, supplierId: args.supplierId } },
  ],
  async applyClient(tx, args) {
    assertSupplierActive(await tx.get("supplier", args.supplierId));
    const item = assertItemActive(await tx.get("item", args.itemId));
    await tx.put("supplierItem", quoteRow(await quoteFor(tx, args.supplierId, args.itemId), args));
    if (args.preferred === true) await tx.put("item", { ...item, defaultSupplierId: args.supplierId });
    if (args.preferred === false && item.defaultSupplierId === args.supplierId) await tx.put("item", { ...item, defaultSupplierId: null });
  },
});

type QuoteArgs = Omit<z.output<typeof supplierItemSet.args>, "preferred">;

/** The quote row supplierItem.set leaves: the existing one for the pair updated, or a new one with `args.id`. */
function quoteRow(existing: SupplierItemRow | undefined, args: QuoteArgs): SupplierItemRow {
  return {
    id: existing?.id ?? args.id,
    version: existing?.version ?? 0,
    supplierId: args.supplierId,
    itemId: args.itemId,
    supplierSku: args.supplierSku === undefined ? (existing?.supplierSku ?? null) : args.supplierSku,
    unitPrice: canonicalPrice(args.unitPrice),
    currency: args.currency,
    packSize: args.packSize,
    minimumOrder: args.minimumOrder,
    leadTimeDays: args.leadTimeDays,
  };
}

/** The most suppliers one new item may be priced by in item.createWithPrices. */
export const PRICES_PER_NEW_ITEM_MAX = 50;

/**
 * A new item with its supplier prices and, optionally, its preferred supplier: what one row of a CSV
 * import is when the item is new. Exactly item.create followed by supplierItem.set for each price (the
 * preferred one with `preferred: true`), as one change: one outbox entry, one server mutation and one
 * refusal where there were several, and no read of quotes a new item cannot have yet. Admins only, as
 * supplier prices are (every role allowed suppliers.manage may also create items; createWithPrices.test.ts
 * checks).
 */
export const itemCreateWithPrices = defineMutation({
  name: "item.createWithPrices",
  permission: "suppliers.manage",
  args: newItemArgs
    .extend({
      prices: z
        .array(supplierItemSet.args.omit({ itemId: true, preferred: true }))
        .min(1)
        .max(PRICES_PER_NEW_ITEM_MAX),
      preferredSupplierId: z.uuid().nullable().default(null),
    })
    .refine((a) => new Set(a.prices.map((p) => p.supplierId)).size === a.prices.length, {
      message: "Each supplier prices a new item once.",
      path: ["prices"],
    })
    .refine((a) => a.preferredSupplierId === null || a.prices.some((p) => p.supplierId === a.preferredSupplierId), {
      message: "The preferred supplier must be one of the item's prices.",
      path: ["preferredSupplierId"],
    }),
  reads: (args) => [...createItemReads(itemOf(args)), ...args.prices.map((p) => ({ entity: "supplier" as const, id: p.supplierId }))],
  async applyClient(tx, args) {
    // The item is written with its preferred supplier at once: the schema holds that supplier among the
    // prices, and a refused price below discards the whole change, the item included.
    await createItemRow(tx, itemOf(args), args.preferredSupplierId);
    // A new item has no quotes yet: each price is a new row (its id), as supplierItem.set would create it.
    for (const price of args.prices) {
      assertSupplierActive(await tx.get("supplier", price.supplierId));
      await tx.put("supplierItem", quoteRow(undefined, { ...price, itemId: args.id }));
    }
  },
});

/** item.createWithPrices' item part: item.create's arguments. */
export function itemOf<A extends { prices: unknown; preferredSupplierId: unknown }>(args: A): Omit<A, "prices" | "preferredSupplierId"> {
  const { prices: _prices, preferredSupplierId: _preferred, ...item } = args;
  return item;
}

/** Removes a quote; if its supplier was the item's preferred one, the item has no preferred supplier afterwards. */
export const supplierItemRemove = defineMutation({
  name: "supplierItem.remove",
  permission: "suppliers.manage",
  args: z.object({ id: z.uuid() }),
  async applyClient(tx, args) {
    const quote = await tx.get("supplierItem", args.id);
    if (!quote) throw new DomainError("NOT_FOUND", "Supplier price not found.");
    const item = await tx.get("item", quote.itemId);
    if (item?.defaultSupplierId === quote.supplierId) await tx.put("item", { ...item, defaultSupplierId: null });
    await tx.delete("supplierItem", args.id);
  },
});

/** The item's one preferred supplier (Item.defaultSupplierId), or none with `supplierId: null`. */
export const itemSetPreferredSupplier = defineMutation({
  name: "item.setPreferredSupplier",
  permission: "suppliers.manage",
  args: z.object({ itemId: z.uuid(), supplierId: z.uuid().nullable() }),
  async applyClient(tx, args) {
    const item = assertItemActive(await tx.get("item", args.itemId));
    if (args.supplierId) {
      const supplier = assertSupplierActive(await tx.get("supplier", args.supplierId));
      assertQuotesItem(await quoteFor(tx, args.supplierId, args.itemId), supplier, item);
    }
    await tx.put("item", { ...item, defaultSupplierId: args.supplierId });
  },
});

/** This domain's mutations by name; shared/mutations/index.ts composes the registry from these groups. */
export const SUPPLIER_MUTATIONS = {
  [supplierCreate.name]: supplierCreate,
  [supplierUpdate.name]: supplierUpdate,
  [supplierArchive.name]: supplierArchive,
  [supplierUnarchive.name]: supplierUnarchive,
  [supplierItemSet.name]: supplierItemSet,
  [supplierItemRemove.name]: supplierItemRemove,
  [itemSetPreferredSupplier.name]: itemSetPreferredSupplier,
  [itemCreateWithPrices.name]: itemCreateWithPrices,
};
