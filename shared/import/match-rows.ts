/**
 * Matching the file's rows to items and suppliers: each good row is tied to an existing item (by SKU,
 * else GTIN) or to a new one that earlier rows of the file describe, and to its supplier. Rows that
 * contradict the replica or each other are refused here with their line and column.
 */
import type { ImportColumn } from "./columns.js";
import type {
  ImportPlan,
  ImportRow,
  ItemValues,
  KnownItem,
  KnownSupplier,
  KnownSupplierItem,
  ReplicaSnapshot,
  RowError,
} from "./plan-types.js";
import { ITEM_COLUMN, nameKey, readRow, skuKey, type ReadRow } from "./read-row.js";

/** One item the file describes: existing (matched in the replica) or new. */
export interface ItemRef {
  id: string;
  existing: KnownItem | null;
  firstLine: number;
  /** Item columns as given (first row, completed by later rows' cells that the first left blank). */
  given: ReadRow["item"];
  givenLine: Partial<Record<keyof ItemValues, number>>;
  /** Supplier name key → line of the row linking it. */
  suppliers: Map<string, number>;
  links: Array<{ line: number; supplier: SupplierRef; values: ReadRow["link"] }>;
  preferred: { line: number; supplier: SupplierRef } | null;
}

export interface SupplierRef {
  id: string;
  name: string;
  existing: KnownSupplier | null;
  firstLine: number;
}

/** The file matched: the items it describes in file order, its suppliers by name key, and the replica's prices by `supplierId|itemId`. */
export interface MatchedFile {
  refs: ItemRef[];
  supplierRefs: Map<string, SupplierRef>;
  linksByKey: Map<string, KnownSupplierItem>;
}

