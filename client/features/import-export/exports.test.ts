import { describe, expect, it } from "vitest";
import { planImport } from "../../../shared/import/plan.js";
import type { BatchRow, InventoryRow, ItemRow, LocationRow, SupplierItemRow, SupplierRow } from "../../../shared/protocol/entities.js";
import { parseImportCsv, toCsv } from "./csv.js";
import { itemsSheet, stockSheet, suppliersSheet } from "./exports.js";

const item = (over: Partial<ItemRow> & { id: string; name: string }): ItemRow => ({
  version: 1,
  productId: null,
  gtin: null,
  sku: null,
  unit: "each",
  packSize: 1,
  reorderPoint: null,
  reorderQuantity: null,
  defaultSupplierId: null,
  batchTracked: false,
  archived: false,
  category: null,
  notes: null,
  ...over,
});
const supplier = (id: string, name: string, archived = false): SupplierRow => ({
  id,
  version: 1,
  globalSupplierId: null,
  name,
  accountNumber: null,
  orderEmail: null,
  phone: null,
  notes: null,
  archived,
});
const price = (over: Partial<SupplierItemRow> & { id: string; supplierId: string; itemId: string }): SupplierItemRow => ({
  version: 1,
  supplierSku: null,
  unitPrice: "1.0000",
  currency: "GBP",
  packSize: 1,
  minimumOrder: 1,
  leadTimeDays: null,
  ...over,
});

const items = [
  item({
    id: "i1",
    name: 'Gloves, nitrile "M"',
    sku: "GLV-M",
    gtin: "05012345678900",
    unit: "box",
    packSize: 100,
    category: "Consumables",
    defaultSupplierId: "s2",
  }),
  item({ id: "i2", name: "Flu vaccine", gtin: "04006381333931", batchTracked: true, unit: "dose" }),
  item({ id: "i3", name: "Old swabs", sku: "OLD", archived: true }),
];
const suppliers = [supplier("s1", "Henry Schein"), supplier("s2", "MediSupply"), supplier("s3", "Gone Ltd", true)];
const prices = [
  price({ id: "p1", supplierId: "s1", itemId: "i1", unitPrice: "13.0000", currency: "EUR" }),
  price({
    id: "p2",
    supplierId: "s2",
    itemId: "i1",
    unitPrice: "12.5000",
    supplierSku: "MS-1",
    packSize: 10,
    minimumOrder: 2,
    leadTimeDays: 3,
  }),
  price({ id: "p3", supplierId: "s3", itemId: "i2", unitPrice: "9.0000" }),
];

describe("exports", () => {
  it("the items export, imported back into the replica it came from, plans nothing", () => {
    const sheet = itemsSheet(items, suppliers, prices);
    // Archived items and archived suppliers' prices stay out; one row per active price.
    expect(sheet.rows.map((r) => [r[0], r[7], r[9], r[14]])).toEqual([
      ["Flu vaccine", null, null, null],
      ['Gloves, nitrile "M"', "Henry Schein", "13.0000", false],
      ['Gloves, nitrile "M"', "MediSupply", "12.5000", true],
    ]);
    const parsed = parseImportCsv(toCsv(sheet.header, sheet.rows));
    expect(parsed.errors).toEqual([]);
    const plan = planImport(parsed, { items, suppliers, supplierItems: prices }, { newId: () => crypto.randomUUID() });
    expect(plan.errors).toEqual([]);
    expect(plan.ops).toEqual([]);
  });

  it("suppliers with prices: one row per price, prices as stored decimal text", () => {
    const sheet = suppliersSheet(suppliers, prices, items);
    expect(sheet.rows.map((r) => [r[0], r[4], r[5], r[9], r[10], r[14]])).toEqual([
      ["Gone Ltd", true, "Flu vaccine", "9.0000", "GBP", false],
      ["Henry Schein", false, 'Gloves, nitrile "M"', "13.0000", "EUR", false],
      ["MediSupply", false, 'Gloves, nitrile "M"', "12.5000", "GBP", true],
    ]);
  });

  it("stock by location path and batch, first expiry first, empty rows left out", () => {
    const locations: LocationRow[] = [
      { id: "l1", version: 1, parentId: null, name: "Main", archived: false },
      { id: "l2", version: 1, parentId: "l1", name: "Fridge", archived: false },
    ];
    const batches: BatchRow[] = [
      { id: "b1", version: 1, itemId: "i2", lot: "LATE", expiryDate: "2027-03-31", expiryRaw: "270300" },
      { id: "b2", version: 1, itemId: "i2", lot: "SOON", expiryDate: "2026-12-31", expiryRaw: "261231" },
    ] as BatchRow[];
    const inventory: InventoryRow[] = [
      { id: "v1", version: 1, locationId: "l2", itemId: "i2", batchId: "b1", quantity: 5 },
      { id: "v2", version: 1, locationId: "l2", itemId: "i2", batchId: "b2", quantity: 3 },
      { id: "v3", version: 1, locationId: "l1", itemId: "i1", batchId: null, quantity: 0 },
      { id: "v4", version: 1, locationId: "l1", itemId: "i1", batchId: null, quantity: 40 },
    ];
    expect(stockSheet(locations, items, batches, inventory).rows).toEqual([
      ["Main", 'Gloves, nitrile "M"', "GLV-M", "05012345678900", "box", null, null, 40],
      ["Main / Fridge", "Flu vaccine", null, "04006381333931", "dose", "SOON", "2026-12-31", 3],
      ["Main / Fridge", "Flu vaccine", null, "04006381333931", "dose", "LATE", "2027-03-31", 5],
    ]);
  });
});
