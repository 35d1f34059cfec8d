/**
 * The import planner: rows of an item file + what the replica already holds → per-row errors and the
 * mutations that bring the practice to what the file says, and nothing more. Pure: no storage, no
 * clock; ids come from `newId`. Re-planning the same file against the replica it produced yields no
 * mutations, which is what makes a re-import safe (a second run changes nothing).
 *
 * Matching: a row names an existing item by SKU (exact, surrounding spaces ignored), else by GTIN. Rows that name
 * the same item (one per supplier) must agree on the item's columns. A blank optional cell leaves an
 * existing value alone and takes the default for a new item.
 */
import { ITEM_CATEGORY_MAX, ITEM_NAME_MAX, ITEM_SKU_MAX, ITEM_UNIT_MAX, PACK_SIZE_MAX } from "../catalogue/rules.js";
import { DEFAULT_CURRENCY } from "../suppliers/money.js";
import { LEAD_TIME_DAYS_MAX, MINIMUM_ORDER_MAX, SUPPLIER_NAME_MAX } from "../suppliers/rules.js";
import { IMPORT_COLUMNS, SUPPLIER_COLUMNS, type ImportColumn } from "./columns.js";
import { readBool, readCurrency, readGtin, readInt, readPrice, readText, samePrice, type Read } from "./values.js";

/** One data row of the file: where it starts in the file, and its cells by column (trimmed; blanks omitted or ""). */
export interface ImportRow {
  line: number;
  cells: Partial<Record<ImportColumn, string>>;
}

export interface ImportFile {
  /** The contract columns present in the header. */
  columns: readonly ImportColumn[];
  rows: readonly ImportRow[];
}

/** A reason a row (or the file, line 1) is not imported. `column` is null when no single column is at fault. */
export interface RowError {
  line: number;
  column: ImportColumn | null;
  reason: string;
}

// What the planner needs to know of the replica (structural: the replica's rows have more fields).
export interface KnownItem {
  id: string;
  name: string;
  sku: string | null;
  gtin: string | null;
  unit: string;
  packSize: number;
  category: string | null;
  batchTracked: boolean;
  archived: boolean;
  defaultSupplierId: string | null;
}
export interface KnownSupplier {
  id: string;
  name: string;
  archived: boolean;
}
export interface KnownSupplierItem {
  id: string;
  supplierId: string;
  itemId: string;
  supplierSku: string | null;
  unitPrice: string;
  currency: string;
  packSize: number;
  minimumOrder: number;
  leadTimeDays: number | null;
}
export interface ReplicaSnapshot {
  items: readonly KnownItem[];
  suppliers: readonly KnownSupplier[];
  supplierItems: readonly KnownSupplierItem[];
}

export interface ItemValues {
  name: string;
  sku: string | null;
  gtin: string | null;
  unit: string;
  packSize: number;
  category: string | null;
  batchTracked: boolean;
}
export interface SupplierItemValues {
  supplierSku: string | null;
  unitPrice: string;
  currency: string;
  packSize: number;
  minimumOrder: number;
  leadTimeDays: number | null;
}

/** A write the import will queue, with the file line it comes from (for progress and notices). */
export type PlannedOp =
  | { kind: "supplier.create"; line: number; args: { id: string; name: string } }
  | { kind: "item.create"; line: number; args: { id: string } & ItemValues }
  | { kind: "item.update"; line: number; args: { id: string } & Partial<ItemValues> }
  | {
      kind: "supplierItem.set";
      line: number;
      create: boolean;
      args: { id: string; supplierId: string; itemId: string; preferred?: true } & SupplierItemValues;
    }
  | { kind: "item.setPreferredSupplier"; line: number; args: { itemId: string; supplierId: string } };

export interface ImportPlan {
  errors: RowError[];
  ops: PlannedOp[];
  summary: {
    rows: number;
    rowsWithErrors: number;
    itemsCreated: number;
    itemsUpdated: number;
    suppliersCreated: number;
    pricesSet: number;
    preferredSet: number;
  };
}

export interface PlanOptions {
  newId: () => string;
}

/** SKUs match exactly after trimming, as the database's unique key (practiceId, sku) and the item rules do. */
const skuKey = (sku: string) => sku.trim();
/** Supplier names match without case ("medisupply" is the practice's "MediSupply"), exact spelling first. */
const nameKey = (name: string) => name.trim().toLowerCase();

/** The supplier's code for an item: the length supplierItem.set takes. */
const SUPPLIER_SKU_MAX = 64;

/** The cells of one row, read: item fields (undefined = blank), supplier fields, or the errors found. */
interface ReadRow {
  line: number;
  item: { [K in keyof ItemValues]?: ItemValues[K] } & { name?: string };
  supplier: string | null;
  link: { [K in keyof SupplierItemValues]?: SupplierItemValues[K] };
  preferred: boolean | null;
}