/** Reads and matches every row; refused rows add to `errors` and `summary.rowsWithErrors`. */
export function matchRows(
  rows: readonly ImportRow[],
  replica: ReplicaSnapshot,
  errors: RowError[],
  summary: ImportPlan["summary"],
  newId: () => string,
): MatchedFile {
  const itemsBySku = new Map<string, KnownItem>();
  const itemsByGtin = new Map<string, KnownItem>();
  for (const item of replica.items) {
    if (item.sku) itemsBySku.set(skuKey(item.sku), item);
    if (item.gtin) itemsByGtin.set(item.gtin.padStart(14, "0"), item);
  }
  const suppliersByName = new Map<string, KnownSupplier>();
  for (const s of replica.suppliers) if (!suppliersByName.has(nameKey(s.name))) suppliersByName.set(nameKey(s.name), s);
  for (const s of replica.suppliers) suppliersByName.set(`=${s.name}`, s);
  const linksByKey = new Map(replica.supplierItems.map((l) => [`${l.supplierId}|${l.itemId}`, l]));

  const refs: ItemRef[] = [];
  const refsByItemId = new Map<string, ItemRef>();
  const fileSku = new Map<string, ItemRef>();
  const fileGtin = new Map<string, ItemRef>();
  const supplierRefs = new Map<string, SupplierRef>();

  for (const row of rows) {
    const errorsBefore = errors.length;
    const read = readRow(row, errors);
    if (!read) {
      summary.rowsWithErrors++;
      continue;
    }
    const err = (column: ImportColumn | null, reason: string) => errors.push({ line: row.line, column, reason });
    const sku = read.item.sku ? skuKey(read.item.sku) : null;
    const gtin = read.item.gtin ?? null;

    // Which item is it? The replica first, then earlier rows of this file.
    const bySku = sku ? itemsBySku.get(sku) : undefined;
    const byGtin = gtin ? itemsByGtin.get(gtin) : undefined;
    if (bySku && byGtin && bySku.id !== byGtin.id) {
      err("gtin", `GTIN ${gtin} belongs to "${byGtin.name}", but SKU ${read.item.sku} to "${bySku.name}".`);
    }
    const existing = bySku ?? byGtin ?? null;
    const inFileBySku = sku ? fileSku.get(sku) : undefined;
    const inFileByGtin = gtin ? fileGtin.get(gtin) : undefined;
    let ref = existing ? refsByItemId.get(existing.id) : (inFileBySku ?? inFileByGtin);
    if (inFileBySku && ref && inFileBySku !== ref)
      err("sku", `SKU ${read.item.sku} is already used on line ${inFileBySku.firstLine} for another item.`);
    // Found only by GTIN, an earlier row of which has another SKU: two items claim one GTIN.
    const gtinTaken =
      inFileByGtin &&
      (ref !== inFileByGtin ||
        (!inFileBySku && sku && inFileByGtin.given.sku !== undefined && skuKey(inFileByGtin.given.sku ?? "") !== sku));
    if (gtinTaken) err("gtin", `GTIN ${gtin} is already used on line ${inFileByGtin.firstLine} for another item.`);
    if (errors.length > errorsBefore) {
      summary.rowsWithErrors++;
      continue;
    }
    if (existing?.archived) err(null, `"${existing.name}" is archived: unarchive it before importing it.`);

    // Rows for the same item must agree on what the item is.
    if (ref) {
      for (const field of Object.keys(ITEM_COLUMN) as Array<keyof ItemValues>) {
        const mine = read.item[field];
        const theirs = ref.given[field];
        if (mine === undefined || theirs === undefined) continue;
        const same = field === "sku" ? skuKey(String(mine)) === skuKey(String(theirs)) : mine === theirs;
        if (!same) err(ITEM_COLUMN[field], `Differs from line ${ref.givenLine[field]}, which describes the same item.`);
      }
    }

    // Supplier and its price.
    let supplier: SupplierRef | null = null;
    if (read.supplier) {
      const key = nameKey(read.supplier);
      const known = suppliersByName.get(`=${read.supplier}`) ?? suppliersByName.get(key);
      if (known?.archived) err("supplier", `Supplier "${known.name}" is archived.`);
      supplier = supplierRefs.get(key) ?? {
        id: known?.id ?? "",
        name: known?.name ?? read.supplier,
        existing: known ?? null,
        firstLine: row.line,
      };
      const seen = ref?.suppliers.get(key);
      if (seen !== undefined) err("supplier", `Duplicate of line ${seen}: the same item and supplier.`);
      const known_link = known && existing ? linksByKey.get(`${known.id}|${existing.id}`) : undefined;
      if (!known_link && read.link.unitPrice === undefined) err("unit_price", "A price is required for a new supplier item.");
      if (read.preferred && ref?.preferred)
        err("preferred", `Line ${ref.preferred.line} already makes another supplier preferred for this item.`);
    } else if (ref?.suppliers.has("")) {
      err(sku ? "sku" : "gtin", `Duplicate of line ${ref.suppliers.get("")}: the same item again.`);
    }

    if (errors.length > errorsBefore) {
      summary.rowsWithErrors++;
      continue;
    }

    // The row is good: record it.
    if (!ref) {
      ref = {
        id: existing?.id ?? newId(),
        existing,
        firstLine: row.line,
        given: {},
        givenLine: {},
        suppliers: new Map(),
        links: [],
        preferred: null,
      };
      refs.push(ref);
      if (existing) refsByItemId.set(existing.id, ref);
    }
    for (const field of Object.keys(ITEM_COLUMN) as Array<keyof ItemValues>) {
      if (read.item[field] !== undefined && ref.given[field] === undefined) {
        (ref.given as Record<string, unknown>)[field] = read.item[field];
        ref.givenLine[field] = row.line;
      }
    }
    if (sku) fileSku.set(sku, ref);
    if (gtin) fileGtin.set(gtin, ref);
    if (supplier) {
      const key = nameKey(supplier.name);
      if (!supplierRefs.has(key)) {
        if (!supplier.existing) supplier.id = newId();
        supplierRefs.set(key, supplier);
      }
      ref.suppliers.set(key, row.line);
      ref.links.push({ line: row.line, supplier, values: read.link });
      if (read.preferred) ref.preferred = { line: row.line, supplier };
    } else {
      ref.suppliers.set("", row.line);
    }
  }
  return { refs, supplierRefs, linksByKey };
}
