/**
 * The writes a matched file needs, and nothing more: what differs from the replica becomes a mutation,
 * what is already so is skipped (which is what makes a re-import of the same file change nothing).
 */
import { DEFAULT_CURRENCY } from "../suppliers/money.js";
import type { MatchedFile } from "./match-rows.js";
import type { ImportPlan, ItemValues, KnownItem, KnownSupplierItem, PlannedOp, SupplierItemValues } from "./plan-types.js";
import type { ReadRow } from "./read-row.js";
import { samePrice } from "./values.js";

/** The planned writes in queue order; counts what it plans into `summary`. */
export function planWrites(
  { refs, supplierRefs, linksByKey }: MatchedFile,
  summary: ImportPlan["summary"],
  newId: () => string,
): PlannedOp[] {
  // Written in phases, each in file order: suppliers, items (a new one with its prices in one write),
  // prices of stored items, then the preferred flags left. Every write still follows what it needs,
  // and a phase is mostly long runs of one mutation, which the server applies set-based (a handful of
  // statements per run of a push chunk, not a few per row).
  const ops: PlannedOp[] = [];
  const priceOps: PlannedOp[] = [];
  const preferredOps: PlannedOp[] = [];
  for (const s of supplierRefs.values()) {
    if (s.existing) continue;
    ops.push({ kind: "supplier.create", line: s.firstLine, args: { id: s.id, name: s.name } });
    summary.suppliersCreated++;
  }
  for (const ref of refs) {
    const g = ref.given;
    if (!ref.existing) {
      const item = {
        id: ref.id,
        name: g.name!,
        sku: g.sku ?? null,
        gtin: g.gtin ?? null,
        unit: g.unit ?? "each",
        packSize: g.packSize ?? 1,
        category: g.category ?? null,
        batchTracked: g.batchTracked ?? false,
      };
      summary.itemsCreated++;
      if (ref.links.length === 0) {
        ops.push({ kind: "item.create", line: ref.firstLine, args: item });
        continue;
      }
      // A new item and its prices are one write: nothing stored can be merged with, every price is new.
      const preferredSupplierId = ref.preferred?.supplier.id ?? null;
      if (preferredSupplierId) summary.preferredSet++;
      summary.pricesSet += ref.links.length;
      ops.push({
        kind: "item.createWithPrices",
        line: ref.firstLine,
        args: {
          ...item,
          prices: ref.links.map((link) => ({ id: newId(), supplierId: link.supplier.id, ...mergeLink(undefined, link.values) })),
          preferredSupplierId,
        },
      });
      continue;
    }
    const changes = itemChanges(ref.existing, g);
    if (Object.keys(changes).length > 0) {
      ops.push({ kind: "item.update", line: ref.firstLine, args: { id: ref.id, ...changes } });
      summary.itemsUpdated++;
    }
    // The preferred flag rides on the price's own write when there is one (one mutation, not two).
    let preferredPending = ref.preferred !== null && ref.existing.defaultSupplierId !== ref.preferred.supplier.id;
    if (preferredPending) summary.preferredSet++;
    for (const link of ref.links) {
      const known = link.supplier.existing ? linksByKey.get(`${link.supplier.id}|${ref.id}`) : undefined;
      const merged = mergeLink(known, link.values);
      if (known && sameLink(known, merged)) continue;
      const preferred = preferredPending && ref.preferred?.supplier === link.supplier;
      if (preferred) preferredPending = false;
      priceOps.push({
        kind: "supplierItem.set",
        line: link.line,
        create: !known,
        args: {
          id: known?.id ?? newId(),
          supplierId: link.supplier.id,
          itemId: ref.id,
          ...merged,
          ...(preferred ? { preferred: true as const } : {}),
        },
      });
      summary.pricesSet++;
    }
    if (preferredPending && ref.preferred) {
      preferredOps.push({
        kind: "item.setPreferredSupplier",
        line: ref.preferred.line,
        args: { itemId: ref.id, supplierId: ref.preferred.supplier.id },
      });
    }
  }
  ops.push(...priceOps, ...preferredOps);
  return ops;
}

/** The given item columns that differ from the stored item (blank = unchanged). */
function itemChanges(item: KnownItem, given: ReadRow["item"]): Partial<ItemValues> {
  const changes: Partial<ItemValues> = {};
  if (given.name !== undefined && given.name !== item.name) changes.name = given.name;
  if (given.sku !== undefined && given.sku !== item.sku) changes.sku = given.sku;
  if (given.gtin !== undefined && given.gtin !== (item.gtin ? item.gtin.padStart(14, "0") : null)) changes.gtin = given.gtin;
  if (given.unit !== undefined && given.unit !== item.unit) changes.unit = given.unit;
  if (given.packSize !== undefined && given.packSize !== item.packSize) changes.packSize = given.packSize;
  if (given.category !== undefined && given.category !== item.category) changes.category = given.category;
  if (given.batchTracked !== undefined && given.batchTracked !== item.batchTracked) changes.batchTracked = given.batchTracked;
  return changes;
}

/** The supplier item the row asks for: given cells over the stored values (or the defaults for a new one). */
function mergeLink(known: KnownSupplierItem | undefined, given: ReadRow["link"]): SupplierItemValues {
  return {
    supplierSku: given.supplierSku ?? known?.supplierSku ?? null,
    // Keep the digits as written when the amount changed; keep the stored text when it did not.
    unitPrice:
      given.unitPrice !== undefined && !(known && samePrice(known.unitPrice, given.unitPrice)) ? given.unitPrice : known!.unitPrice,
    currency: given.currency ?? known?.currency ?? DEFAULT_CURRENCY,
    packSize: given.packSize ?? known?.packSize ?? 1,
    minimumOrder: given.minimumOrder ?? known?.minimumOrder ?? 1,
    leadTimeDays: given.leadTimeDays ?? known?.leadTimeDays ?? null,
  };
}

function sameLink(known: KnownSupplierItem, v: SupplierItemValues): boolean {
  return (
    known.supplierSku === v.supplierSku &&
    samePrice(known.unitPrice, v.unitPrice) &&
    known.currency === v.currency &&
    known.packSize === v.packSize &&
    known.minimumOrder === v.minimumOrder &&
    known.leadTimeDays === v.leadTimeDays
  );
}