function readRow(row: ImportRow, errors: RowError[]): ReadRow | null {
  const before = errors.length;
  const cell = (c: ImportColumn) => (row.cells[c] ?? "").trim();
  const take = <T>(c: ImportColumn, read: (v: string) => Read<T>): T | undefined => {
    const v = cell(c);
    if (v === "") return undefined;
    const r = read(v);
    if (r.ok) return r.value;
    errors.push({ line: row.line, column: c, reason: r.reason });
    return undefined;
  };
  const out: ReadRow = { line: row.line, item: {}, supplier: null, link: {}, preferred: null };
  out.item.name = take("name", (v) => readText(v, ITEM_NAME_MAX));
  if (cell("name") === "") errors.push({ line: row.line, column: "name", reason: "Name is required." });
  out.item.sku = take("sku", (v) => readText(v, ITEM_SKU_MAX));
  out.item.gtin = take("gtin", readGtin);
  if (cell("sku") === "" && cell("gtin") === "") {
    errors.push({ line: row.line, column: "sku", reason: "Give a sku or a gtin: a re-import finds the item by them." });
  }
  out.item.unit = take("unit", (v) => readText(v, ITEM_UNIT_MAX));
  out.item.packSize = take("pack_size", (v) => readInt(v, 1, PACK_SIZE_MAX));
  out.item.category = take("category", (v) => readText(v, ITEM_CATEGORY_MAX));
  out.item.batchTracked = take("batch_tracked", readBool);
  out.supplier = take("supplier", (v) => readText(v, SUPPLIER_NAME_MAX)) ?? null;
  out.link.supplierSku = take("supplier_sku", (v) => readText(v, SUPPLIER_SKU_MAX));
  out.link.unitPrice = take("unit_price", readPrice);
  out.link.currency = take("currency", readCurrency);
  out.link.packSize = take("supplier_pack_size", (v) => readInt(v, 1, PACK_SIZE_MAX));
  out.link.minimumOrder = take("minimum_order", (v) => readInt(v, 1, MINIMUM_ORDER_MAX));
  out.link.leadTimeDays = take("lead_time_days", (v) => readInt(v, 0, LEAD_TIME_DAYS_MAX));
  out.preferred = take("preferred", readBool) ?? null;
  if (cell("supplier") === "") {
    const orphan = SUPPLIER_COLUMNS.find((c) => cell(c) !== "");
    if (orphan) errors.push({ line: row.line, column: "supplier", reason: `Name the supplier that ${orphan} belongs to.` });
  }
  return errors.length === before ? out : null;
}

/** One item the file describes: existing (matched in the replica) or new. */
interface ItemRef {
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

interface SupplierRef {
  id: string;
  name: string;
  existing: KnownSupplier | null;
  firstLine: number;
}

const ITEM_COLUMN: Record<keyof ItemValues, ImportColumn> = {
  name: "name",
  sku: "sku",
  gtin: "gtin",
  unit: "unit",
  packSize: "pack_size",
  category: "category",
  batchTracked: "batch_tracked",
};

export function planImport(file: ImportFile, replica: ReplicaSnapshot, options: PlanOptions): ImportPlan {
  const errors: RowError[] = [];
  const summary: ImportPlan["summary"] = {
    rows: file.rows.length,
    rowsWithErrors: 0,
    itemsCreated: 0,
    itemsUpdated: 0,
    suppliersCreated: 0,
    pricesSet: 0,
    preferredSet: 0,
  };
  if (!file.columns.includes("name")) errors.push({ line: 1, column: "name", reason: 'The header has no "name" column.' });
  if (!file.columns.includes("sku") && !file.columns.includes("gtin")) {
    errors.push({ line: 1, column: "sku", reason: 'The header needs a "sku" or a "gtin" column to match items on re-import.' });
  }
  if (errors.length > 0) return { errors, ops: [], summary: { ...summary, rowsWithErrors: file.rows.length } };

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

  for (const row of file.rows) {
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
        id: existing?.id ?? options.newId(),
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
        if (!supplier.existing) supplier.id = options.newId();
        supplierRefs.set(key, supplier);
      }
      ref.suppliers.set(key, row.line);
      ref.links.push({ line: row.line, supplier, values: read.link });
      if (read.preferred) ref.preferred = { line: row.line, supplier };
    } else {
      ref.suppliers.set("", row.line);
    }
  }

  // Written in phases, each in file order: suppliers, items, prices, then the preferred flags left.
  // Every write still follows what it needs, and a phase is one long run of one mutation, which the
  // server applies set-based (a handful of statements per run of a push chunk, not a few per row).
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
      ops.push({
        kind: "item.create",
        line: ref.firstLine,
        args: {
          id: ref.id,
          name: g.name!,
          sku: g.sku ?? null,
          gtin: g.gtin ?? null,
          unit: g.unit ?? "each",
          packSize: g.packSize ?? 1,
          category: g.category ?? null,
          batchTracked: g.batchTracked ?? false,
        },
      });
      summary.itemsCreated++;
    } else {
      const changes = itemChanges(ref.existing, g);
      if (Object.keys(changes).length > 0) {
        ops.push({ kind: "item.update", line: ref.firstLine, args: { id: ref.id, ...changes } });
        summary.itemsUpdated++;
      }
    }
    // The preferred flag rides on the price's own write when there is one (one mutation, not two).
    let preferredPending = ref.preferred !== null && ref.existing?.defaultSupplierId !== ref.preferred.supplier.id;
    if (preferredPending) summary.preferredSet++;
    for (const link of ref.links) {
      const known = link.supplier.existing && ref.existing ? linksByKey.get(`${link.supplier.id}|${ref.id}`) : undefined;
      const merged = mergeLink(known, link.values);
      if (known && sameLink(known, merged)) continue;
      const preferred = preferredPending && ref.preferred?.supplier === link.supplier;
      if (preferred) preferredPending = false;
      priceOps.push({
        kind: "supplierItem.set",
        line: link.line,
        create: !known,
        args: {
          id: known?.id ?? options.newId(),
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
  return { errors, ops, summary };
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

/** The template: the header and one example row, in contract order. */
export function templateRows(): { header: string[]; example: string[] } {
  return { header: IMPORT_COLUMNS.map((c) => c.name), example: IMPORT_COLUMNS.map((c) => c.example) };
}
